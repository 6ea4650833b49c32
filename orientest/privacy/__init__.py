"""Personal data: what is held on a person, exporting it, anonymising it (retention or the person's request)."""

from orientest.privacy.personal_data import anonymised, due_for_retention, erasure, export, related

__all__ = ["anonymised", "due_for_retention", "erasure", "export", "related"]
