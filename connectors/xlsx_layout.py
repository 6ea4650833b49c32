"""How the .xlsx looks to staff: À faire first, staff's columns first and frozen, a note on every header, drop-down
lists, readable widths, a colour per status, bookkeeping columns hidden, printed landscape on the page's width."""

from collections.abc import Iterable, Mapping, Sequence

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from orientest.core.column_notes import FROZEN_COLUMNS, TECHNICAL, display_order, note
from orientest.core.schema import TABS, Column, Owner, Tab, match_headers
from orientest.statuses.ambassadors import AmbassadorStatus
from orientest.statuses.requests import RequestStatus

HEADER_COLOURS = {
    Owner.FORM: "E7E6E6",  # grey: what the forms wrote
    Owner.FLOW: "DDEBF7",  # blue: written by orientest
    Owner.STAFF: "FFF2CC",  # yellow: yours to type in
}
HEADER_FILLS = {owner: PatternFill("solid", fgColor=colour) for owner, colour in HEADER_COLOURS.items()}
STATUS_COLOURS: dict[str, str] = {  # light enough for black text, each pair apart (tests/unit/test_status_colours.py)
    RequestStatus.NEW: "FFFFFF",
    RequestStatus.INCOMPLETE: "F4CCCC",
    RequestStatus.SEARCHING: "FFF2CC",
    RequestStatus.PROPOSED: "FFD966",
    RequestStatus.PARTLY_FILLED: "C9DAF8",
    RequestStatus.CONFIRMED: "B6D7A8",
    RequestStatus.ALTERNATIVES_OFFERED: "F9CB9C",
    RequestStatus.DONE: "93C47D",
    RequestStatus.NO_SHOW: "F6B26B",
    RequestStatus.CLOSED: "D9D9D9",
    RequestStatus.CANCELLED: "A6A6A6",
    RequestStatus.NO_SOLUTION: "E06666",
    RequestStatus.DUPLICATE: "B4A7D6",
    AmbassadorStatus.TO_VALIDATE: "FFF2CC",
    AmbassadorStatus.ACTIVE: "B6D7A8",
    AmbassadorStatus.SUSPENDED: "F6B26B",
    AmbassadorStatus.RETIRED: "A6A6A6",
}
LAST_ROW = 100_000
HEADER_HEIGHT = 45  # three lines of a wrapped header: it no longer covers the first row
MULTI_LINE = frozenset({"Anomalies", "Motif", "Pistes", "Détail", "Événement", "Pourquoi", "Message", "Commentaire"})


LINE_HEIGHT = 15.0  # points: one line of 11-point text
MOST_LINES = 6  # a taller cell is read whole by clicking it: the rows stay a screen's worth


def row_height(tab: Tab, texts: Mapping[str, str]) -> float:
    """The height a row needs for its wrapped cells: each text line, cut at the column's width, up to `MOST_LINES`."""
    lines = 1
    for title, text in texts.items():
        width = max(tab.column(title).width - 2, 8)  # characters that fit, about, in the column's width
        count = sum(max(1, -(-len(part) // width)) for part in text.split("\n")) if text else 1
        lines = max(lines, count)
    return min(lines, MOST_LINES) * LINE_HEIGHT


def ensure(
    book: Workbook,
    initial_rows: Mapping[str, list[dict[str, str]]],
    sheets: Mapping[str, str],
    tabs: Iterable[str] | None = None,
) -> None:
    """Every tab of the design (or of `tabs`) with its columns; initial rows only into tabs created now. `sheets`:
    tab name → the sheet already holding it."""
    for tab in TABS.values() if tabs is None else [TABS[name] for name in tabs]:
        if tab.name in sheets:
            existing = book[sheets[tab.name]]
            headers = [str(c.value or "") for c in existing[1]]
            owned = tab.titles(Owner.FLOW) + tab.titles(Owner.STAFF)
            add_missing_columns(existing, tab, match_headers(tab, headers), owned)
            continue
        sheet = new_sheet(book, tab)
        order = display_order(tab)
        for values in initial_rows.get(tab.name, []):
            sheet.append([values.get(column.title, "") for column in order])
    if "À faire" in book.sheetnames:  # the tab staff open first
        book.move_sheet("À faire", offset=-book.sheetnames.index("À faire"))
        book.active = 0


def new_sheet(book: Workbook, tab: Tab) -> Worksheet:
    sheet = book.create_sheet(tab.name)
    order = display_order(tab)
    sheet.append([column.title for column in order])
    for position, column in enumerate(order, start=1):
        _dress_column(sheet, position, column, tab)
    sheet.freeze_panes = f"{get_column_letter(FROZEN_COLUMNS.get(tab.name, 0) + 1)}2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(order))}1"
    sheet.row_dimensions[1].height = HEADER_HEIGHT
    sheet.page_setup.orientation = "landscape"  # printed: as wide as the page, as many pages long as needed
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return sheet


def add_missing_columns(sheet: Worksheet, tab: Tab, positions: dict[str, int], titles: Sequence[str]) -> dict[str, int]:
    """Flow-owned (and staff) columns the tab lacks are added at its right end; returns the new positions."""
    positions = dict(positions)
    for title in titles:
        if title in positions:
            continue
        column = tab.column(title)
        if column.owner is Owner.FORM:
            continue
        position = max((c.column for c in sheet[1] if c.value not in (None, "")), default=0) + 1
        sheet.cell(1, position, title)
        _dress_column(sheet, position, column, tab)
        positions[title] = position - 1
    return positions


def _dress_column(sheet: Worksheet, position: int, column: Column, tab: Tab) -> None:
    header = sheet.cell(1, position)
    header.font = Font(bold=True)
    header.fill = HEADER_FILLS[column.owner]
    header.alignment = Alignment(wrap_text=True, vertical="center")
    header.comment = Comment(note(tab, column), "orientest", width=320, height=110)
    letter = get_column_letter(position)
    sheet.column_dimensions[letter].width = column.width
    sheet.column_dimensions[letter].hidden = column.title in TECHNICAL
    # Every cell at the top of its row (a tall row's ID and status stay level with its first line); long texts wrap.
    sheet.column_dimensions[letter].alignment = Alignment(wrap_text=column.title in MULTI_LINE, vertical="top")
    cells = f"{letter}2:{letter}{LAST_ROW}"
    if column.choices:
        listed = ",".join(column.choices)
        validation = DataValidation(
            type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=column.owner is Owner.STAFF
        )
        validation.error = "Choisissez une valeur de la liste."
        validation.add(cells)
        sheet.add_data_validation(validation)
    if column.title == "Statut":
        for status in column.choices:
            colour = STATUS_COLOURS.get(status)
            if colour:
                fill = PatternFill("solid", fgColor=colour, bgColor=colour)
                rule = CellIsRule(operator="equal", formula=[f'"{status}"'], fill=fill)
                sheet.conditional_formatting.add(cells, rule)
