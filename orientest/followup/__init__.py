"""Follow-up, daily: reminders before the date, feedback after it, no-shows, closing, record updates."""

from orientest.followup.run import FLOW, TABS, decide

__all__ = ["FLOW", "TABS", "decide"]
