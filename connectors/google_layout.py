"""How the Google workbook looks to staff, as Sheets API requests: the same tabs and columns as the .xlsx.

Only headers and presentation change: form answers are never written, existing columns never moved.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from connectors.a1 import column_letters, quoted
from connectors.xlsx_layout import HEADER_COLOURS, STATUS_COLOURS
from orientest.core.schema import TABS as TAB_BY_NAME
from orientest.core.schema import Column, Owner, Tab, match_headers

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
    ):
        self.structure: list[dict] = []
        self.cells: list[dict] = []
        self.next_sheet_id = next_sheet_id
        for tab in TABS:
            sheet = present.get(tab.name)
            if sheet is None:
                self._create(tab, initial_rows.get(tab.name, []))
            else:
                self._complete(tab, sheet, headers.get(sheet.title, []))

    def _create(self, tab: Tab, rows: list[dict[str, str]]) -> None:
        sheet_id, self.next_sheet_id = self.next_sheet_id, self.next_sheet_id + 1
        self.structure.append(
            {
                "addSheet": {
                    "properties": {
                        "sheetId": sheet_id,
                        "title": tab.name,
                        "gridProperties": {
                            "rowCount": max(1000, len(rows) + 1),
                            "columnCount": len(tab.columns),
                            "frozenRowCount": 1,
                        },
                        **({"index": 0} if tab.name == FIRST_TAB else {}),
                    }
                }
            }
        )
        values = [[column.title for column in tab.columns]]
        values += [[row.get(column.title, "") for column in tab.columns] for row in rows]
        self.cells.append({"range": f"{quoted(tab.name)}!A1", "majorDimension": "ROWS", "values": values})
        for position, column in enumerate(tab.columns):
            self._dress(sheet_id, position, column, protected=False, coloured=False)
            self.structure.append(_width(sheet_id, position, column))

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
                width += 1
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
