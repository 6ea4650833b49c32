"""The embedded workbook: a local .xlsx file staff open in LibreOffice or Excel."""

import fcntl
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import cast

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook
from openpyxl.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineError, CalamineWorkbook

from connectors import xlsx_layout, xlsx_patch
from connectors.workbook import (
    RowFinder,
    Value,
    WorkbookError,
    WriteReport,
    cell_text,
    cells_reader,
    changed_meanwhile,
    check_headers,
    check_owned,
    found_lines,
    read_table,
    replacement_cells,
    rows_from_values,
    safe_text,
    sheets_of_tabs,
    tab_named,
    typed,
    wanted_by_tab,
)
from orientest.core.plan import RowAppend, RowRemoval, RowUpdate, TabReplace
from orientest.core.schema import Owner, Row, Snapshot, Tab, Table

LOCK_TIMEOUT_SECONDS = 120


class XlsxWorkbook:
    """Reads with calamine; writes under a lock, rewriting only the rows that change, through a temporary file."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def read(self, tabs: Iterable[str]) -> Snapshot:
        if not self.path.exists():
            raise WorkbookError(f"Classeur introuvable : {self.path} (créez-le avec « orientest init »).")
        with self._book() as book:
            sheets = _sheets(book)
            return {name: self._table(tab_named(name), book, sheets.get(name)) for name in tabs}

    def _table(self, tab: Tab, book: CalamineWorkbook, sheet: str | None) -> Table:
        lines = _lines(book, sheet)
        if lines is None:
            if tab.required:
                raise WorkbookError(f"Onglet « {tab.name} » introuvable dans le classeur {self.path.name}.")
            return Table(tab, (), ())
        return read_table(tab, _headers(lines), lines)

    def write(
        self, updates: Sequence[RowUpdate], appends: Sequence[RowAppend], replaced: Sequence[TabReplace] = ()
    ) -> WriteReport:
        for update in updates:
            check_owned(update)
        report = WriteReport()
        if not updates and not appends and not replaced:
            return report
        by_tab: dict[str, list[RowUpdate | RowAppend]] = defaultdict(list)
        changes: list[RowUpdate | RowAppend] = [*updates, *appends]
        for change in changes:
            by_tab[change.tab].append(change)
        rebuilt = {replace.tab: replace for replace in replaced}
        with self._locked():
            with self._book() as book:
                sheets = _sheets(book)
                lines = {name: _lines(book, sheets.get(name)) for name in [*by_tab, *rebuilt]}
                positions = {
                    name: check_headers(tab_named(name), _headers(found))
                    for name, found in lines.items()
                    if found is not None
                }
                if all(
                    name in positions and set(_titles_written(changes)) <= positions[name].keys()
                    for name, changes in by_tab.items()
                ) and all(
                    name in positions and len(positions[name]) == len(tab_named(name).columns) for name in rebuilt
                ):
                    heights: dict[str, dict[int, float]] = defaultdict(dict)
                    edits = {
                        sheets[name]: _cell_edits(
                            tab_named(name), positions[name], found, changes, report, heights[sheets[name]]
                        )
                        for name, changes in by_tab.items()
                        if (found := lines[name]) is not None
                    }
                    for name, replace in rebuilt.items():
                        tab = tab_named(name)
                        rows = rows_from_values(tab, positions[name], lines[name] or iter(()))
                        edits[sheets[name]] = _rebuilt(tab, positions[name], rows, replace, report)
                        wrapped = [title for title in xlsx_layout.MULTI_LINE if title in positions[name]]
                        for line, values in enumerate(replace.rows, start=2) if wrapped else ():
                            texts = {title: values.get(title, "") for title in wrapped}
                            heights[sheets[name]][line] = xlsx_layout.row_height(tab, texts)
                    self._replace(lambda temporary: xlsx_patch.patch(self.path, Path(temporary), edits, heights))
                    return report
            # A tab or a column to create first: rare, through openpyxl.
            self._write_with_layout(by_tab, report, rebuilt)
        return report

    def _write_with_layout(
        self,
        by_tab: dict[str, list[RowUpdate | RowAppend]],
        report: WriteReport,
        rebuilt: Mapping[str, TabReplace] | None = None,
    ) -> None:
        rebuilt = rebuilt or {}
        with self._book() as found:
            sheets = _sheets(found)
            current = {
                name: (_headers(lines), list(lines)) if (lines := _lines(found, sheets.get(name))) else None
                for name in [*by_tab, *rebuilt]
            }
        book = load_workbook(self.path)
        for name, changes in by_tab.items():
            tab = tab_named(name)
            sheet = _sheet_for_writing(book, tab, sheets.get(name))
            headers, existing = current[name] or ([cell_value_text(cast(Cell, c)) for c in sheet[1]], [])
            positions = xlsx_layout.add_missing_columns(
                sheet, tab, check_headers(tab, headers), _titles_written(changes)
            )
            for line, cells in _cell_edits(tab, positions, iter(existing), changes, report).items():
                for column, value in cells.items():
                    _set_text(cast(Cell, sheet.cell(line, column + 1)), value)
        for name, replace in rebuilt.items():
            tab = tab_named(name)
            sheet = _sheet_for_writing(book, tab, sheets.get(name))
            headers, existing = current[name] or ([cell_value_text(cast(Cell, c)) for c in sheet[1]], [])
            read_at = check_headers(tab, headers)
            rows = rows_from_values(tab, read_at, iter(existing))
            positions = xlsx_layout.add_missing_columns(sheet, tab, read_at, tab.titles())
            for line, cells in _rebuilt(tab, positions, rows, replace, report).items():
                for column, value in cells.items():
                    _set_text(cast(Cell, sheet.cell(line, column + 1)), value)
        self._replace(book.save)

    def ensure_layout(
        self, initial_rows: Mapping[str, list[dict[str, str]]], tabs: Iterable[str] | None = None
    ) -> None:
        with self._locked():
            if not self.path.exists():
                book, sheets = _empty_book(), {}
            else:
                with self._book() as found:
                    sheets = _sheets(found)
                book = load_workbook(self.path)
            xlsx_layout.ensure(book, initial_rows, sheets, tabs)
            self._replace(book.save)

    def remove(self, removals: Sequence[RowRemoval]) -> WriteReport:
        report, wanted = WriteReport(), wanted_by_tab(removals)
        if not wanted:
            return report
        with self._locked():
            with self._book() as book:
                sheets = _sheets(book)
                gone = {}
                for name, counts in wanted.items():
                    lines = _lines(book, sheets.get(name))
                    if lines is not None:
                        table = read_table(tab_named(name), _headers(lines), lines)
                        gone[sheets[name]] = found_lines(table.rows, counts)
                        report.written += len(gone[sheets[name]])
                    report.not_found += [f"{name} : ligne changée depuis la lecture"] * sum(counts.values())
            if any(gone.values()):
                self._replace(lambda temporary: xlsx_patch.patch(self.path, Path(temporary), {}, removed=gone))
        return report

    @contextmanager
    def _book(self) -> Iterator[CalamineWorkbook]:
        try:
            book = CalamineWorkbook.from_path(str(self.path))
        except CalamineError as error:
            raise WorkbookError(f"Classeur illisible : {self.path.name} ({error}).") from None
        try:
            yield book
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
                            f"Le classeur {self.path.name} est verrouillé par une autre exécution."
                        ) from None
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


def _sheets(book: CalamineWorkbook) -> dict[str, str]:
    """Tab name → the sheet holding it, by name or, for a form's response sheet, by its headers."""

    def first_lines(titles: list[str]) -> dict[str, list[list[str]]]:
        found = {}
        for title in titles:
            lines = _lines(book, title) or iter(())
            found[title] = [[cell_text(value) for value in line] for _, line in zip(range(2), lines, strict=False)]
        return found

    return sheets_of_tabs(book.sheet_names, first_lines)


