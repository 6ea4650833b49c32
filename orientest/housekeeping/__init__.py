"""Housekeeping, daily: charter revisions to accept, personal data kept no longer than needed."""

from orientest.housekeeping.run import FLOW, TABS, decide, retain_in_archive

__all__ = ["FLOW", "TABS", "decide", "retain_in_archive"]
