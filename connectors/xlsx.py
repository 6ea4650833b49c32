"""The embedded workbook: a local .xlsx file staff open in LibreOffice or Excel."""

import fcntl
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook
from openpyxl.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from connectors import xlsx_layout
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
from orientest.schema import Snapshot, Tab, Table

LOCK_TIMEOUT_SECONDS = 120


class XlsxWorkbook:
    """Reads with openpyxl in read-only mode; writes under a lock, then saves through a temporary file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._last_saved: tuple[tuple[int, int, int], OpenpyxlWorkbook] | None = None

    def read(self, tabs: Iterable[str]) -> Snapshot:
        if not self.path.exists():
            raise WorkbookError(f"Classeur introuvable : {self.path} (créez-le avec « orientest init »).")
        if self._last_saved and self._last_saved[0] == self._stamp():
            # The file is exactly what this object saved last: read it from memory rather than parse it again.
            return {name: self._read_tab(self._last_saved[1], tab_named(name)) for name in tabs}
        book = load_workbook(self.path, read_only=True, data_only=True)
        try:
            return {name: self._read_tab(book, tab_named(name)) for name in tabs}
        finally:
            book.close()

    def _read_tab(self, book: OpenpyxlWorkbook, tab: Tab) -> Table:
        sheet = _sheet(book, tab)
        if sheet is None:
            if tab.required:
                raise WorkbookError(f"Onglet « {tab.name} » introuvable dans le classeur {self.path.name}.")
            return Table(tab, (), ())
        lines = sheet.iter_rows(values_only=True)
        headers = [str(h) if h is not None else "" for h in next(lines, ())]
        positions = check_headers(tab, headers)
        return Table(tab, rows_from_values(tab, positions, lines), tuple(positions))

    def write(self, updates: Sequence[RowUpdate], appends: Sequence[RowAppend]) -> WriteReport:
        for update in updates:
            check_owned(update)
        report = WriteReport()
        if not updates and not appends:
            return report
        with self._locked():
            book = self._load_for_writing()
            by_tab: dict[str, list] = defaultdict(list)
            for change in [*updates, *appends]:
                by_tab[change.tab].append(change)
            for name, changes in by_tab.items():
                _write_tab(_sheet_for_writing(book, tab_named(name)), tab_named(name), changes, report)
            self._save(book)
        return report

    def ensure_layout(self, initial_rows: Mapping[str, list[dict[str, str]]]) -> None:
        with self._locked():
            book = self._load_for_writing() if self.path.exists() else _empty_book()
            xlsx_layout.ensure(book, initial_rows)
            self._save(book)

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

    def _stamp(self) -> tuple[int, int, int]:
        status = os.stat(self.path)
        return status.st_ino, status.st_mtime_ns, status.st_size

    def _load_for_writing(self) -> OpenpyxlWorkbook:
        """The workbook this object saved last, if the file is still exactly that one; else a fresh load."""
        if self._last_saved and self._last_saved[0] == self._stamp():
            return self._last_saved[1]
        self._last_saved = None
        return load_workbook(self.path)

    def _save(self, book: OpenpyxlWorkbook) -> None:
        """Temporary file, fsync, rename: a crash leaves the old workbook or the new one, never half of one."""
        self._last_saved = None
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.stem}-", suffix=".xlsx")
        os.close(handle)
        try:
            book.save(temporary)
            with open(temporary, "rb+") as written:
                os.fsync(written.fileno())
            if self.path.exists():
                os.chmod(temporary, self.path.stat().st_mode & 0o777)
            os.replace(temporary, self.path)
            # Loading is most of a write's cost: keep what was saved, reused only while nobody else touches the file.
            self._last_saved = (self._stamp(), book)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


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


def _write_tab(sheet: Worksheet, tab: Tab, changes: list, report: WriteReport) -> None:
    headers = [cell_value_text(c) for c in next(sheet.iter_rows(min_row=1, max_row=1), ())]
    positions = check_headers(tab, headers)
    positions = xlsx_layout.add_missing_columns(sheet, tab, positions, _titles_written(changes))
    finder = None
    if any(isinstance(change, RowUpdate) for change in changes):
        finder = RowFinder(tab, rows_from_values(tab, positions, sheet.iter_rows(min_row=2, values_only=True)))
    last_line = _last_used_line(sheet)
    for change in changes:
        if isinstance(change, RowAppend):
            last_line += 1
            line = last_line
            report.appended += 1
        else:
            line = finder.line_of(change.key)
            if line is None or not _still_holds(sheet, line, positions, change.expect):
                report.not_found.append(f"{tab.name} : {change.key}")
                continue
            report.written += 1
        for title, value in change.values.items():
            _set_text(sheet.cell(line, positions[title] + 1), value)


def _last_used_line(sheet: Worksheet) -> int:
    """Appends go after the last row holding anything, whatever formatting lies below it."""
    line = sheet.max_row
    while line > 1 and all(cell.value in (None, "") for cell in sheet[line]):
        line -= 1
    return line


def _still_holds(sheet: Worksheet, line: int, positions: dict[str, int], expect: Mapping[str, str]) -> bool:
    """Staff may have typed something new since the read: then this row waits for the next run."""
    return all(cell_text(sheet.cell(line, positions[title] + 1).value).strip() == value.strip()
               for title, value in expect.items() if title in positions)


def _titles_written(changes: list) -> list[str]:
    titles: dict[str, None] = {}
    for change in changes:
        titles.update(dict.fromkeys(change.values))
    return list(titles)


def cell_value_text(cell: Cell) -> str:
    return "" if cell.value is None else str(cell.value)


def _set_text(cell: Cell, value: str) -> None:
    """Always a text cell: `=`, `+`, `-` or `@` at the start stays text, never becomes a formula."""
    cell.value = safe_text(value) if value else None
    if value:
        cell.data_type = "s"
        if value[0] in "=+-@\t\r":
            cell.quotePrefix = True

