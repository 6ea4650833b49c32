"""Reporting: the workbook as dated facts, the indicators of design §6, the monthly report."""

from orientest.reporting.run import FLOW, TABS, decide

__all__ = ["FLOW", "TABS", "decide"]
