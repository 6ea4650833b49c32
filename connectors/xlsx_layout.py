"""How the .xlsx looks to staff: frozen headers, drop-down lists, readable widths, a colour per status."""

from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from orientest.core.schema import TABS, Column, Owner, Tab, match_headers
from orientest.statuses.ambassadors import AmbassadorStatus
from orientest.statuses.requests import RequestStatus

HEADER_COLOURS = {
    Owner.FORM: "E7E6E6",  # grey: what the forms wrote
    Owner.FLOW: "DDEBF7",  # blue: written by orientest
    Owner.STAFF: "FFF2CC",  # yellow: yours to type in
}
HEADER_FILLS = {owner: PatternFill("solid", fgColor=colour) for owner, colour in HEADER_COLOURS.items()}
STATUS_COLOURS: dict[str, str] = {
    RequestStatus.NEW: "FFFFFF",
    RequestStatus.INCOMPLETE: "F8CBAD",
    RequestStatus.SEARCHING: "FFE699",
    RequestStatus.PROPOSED: "FFD966",
    RequestStatus.PARTLY_FILLED: "E2EFDA",
    RequestStatus.CONFIRMED: "C6EFCE",
    RequestStatus.ALTERNATIVES_OFFERED: "FCE4D6",
    RequestStatus.DONE: "A9D08E",
    RequestStatus.NO_SHOW: "F4B084",
    RequestStatus.CLOSED: "D9D9D9",
    RequestStatus.CANCELLED: "BFBFBF",
    RequestStatus.NO_SOLUTION: "FF9999",
    RequestStatus.DUPLICATE: "E4DFEC",
    AmbassadorStatus.TO_VALIDATE: "FFE699",
    AmbassadorStatus.ACTIVE: "C6EFCE",
    AmbassadorStatus.SUSPENDED: "F4B084",
    AmbassadorStatus.RETIRED: "BFBFBF",
}
LAST_ROW = 100_000


def ensure(book: Workbook, initial_rows: Mapping[str, list[dict[str, str]]], sheets: Mapping[str, str]) -> None:
    """Every tab of the design with its columns; initial rows only into tabs created now. `sheets`: tab name → the
    sheet already holding it."""
    for tab in TABS.values():
        if tab.name in sheets:
            existing = book[sheets[tab.name]]
            headers = [str(c.value or "") for c in existing[1]]
            owned = tab.titles(Owner.FLOW) + tab.titles(Owner.STAFF)
            add_missing_columns(existing, tab, match_headers(tab, headers), owned)
            continue
        sheet = new_sheet(book, tab)
        for values in initial_rows.get(tab.name, []):
            sheet.append([values.get(column.title, "") for column in tab.columns])


def new_sheet(book: Workbook, tab: Tab) -> Worksheet:
    sheet = book.create_sheet(tab.name)
    sheet.append([column.title for column in tab.columns])
    for position, column in enumerate(tab.columns, start=1):
        _dress_column(sheet, position, column)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(tab.columns))}1"
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
        _dress_column(sheet, position, column)
        positions[title] = position - 1
    return positions


def _dress_column(sheet: Worksheet, position: int, column: Column) -> None:
    header = sheet.cell(1, position)
    header.font = Font(bold=True)
    header.fill = HEADER_FILLS[column.owner]
    header.alignment = Alignment(wrap_text=True, vertical="center")
    letter = get_column_letter(position)
    sheet.column_dimensions[letter].width = column.width
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
