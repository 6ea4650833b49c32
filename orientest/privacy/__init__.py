"""Personal data: what is held on a person, exporting it, anonymising it (retention or the person's request)."""

from orientest.privacy.personal_data import (
    anonymised,
    changes,
    due_for_retention,
    erasure,
    export,
    gone_before,
    related,
    sent_before,
)

__all__ = [
    "anonymised",
    "changes",
    "due_for_retention",
    "erasure",
    "export",
    "gone_before",
    "related",
    "sent_before",
]
