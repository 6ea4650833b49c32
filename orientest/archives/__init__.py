"""The archive of each finished school year: what leaves the live workbook, and how a move is checked."""

from orientest.archives.moving import missing
from orientest.archives.selection import ARCHIVE_DAY, TABS, Selection, due, label, last_finished, select

__all__ = ["ARCHIVE_DAY", "TABS", "Selection", "due", "label", "last_finished", "missing", "select"]
