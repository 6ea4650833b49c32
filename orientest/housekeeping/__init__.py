"""Housekeeping, daily: charter revisions to accept, personal data kept no longer than needed."""

from orientest.housekeeping.run import FLOW, TABS, decide

__all__ = ["FLOW", "TABS", "decide"]
