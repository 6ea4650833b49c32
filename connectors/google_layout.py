"""How the Google workbook looks to staff, as Sheets API requests: the same tabs and columns as the .xlsx.

Only headers and presentation change: form answers are never written, existing columns never moved.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from connectors.a1 import column_letters, quoted
from connectors.xlsx_layout import HEADER_COLOURS, STATUS_COLOURS
from orientest.core.column_notes import TECHNICAL, display_order, note
from orientest.core.schema import TABS as TAB_BY_NAME
from orientest.core.schema import Column, Kind, Owner, Tab, match_headers

if TYPE_CHECKING:  # google_sheets builds the layout: imported for its type only
    from connectors.google_sheets import SheetInfo

TABS = tuple(TAB_BY_NAME.values())
FIRST_TAB = "À faire"  # the tab staff open first: what needs them today
PROTECTION_NOTE = "Écrit par orientest : modifier seulement en connaissance de cause"


class Layout:
    """The structural requests (one batchUpdate) and header cells (one values batchUpdate) `init` needs."""

    def __init__(
        self,
        present: Mapping[str, "SheetInfo | None"],
        headers: Mapping[str, list[str]],
        initial_rows: Mapping[str, list[dict[str, str]]],
        next_sheet_id: int,
        tabs: Iterable[str] | None = None,
    ):
        self.structure: list[dict] = []
        self.cells: list[dict] = []
        self.next_sheet_id = next_sheet_id
        wanted = None if tabs is None else set(tabs)
        for tab in (tab for tab in TABS if wanted is None or tab.name in wanted):
            sheet = present.get(tab.name)
            if sheet is None:
                self._create(tab, initial_rows.get(tab.name, []))
            else:
                self._complete(tab, sheet, headers.get(sheet.title, []))

    def _create(self, tab: Tab, rows: list[dict[str, str]]) -> None:
        sheet_id, self.next_sheet_id = self.next_sheet_id, self.next_sheet_id + 1
        # A form's tab keeps the form's order: once linked, Google Forms writes its own sheet, question after question.
        order = tab.columns if tab.titles(Owner.FORM) else display_order(tab)
        self.structure.append(
            {
                "addSheet": {
                    "properties": {
                        "sheetId": sheet_id,
                        "title": tab.name,
                        "gridProperties": {
                            "rowCount": max(1000, len(rows) + 1),
                            "columnCount": len(order),
                            "frozenRowCount": 1,
                        },
                        **({"index": 0} if tab.name == FIRST_TAB else {}),
                    }
                }
            }
        )
        values = [[column.title for column in order]]
        values += [[row.get(column.title, "") for column in order] for row in rows]
        self.cells.append({"range": f"{quoted(tab.name)}!A1", "majorDimension": "ROWS", "values": values})
        for position, column in enumerate(order):
            self._dress(sheet_id, position, column, protected=False, coloured=False)
            self.structure.append(_width(sheet_id, position, column))
            self.structure.append(_note(sheet_id, position, note(tab, column)))
            if column.title in TECHNICAL:
                self.structure.append(_hidden(sheet_id, position))
        positions = {column.title: position for position, column in enumerate(order)}
        self._filters(tab, sheet_id, positions, len(order), filtered=False, views=())

    def _complete(self, tab: Tab, sheet, headers: list[str]) -> None:
        found = match_headers(tab, headers)
        width = len(headers)
        for column in tab.columns:
            if column.title not in found and column.owner is not Owner.FORM:
                found[column.title] = width
                self.cells.append(
                    {
                        "range": f"{quoted(sheet.title)}!{column_letters(width)}1",
                        "majorDimension": "ROWS",
                        "values": [[column.title]],
                    }
                )
                self.structure.append(_width(sheet.sheet_id, width, column))
                if column.title in TECHNICAL:  # only as it is added: a column staff showed again stays shown
                    self.structure.append(_hidden(sheet.sheet_id, width))
                width += 1
        for title, position in found.items():  # one note per known header: staff's own notes elsewhere stay
            self.structure.append(_note(sheet.sheet_id, position, note(tab, tab.column(title))))
        self._filters(tab, sheet.sheet_id, found, max(width, sheet.columns), sheet.filtered, sheet.views)
        if width > sheet.columns:
            self.structure.insert(
                0,
                {
                    "appendDimension": {
                        "sheetId": sheet.sheet_id,
                        "dimension": "COLUMNS",
                        "length": width - sheet.columns,
                    }
                },
            )
        if sheet.frozen == 0:
            self.structure.append(
                {
                    "updateSheetProperties": {
                        "properties": {"sheetId": sheet.sheet_id, "gridProperties": {"frozenRowCount": 1}},
                        "fields": "gridProperties.frozenRowCount",
                    }
                }
            )
        protected = {_columns_of(p.get("range", {})) for p in sheet.protected}
        coloured = {_columns_of(r) for rule in sheet.conditional for r in rule.get("ranges", [])}
        for title, position in found.items():
            self._dress(
                sheet.sheet_id,
                position,
                tab.column(title),
                protected=(position, position + 1) in protected,
                coloured=(position, position + 1) in coloured,
            )

    def _filters(
        self, tab: Tab, sheet_id: int, positions: Mapping[str, int], width: int, filtered: bool, views: Sequence[str]
    ) -> None:
        """A header filter on every tab, and the filter views of each staff task, made once (staff may change them)."""
        whole = {"sheetId": sheet_id, "startRowIndex": 0, "startColumnIndex": 0, "endColumnIndex": width}
        if not filtered:
            self.structure.append({"setBasicFilter": {"filter": {"range": whole}}})
        for view in VIEWS.get(tab.name, ()):
            if view.title not in views and view.column in positions:
                self.structure.append({"addFilterView": {"filter": view.request(whole, positions[view.column])}})

    def _dress(self, sheet_id: int, position: int, column: Column, protected: bool, coloured: bool) -> None:
        header = {
            "sheetId": sheet_id,
            "startRowIndex": 0,
            "endRowIndex": 1,
            "startColumnIndex": position,
            "endColumnIndex": position + 1,
        }
        cells = {"sheetId": sheet_id, "startRowIndex": 1, "startColumnIndex": position, "endColumnIndex": position + 1}
        self.structure.append(
            {
                "repeatCell": {
                    "range": header,
                    "fields": "userEnteredFormat(backgroundColor,textFormat,wrapStrategy)",
                    "cell": {
                        "userEnteredFormat": {
                            "backgroundColor": _rgb(HEADER_COLOURS[column.owner]),
                            "textFormat": {"bold": True},
                            "wrapStrategy": "WRAP",
                        }
                    },
                }
            }
        )
        if column.kind is Kind.DATE:  # orientest writes its days as dates (serials): shown JJ/MM/AAAA
            self.structure.append(
                {
                    "repeatCell": {
                        "range": cells,
                        "cell": {"userEnteredFormat": {"numberFormat": {"type": "DATE", "pattern": "dd/mm/yyyy"}}},
                        "fields": "userEnteredFormat.numberFormat",
                    }
                }
            )
        if column.choices:
            self.structure.append(
                {
                    "setDataValidation": {
                        "range": cells,
                        "rule": {
                            "condition": {
                                "type": "ONE_OF_LIST",
                                "values": [{"userEnteredValue": c} for c in column.choices],
                            },
                            "strict": column.owner is Owner.STAFF,
                            "showCustomUi": True,
                        },
                    }
                }
            )
        if column.owner is Owner.FLOW and not protected:
            # Warning only: staff may still override a decision, after a confirmation dialog.
            self.structure.append(
                {
                    "addProtectedRange": {
                        "protectedRange": {
                            "range": cells,
                            "description": f"{PROTECTION_NOTE} (« {column.title} »)",
                            "warningOnly": True,
                        }
                    }
                }
            )
        if column.title == "Statut" and not coloured:
            for status in column.choices:
                if status in STATUS_COLOURS:
                    self.structure.append(
                        {
                            "addConditionalFormatRule": {
                                "index": 0,
                                "rule": {
                                    "ranges": [cells],
                                    "booleanRule": {
                                        "condition": {"type": "TEXT_EQ", "values": [{"userEnteredValue": status}]},
                                        "format": {"backgroundColor": _rgb(STATUS_COLOURS[status])},
                                    },
                                },
                            }
                        }
                    )


@dataclass(frozen=True)
class View:
    """A filter view for one of staff's tasks: the rows whose `column` meets `condition` (given the column's letter)."""

    title: str
    column: str
    condition: Callable[[str], dict]

    def request(self, whole: dict, position: int) -> dict:
        criteria = {"condition": self.condition(column_letters(position))}
        return {
            "title": self.title,
            "range": whole,
            "filterSpecs": [{"columnIndex": position, "filterCriteria": criteria}],
        }


def _equals(value: str) -> Callable[[str], dict]:
    return lambda _: {"type": "TEXT_EQ", "values": [{"userEnteredValue": value}]}


def _filled(_: str) -> dict:
    return {"type": "NOT_BLANK"}


def _this_week(letter: str) -> dict:
    # A date, or in rows written before dates were typed a text JJ/MM/AAAA read by the spreadsheet's locale (fr_FR).
    day = f"IFERROR(IF(ISNUMBER({letter}2),{letter}2,DATEVALUE({letter}2)),0)"
    formula = f"=AND({day}>=TODAY(),{day}<TODAY()+7)"
    return {"type": "CUSTOM_FORMULA", "values": [{"userEnteredValue": formula}]}


VIEWS = {
    "Ambassadeurs": (View("À valider", "Statut", _equals("À valider")),),
    "Demandes": (
        View("Anomalies", "Anomalies", _filled),
        View("Sans solution", "Statut", _equals("Sans solution")),
        View("Cette semaine", "Date confirmée", _this_week),
    ),
}


def _note(sheet_id: int, position: int, text: str) -> dict:
    return {
        "updateCells": {
            "range": {
                "sheetId": sheet_id,
                "startRowIndex": 0,
                "endRowIndex": 1,
                "startColumnIndex": position,
                "endColumnIndex": position + 1,
            },
            "rows": [{"values": [{"note": text}]}],
            "fields": "note",
        }
    }


def _hidden(sheet_id: int, position: int) -> dict:
    return {
        "updateDimensionProperties": {
            "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": position, "endIndex": position + 1},
            "properties": {"hiddenByUser": True},
            "fields": "hiddenByUser",
        }
    }


def _width(sheet_id: int, position: int, column: Column) -> dict:
    return {
        "updateDimensionProperties": {
            "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": position, "endIndex": position + 1},
            "properties": {"pixelSize": column.width * 7},
            "fields": "pixelSize",
        }
    }


def _columns_of(grid_range: dict) -> tuple[int, int]:
    return grid_range.get("startColumnIndex", -1), grid_range.get("endColumnIndex", -1)


def _rgb(hex_colour: str) -> dict:
    red, green, blue = (int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return {"red": round(red, 3), "green": round(green, 3), "blue": round(blue, 3)}
