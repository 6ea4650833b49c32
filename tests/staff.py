"""Staff's hands on the workbook, outside the flows: edits straight into the .xlsx file or the fake Google sheet."""

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from connectors.workbook import cell_text
from fakes.sheets_api import FakeSheetsApi, Formula

Grid = list[list[object]]


class XlsxStaff:
    def __init__(self, path: Path):
        self.path = path

    def grid(self, tab: str) -> list[list[str]]:
        book = load_workbook(self.path, read_only=True)
        try:
            return [[cell_text(value) for value in line] for line in book[tab].iter_rows(values_only=True)]
        finally:
            book.close()

    def edit(self, tab: str, change: Callable[[Grid], None]) -> None:
        """`change` edits the tab's cells in place (header included), as someone would in LibreOffice."""
        book = load_workbook(self.path)
        sheet = book[tab]
        grid = [list(line) for line in sheet.iter_rows(values_only=True)]
        height, width = len(grid), max(map(len, grid), default=0)
        change(grid)
        for row in range(max(height, len(grid))):
            line = grid[row] if row < len(grid) else []
            for column in range(max(width, len(line))):
                sheet.cell(row + 1, column + 1).value = line[column] if column < len(line) else None
        book.save(self.path)

    def add_sheet(self, title: str, grid: Grid) -> None:
        """A new sheet, as linking a form to the workbook makes one."""
        book = load_workbook(self.path)
        sheet = book.create_sheet(title)
        for line in grid:
            sheet.append(line)
        book.save(self.path)

    def sheet_titles(self) -> list[str]:
        return load_workbook(self.path, read_only=True).sheetnames

    def formulas(self) -> int:
        book = load_workbook(self.path)
        return sum(cell.data_type == "f" for sheet in book for line in sheet.iter_rows() for cell in line)

    def digest(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


class SheetsStaff:
    def __init__(self, api: FakeSheetsApi, key: str):
        self.api, self.key = api, key

    def _sheet(self, tab: str):
        return next(s for s in self.api.spreadsheets[self.key].sheets if s.title == tab)

    def grid(self, tab: str) -> list[list[str]]:
        with self.api.lock:
            return self._sheet(tab).text()

    def edit(self, tab: str, change: Callable[[Grid], None]) -> None:
        with self.api.lock:
            sheet = self._sheet(tab)
            change(sheet.cells)
            sheet.row_count = max(sheet.row_count, len(sheet.cells))
            sheet.column_count = max([sheet.column_count, *map(len, sheet.cells)])

    def add_sheet(self, title: str, grid: Grid) -> None:
        with self.api.lock:
            sheet = self.api.add_sheet(self.api.spreadsheets[self.key], title)
            sheet.cells = [list(line) for line in grid]

    def sheet_titles(self) -> list[str]:
        with self.api.lock:
            return [sheet.title for sheet in self.api.spreadsheets[self.key].sheets]

    def formulas(self) -> int:
        with self.api.lock:
            return sum(
                isinstance(cell, Formula)
                for sheet in self.api.spreadsheets[self.key].sheets
                for line in sheet.cells
                for cell in line
            )

    def digest(self) -> str:
        with self.api.lock:
            sheets = self.api.spreadsheets[self.key].sheets
            content = [
                (s.title, s.row_count, s.column_count, [[repr(c) for c in line] for line in s.cells]) for s in sheets
            ]
        return hashlib.sha256(json.dumps(content).encode()).hexdigest()


def column(grid: Grid, title: str) -> int:
    """The 0-based position of the column headed `title`."""
    return [str(value or "") for value in grid[0]].index(title)


def set_parameter(label: str, value: str) -> Callable[[Grid], None]:
    """What staff do in `Paramètres`: change a value by hand."""

    def change(grid: Grid) -> None:
        for line in grid[1:]:
            if line and line[0] == label:
                line[1] = value

    return change


def set_cell(line: int, title: str, value: str) -> Callable[[Grid], None]:
    """Type `value` in the cell of sheet line `line` (1 is the header) under the column headed `title`."""

    def change(grid: Grid) -> None:
        row = grid[line - 1]
        position = column(grid, title)
        row.extend([""] * (position + 1 - len(row)))
        row[position] = value

    return change
