"""The « À faire » tab: what needs a person now, rebuilt from the workbook by every run."""

from orientest.worklist.lines import KINDS, TABS, Line, lines, rows, unchanged

__all__ = ["KINDS", "TABS", "Line", "lines", "rows", "unchanged"]