def _lines(book: CalamineWorkbook, name: str | None) -> Iterator[list] | None:
    """The sheet's lines one by one from line 1 (None when there is no such sheet): never all at once in memory."""
    if name is None:
        return None
    sheet = book.get_sheet_by_name(name)
    if sheet.start in (None, (0, 0)):
        return iter(sheet.iter_rows())
    return iter(sheet.to_python(skip_empty_area=False))  # cells from A1, whatever the first used cell


def _headers(lines: Iterator[list]) -> list[str]:
    return [cell_text(value) for value in next(lines, [])]


def _empty_book() -> OpenpyxlWorkbook:
    book = OpenpyxlWorkbook()
    if book.active is not None:
        book.remove(cast(Worksheet, book.active))
    return book


def _sheet_for_writing(book: OpenpyxlWorkbook, tab: Tab, name: str | None) -> Worksheet:
    if name is None:
        if tab.required:
            raise WorkbookError(f"Onglet « {tab.name} » introuvable : rien n'a été écrit.")
        return xlsx_layout.new_sheet(book, tab)
    return cast(Worksheet, book[name])


def _cell_edits(
    tab: Tab,
    positions: dict[str, int],
    lines: Iterator[list],
    changes: list[RowUpdate | RowAppend],
    report: WriteReport,
    heights: dict[int, float] | None = None,
) -> dict[int, dict[int, Value]]:
    """Line → column → text for `changes`, each update on the line its record holds now, appends at the end; the
    height of each line whose wrapped text changed goes into `heights`."""
    updates = [change for change in changes if isinstance(change, RowUpdate)]
    needed = _needed(positions, tab, updates) if updates else {}
    wrapped = {title: positions[title] for title in xlsx_layout.MULTI_LINE if title in positions}
    if any(title in wrapped for update in updates for title in update.values):
        needed |= wrapped  # the row's other wrapped cells count in its height too
    rows: dict[int, Row] = {}
    read = cells_reader(tab, needed)
    last_line = 1  # appends go after the last line holding anything, whatever formatting lies below it
    for line, cells in enumerate(lines, start=2):
        if any(value not in (None, "") for value in cells):
            last_line = line
            if needed:
                rows[line] = Row(line, read(cells), tab)
    finder = RowFinder(tab, rows.values())
    edits: dict[int, dict[int, Value]] = {}
    for change in changes:
        at: int | None
        if isinstance(change, RowAppend):
            last_line += 1
            at = last_line
            report.appended += 1
        else:
            at = finder.line_of(change.key)
            if at is None or not _still_holds(rows[at], change.expect):
                report.not_found.append(f"{tab.name} : {change.key}")
                continue
            report.written += 1
        line_edits = edits.setdefault(at, {})
        for title, value in change.values.items():
            line_edits[positions[title]] = typed(tab.column(title), safe_text(value))
        if heights is not None and any(title in wrapped for title in change.values):
            current = rows[at].values if at in rows else {}
            texts = {title: str(change.values.get(title, current.get(title, ""))) for title in wrapped}
            heights[at] = xlsx_layout.row_height(tab, texts)
    return edits


def _rebuilt(
    tab: Tab, positions: dict[str, int], rows: Sequence[Row], replace: TabReplace, report: WriteReport
) -> dict[int, dict[int, Value]]:
    cells = replacement_cells(tab, positions, rows, replace)
    if cells is None:
        report.not_found.append(changed_meanwhile(tab.name))
        return {}
    report.written += len(replace.rows)
    return cells


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


def _set_text(cell: Cell, value: Value) -> None:
    """A text cell (`=`, `+`, `-` or `@` at the start stays text, never becomes a formula), or a date or a number
    `typed` for its column."""
    if not isinstance(value, str):
        cell.value = int(value) if isinstance(value, float) and value.is_integer() else value
        if isinstance(value, date):
            cell.number_format = "DD/MM/YYYY"
        return
    cell.value = value or None
    if value:
        cell.data_type = "s"
        if value[0] in "=+-@\t\r":
            cell.quotePrefix = True
