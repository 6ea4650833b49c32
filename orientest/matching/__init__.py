"""Matching: answers, reminders, expiries and staff columns, then every open request assigned at once."""

from orientest.matching.acceptance import back_to_search_if_idle
from orientest.matching.cancellation import hand_over
from orientest.matching.run import FLOW, TABS, decide

__all__ = ["FLOW", "TABS", "back_to_search_if_idle", "decide", "hand_over"]
