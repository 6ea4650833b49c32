"""The embedded workbook: a local .xlsx file staff open in LibreOffice or Excel."""

import fcntl
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook
from openpyxl.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineError, CalamineWorkbook

from connectors import xlsx_layout, xlsx_patch
from connectors.workbook import (
    RowFinder,
    WorkbookError,
    WriteReport,
    cell_text,
    check_headers,
    check_owned,
    rows_from_values,
    safe_text,
    tab_named,
)
from orientest.plan import RowAppend, RowUpdate
from orientest.schema import Owner, Row, Snapshot, Tab, Table

LOCK_TIMEOUT_SECONDS = 120


class XlsxWorkbook:
    """Reads with calamine; writes under a lock, rewriting only the rows that change, through a temporary file."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def read(self, tabs: Iterable[str]) -> Snapshot:
        if not self.path.exists():
            raise WorkbookError(f"Classeur introuvable : {self.path} (créez-le avec « orientest init »).")
        wanted = [tab_named(name) for name in tabs]
        grids = self._grids(wanted)
        return {tab.name: self._table(tab, grids[tab.name]) for tab in wanted}

    def _table(self, tab: Tab, grid: "Grid | None") -> Table:
        if grid is None:
            if tab.required:
                raise WorkbookError(f"Onglet « {tab.name} » introuvable dans le classeur {self.path.name}.")
            return Table(tab, (), ())
        positions = check_headers(tab, grid.headers)
        return Table(tab, rows_from_values(tab, positions, grid.lines), tuple(positions))

    def write(self, updates: Sequence[RowUpdate], appends: Sequence[RowAppend]) -> WriteReport:
        for update in updates:
            check_owned(update)
        report = WriteReport()
        if not updates and not appends:
            return report
        by_tab: dict[str, list] = defaultdict(list)
        for change in [*updates, *appends]:
            by_tab[change.tab].append(change)
        with self._locked():
            grids = self._grids([tab_named(name) for name in by_tab])
            if all(grid is not None and not _missing_columns(tab_named(name), grid.headers, by_tab[name])
                   for name, grid in grids.items()):
                edits = {grids[name].sheet: _cell_edits(tab_named(name), grids[name], changes, report)
                         for name, changes in by_tab.items()}
                self._replace(lambda temporary: xlsx_patch.patch(self.path, Path(temporary), edits))
            else:  # a tab or a column to create first: rare, through openpyxl
                self._write_with_layout(by_tab, grids, report)
        return report

    def _write_with_layout(self, by_tab: dict[str, list], grids: dict[str, "Grid | None"], report: WriteReport):
        book = load_workbook(self.path)
        for name, changes in by_tab.items():
            tab = tab_named(name)
            sheet = _sheet_for_writing(book, tab)
            grid = grids[name] or Grid(sheet.title, [[cell_value_text(c) for c in sheet[1]]])
            positions = xlsx_layout.add_missing_columns(sheet, tab, check_headers(tab, grid.headers),
                                                        _titles_written(changes))
            for line, cells in _cell_edits(tab, grid, changes, report, positions).items():
                for column, value in cells.items():
                    _set_text(sheet.cell(line, column + 1), value)
        self._replace(book.save)

    def ensure_layout(self, initial_rows: Mapping[str, list[dict[str, str]]]) -> None:
        with self._locked():
            book = load_workbook(self.path) if self.path.exists() else _empty_book()
            xlsx_layout.ensure(book, initial_rows)
            self._replace(book.save)

    def _grids(self, tabs: Sequence[Tab]) -> dict[str, "Grid | None"]:
        """Each tab's cells as read now (None for a tab the file lacks)."""
        try:
            book = CalamineWorkbook.from_path(str(self.path))
        except CalamineError as error:
            raise WorkbookError(f"Classeur illisible : {self.path.name} ({error}).") from None
        try:
            names = {xlsx_layout.sheet_key(name): name for name in reversed(book.sheet_names)}
            grids: dict[str, Grid | None] = {}
            for tab in tabs:
                sheet = next((names[key] for key in map(xlsx_layout.sheet_key, (tab.name, *tab.aliases))
                              if key in names), None)
                grids[tab.name] = None if sheet is None else Grid(
                    sheet, book.get_sheet_by_name(sheet).to_python(skip_empty_area=False))
            return grids
        finally:
            book.close()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time, across processes; the lock file sits beside the workbook."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(f".{self.path.name}.lock"), "w") as lock:
            deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
            while True:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise WorkbookError(
                            f"Le classeur {self.path.name} est verrouillé par une autre exécution.") from None
                    time.sleep(0.2)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _replace(self, write: Callable[[str], None]) -> None:
        """Temporary file, fsync, rename: a crash leaves the old workbook or the new one, never half of one."""
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.stem}-", suffix=".xlsx")
        os.close(handle)
        try:
            write(temporary)
            with open(temporary, "rb+") as written:
                os.fsync(written.fileno())
            if self.path.exists():
                os.chmod(temporary, self.path.stat().st_mode & 0o777)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


@dataclass(frozen=True)
class Grid:
    """A sheet's cells as calamine reads them: line 1 (the headers) first, every line padded to the same width."""

    sheet: str
    cells: list[list]

    @property
    def headers(self) -> list[str]:
        return [cell_text(value) for value in self.cells[0]] if self.cells else []

    @property
    def lines(self) -> list[list]:
        return self.cells[1:]

    def last_used_line(self) -> int:
        """Appends go after the last row holding anything, whatever formatting lies below it."""
        line = len(self.cells)
        while line > 1 and all(value in (None, "") for value in self.cells[line - 1]):
            line -= 1
        return max(line, 1)


def _empty_book() -> OpenpyxlWorkbook:
    book = OpenpyxlWorkbook()
    book.remove(book.active)
    return book


def _sheet(book: OpenpyxlWorkbook, tab: Tab) -> Worksheet | None:
    wanted = {xlsx_layout.sheet_key(name) for name in (tab.name, *tab.aliases)}
    return next((book[name] for name in book.sheetnames if xlsx_layout.sheet_key(name) in wanted), None)


def _sheet_for_writing(book: OpenpyxlWorkbook, tab: Tab) -> Worksheet:
    sheet = _sheet(book, tab)
    if sheet is None:
        if tab.required:
            raise WorkbookError(f"Onglet « {tab.name} » introuvable : rien n'a été écrit.")
        sheet = xlsx_layout.new_sheet(book, tab)
    return sheet


def _missing_columns(tab: Tab, headers: list[str], changes: list) -> bool:
    positions = check_headers(tab, headers)
    return any(title not in positions for title in _titles_written(changes))


def _cell_edits(tab: Tab, grid: Grid, changes: list, report: WriteReport,
                positions: dict[str, int] | None = None) -> dict[int, dict[int, str]]:
    """Line → column → text for `changes`, each update on the line its record holds now, appends at the end."""
    positions = positions or check_headers(tab, grid.headers)
    updates = [change for change in changes if isinstance(change, RowUpdate)]
    rows = {}
    if updates:
        rows = {row.line: row for row in rows_from_values(tab, _needed(positions, tab, updates), grid.lines)}
    finder = RowFinder(tab, rows.values())
    last_line = grid.last_used_line()
    edits: dict[int, dict[int, str]] = {}
    for change in changes:
        if isinstance(change, RowAppend):
            last_line += 1
            line = last_line
            report.appended += 1
        else:
            line = finder.line_of(change.key)
            if line is None or not _still_holds(rows[line], change.expect):
                report.not_found.append(f"{tab.name} : {change.key}")
                continue
            report.written += 1
        cells = edits.setdefault(line, {})
        for title, value in change.values.items():
            cells[positions[title]] = safe_text(value)
    return edits


def _needed(positions: dict[str, int], tab: Tab, updates: list[RowUpdate]) -> dict[str, int]:
    """The columns that find rows again: the ID, what updates expect, the form answers when a row has no ID yet."""
    titles = {"ID", *(title for update in updates for title in update.expect)}
    if any(not update.key.id for update in updates):
        titles.update(tab.titles(Owner.FORM) or tab.titles())  # what `locator` reads
    return {title: position for title, position in positions.items() if title in titles}


def _still_holds(row: Row, expect: Mapping[str, str]) -> bool:
    """Staff may have typed something new since the read: then this row waits for the next run."""
    return all(row[title].strip() == value.strip() for title, value in expect.items() if title in row.values)


def _titles_written(changes: list) -> list[str]:
    titles: dict[str, None] = {}
    for change in changes:
        titles.update(dict.fromkeys(change.values))
    return list(titles)


def cell_value_text(cell: Cell) -> str:
    return "" if cell.value is None else str(cell.value)


def _set_text(cell: Cell, value: str) -> None:
    """Always a text cell: `=`, `+`, `-` or `@` at the start stays text, never becomes a formula."""
    cell.value = value or None
    if value:
        cell.data_type = "s"
        if value[0] in "=+-@\t\r":
            cell.quotePrefix = True

