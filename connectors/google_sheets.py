"""The production workbook: the Google spreadsheet the forms fill, read and written in batches through gspread."""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TypeVar

import requests
from gspread.exceptions import APIError

from connectors import google_layout
from connectors.a1 import column_index, column_letters, quoted
from connectors.google_api import GOOGLE_ERRORS, RETRIED_STATUSES, BoundedHTTPClient, explained
from connectors.workbook import (
    RowFinder,
    WorkbookError,
    WriteReport,
    as_day,
    cell_text,
    changed_meanwhile,
    check_headers,
    check_owned,
    found_lines,
    read_table,
    replacement_cells,
    rows_from_values,
    safe_text,
    serial,
    sheets_of_tabs,
    tab_named,
    typed,
    wanted_by_tab,
)
from orientest.core.plan import RowAppend, RowRemoval, RowUpdate, TabReplace
from orientest.core.schema import TABS, Kind, Owner, Row, Snapshot, Tab, Table

READ_OPTIONS = {"valueRenderOption": "FORMATTED_VALUE", "majorDimension": "ROWS"}  # strings as staff see them
T = TypeVar("T")
APPEND_OPTIONS: dict[str, str | int | bool | float | list[str] | None] = {
    "valueInputOption": "RAW",
    "insertDataOption": "INSERT_ROWS",
}


@dataclass
class SheetInfo:
    sheet_id: int
    title: str
    rows: int
    columns: int
    frozen: int = 0
    protected: list[dict] = field(default_factory=list)
    conditional: list[dict] = field(default_factory=list)
    filtered: bool = False  # a header filter is on
    views: tuple[str, ...] = ()  # the titles of its filter views


class GoogleWorkbook:
    """One batch read per run, one batch of cell updates per write, appends checked before any second try."""

    def __init__(self, client: BoundedHTTPClient, key: str, account: str):
        self.client, self.key, self.account = client, key, account
        self._sheets: list[SheetInfo] | None = None  # the tabs' IDs and sizes, fetched once per run
        self._resolution: tuple[list[SheetInfo], dict[str, str]] | None = None  # for those sheets: tab → sheet

    def read(self, tabs: Iterable[str]) -> Snapshot:
        return self._with_fresh_names(lambda: self._read([tab_named(name) for name in tabs]))

    def _read(self, wanted: list[Tab]) -> Snapshot:
        found = {tab.name: self._sheet(tab) for tab in wanted}
        for tab in wanted:
            if found[tab.name] is None and tab.required:
                raise WorkbookError(
                    f"Onglet « {tab.name} » introuvable dans le classeur Google (renommé ou "
                    "supprimé ?) : redonnez-lui son nom, puis relancez ; rien n'a été modifié."
                )
        grids = self._values([sheet.title for sheet in found.values() if sheet])
        return {
            tab.name: _table(tab, grids[sheet.title]) if (sheet := found[tab.name]) else Table(tab, (), ())
            for tab in wanted
        }

    def write(
        self, updates: Sequence[RowUpdate], appends: Sequence[RowAppend], replaced: Sequence[TabReplace] = ()
    ) -> WriteReport:
        for update in updates:
            check_owned(update)
        if not updates and not appends and not replaced:
            return WriteReport()
        by_tab: dict[str, list[RowUpdate | RowAppend | TabReplace]] = defaultdict(list)
        changes: list[RowUpdate | RowAppend | TabReplace] = [*updates, *appends, *replaced]
        for change in changes:
            by_tab[change.tab].append(change)
        return self._with_fresh_names(lambda: self._write(by_tab))

    def _write(self, by_tab: dict[str, list]) -> WriteReport:
        report = WriteReport()
        sheets = self._sheets_for_writing([tab_named(name) for name in by_tab])
        # Rows are found again just before writing; for a tab only appended to, its headers are enough.
        appended_only = {
            sheets[name].title
            for name, changes in by_tab.items()
            if all(isinstance(change, RowAppend) for change in changes)
        }
        grids = self._values([sheet.title for sheet in sheets.values()], header_only=appended_only)
        writes = [
            _TabWrite(tab_named(name), sheets[name], grids[sheets[name].title], self._linked(changes), report)
            for name, changes in by_tab.items()
        ]
        self._grow([request for write in writes for request in write.growth()])
        cells = [value_range for write in writes for value_range in write.value_ranges()]
        if cells:
            self.client.values_batch_update(self.key, {"valueInputOption": "RAW", "data": cells})
        for write in writes:
            if write.appended:
                self._append(write.sheet.title, write.appended, write.shown, write.days())
                report.appended += len(write.appended)
        return report

    def _linked(self, changes: list) -> list:
        """À faire's rows with `Lien`: the address of the row each one names, opened in one click."""
        return [
            replace(change, rows=tuple({**row, "Lien": self._row_link(row)} for row in change.rows))
            if isinstance(change, TabReplace)
            else change
            for change in changes
        ]

    def _row_link(self, row: Mapping[str, str]) -> str:
        sheet = self._sheet(TABS[row["Onglet"]]) if row.get("Onglet") in TABS else None
        if sheet is None or not row.get("Ligne", "").isdigit():
            return ""
        return f"https://docs.google.com/spreadsheets/d/{self.key}/edit#gid={sheet.sheet_id}&range=A{row['Ligne']}"

    def ensure_layout(
        self, initial_rows: Mapping[str, list[dict[str, str]]], tabs: Iterable[str] | None = None
    ) -> None:
        with self._google():
            self._sheets = None
            present = {tab.name: self._sheet(tab) for tab in google_layout.TABS if tabs is None or tab.name in tabs}
            titles = [sheet.title for sheet in present.values() if sheet]
            first_lines = self._values(titles, header_only=set(titles))
            headers = {title: (grid[0] if grid else []) for title, grid in first_lines.items()}
            layout = google_layout.Layout(present, headers, initial_rows, self._next_sheet_id(), tabs)
            if layout.structure:
                self.client.batch_update(self.key, {"requests": layout.structure})
            if layout.cells:
                self.client.values_batch_update(self.key, {"valueInputOption": "RAW", "data": layout.cells})
            self._sheets = None

    def remove(self, removals: Sequence[RowRemoval]) -> WriteReport:
        """One batchUpdate of `deleteDimension` per run, bottom up so each index still points where it was read."""
        report, wanted = WriteReport(), wanted_by_tab(removals)
        if not wanted:
            return report
        with self._google():
            self._sheets = None
            found = {name: self._sheet(tab_named(name)) for name in wanted}
            sheets = {name: sheet for name, sheet in found.items() if sheet is not None}
            grids = self._values([sheet.title for sheet in sheets.values()])
            deletions = []
            for name, counts in wanted.items():
                if name in sheets:
                    grid = grids[sheets[name].title]
                    lines = found_lines(read_table(tab_named(name), grid[0] if grid else [], grid[1:]).rows, counts)
                    deletions += [(sheets[name].sheet_id, line) for line in lines]
                    report.written += len(lines)
                report.not_found += [f"{name} : ligne changée depuis la lecture"] * sum(counts.values())
            requests_ = [
                {"deleteDimension": {"range": _rows_span(sheet_id, first, last)}}
                for sheet_id, first, last in _spans(deletions)
            ]
            if requests_:
                self.client.batch_update(self.key, {"requests": requests_})
            self._sheets = None
        return report

    def regional_settings(self) -> tuple[str, str]:
        """The spreadsheet's locale and time zone: they decide how Forms writes dates and timestamps into it."""
        with self._google():
            answer = self.client.fetch_sheet_metadata(self.key, params={"fields": "properties(locale,timeZone)"})
        properties = answer.get("properties", {})
        return properties.get("locale", ""), properties.get("timeZone", "")

    # ——— the spreadsheet's tabs ———

    def _metadata(self) -> list[SheetInfo]:
        if self._sheets is None:
            fields = (
                "sheets(properties(sheetId,title,gridProperties),protectedRanges,conditionalFormats,"
                "basicFilter(range),filterViews(title))"
            )
            answer = self.client.fetch_sheet_metadata(self.key, params={"fields": fields})
            self._sheets = [_sheet_info(sheet) for sheet in answer.get("sheets", [])]
        return self._sheets

    def _sheet(self, tab: Tab) -> SheetInfo | None:
        """The tab by its name or one of its accepted names (whatever the case and accents staff typed), or a form's
        response sheet by its header line."""
        sheets = self._metadata()
        if self._resolution is None or self._resolution[0] is not sheets:
            self._resolution = sheets, sheets_of_tabs([sheet.title for sheet in sheets], self._first_lines)
        title = self._resolution[1].get(tab.name)
        return next((sheet for sheet in sheets if sheet.title == title), None)

    def _first_lines(self, titles: list[str]) -> dict[str, list[list[str]]]:
        """The first two lines of each sheet in `titles`, in one request."""
        ranges = [f"{quoted(title)}!1:2" for title in titles]
        answer = self.client.values_batch_get(self.key, ranges, params=dict(READ_OPTIONS))
        return {
            title: value_range.get("values", [])
            for title, value_range in zip(titles, answer["valueRanges"], strict=True)
        }

    def _next_sheet_id(self) -> int:
        return max((sheet.sheet_id for sheet in self._metadata()), default=0) + 1

    def _sheets_for_writing(self, tabs: list[Tab]) -> dict[str, SheetInfo]:
        sheets: dict[str, SheetInfo] = {}
        for tab in tabs:
            sheet = self._sheet(tab)
            if sheet is None and tab.required:
                raise WorkbookError(f"Onglet « {tab.name} » introuvable dans le classeur Google : rien n'a été écrit.")
            if sheet is None:  # a tab only the flows fill (Journal, Indicateurs) deleted by mistake: made again
                self.ensure_layout({})
                sheet = self._sheet(tab)
            if sheet is None:
                raise WorkbookError(f"Onglet « {tab.name} » impossible à recréer dans le classeur Google.")
            sheets[tab.name] = sheet
        return sheets

    def _values(self, titles: list[str], header_only: Set[str] = frozenset()) -> dict[str, list[list[str]]]:
        """One request for every tab in `titles`: whole, or only its header line for those in `header_only`."""
        if not titles:
            return {}
        ranges = [f"{quoted(title)}!1:1" if title in header_only else quoted(title) for title in titles]
        try:
            answer = self.client.values_batch_get(self.key, ranges, params=dict(READ_OPTIONS))
        except APIError as error:
            if error.code == 400 and "Unable to parse range" in str(error.error.get("message")):
                raise _StaleNames from None
            raise
        grids = {}
        for title, value_range in zip(titles, answer["valueRanges"], strict=True):
            grids[title] = value_range.get("values", [])
            if title not in header_only:
                self._note_size(title, value_range.get("range", ""))
        return grids

    def _note_size(self, title: str, answered_range: str) -> None:
        """A whole-tab read answers with the tab's grid (`'Demandes'!A1:AH1000`): its size now, for free."""
        found = re.search(r"!([A-Z]+)\d+:([A-Z]+)(\d+)$", answered_range)
        sheet = next((sheet for sheet in self._sheets or [] if sheet.title == title), None)
        if found and sheet:
            sheet.columns, sheet.rows = column_index(found.group(2)) + 1, int(found.group(3))

    def _grow(self, requests_: list[dict]) -> None:
        if requests_:
            self.client.batch_update(self.key, {"requests": requests_})
            self._sheets = None

    def _append(self, title: str, rows: list[list], shown: list[list[str]], days: set[int]) -> None:
        """Never twice: after a timeout or a 5xx the tab is read again, and the rows appended only if absent."""
        policy = self.client.policy
        for attempt in range(1, policy.attempts + 1):
            try:
                self.client.values_append(self.key, f"{quoted(title)}!A1", APPEND_OPTIONS, {"values": rows})
                return
            except APIError as error:
                if error.code not in RETRIED_STATUSES or attempt == policy.attempts:
                    raise
            except (requests.Timeout, requests.ConnectionError):
                if attempt == policy.attempts:
                    raise
            self.client.sleep(policy.pause(attempt, None))
            if _holds_block(self._values([title])[title], shown, days):
                return

    def _with_fresh_names(self, action: Callable[[], T]) -> T:
        """Tab names are fetched once per run; if staff renamed a tab since, fetch them again and retry once."""
        with self._google():
            try:
                return action()
            except _StaleNames:
                self._sheets = None
            try:
                return action()
            except _StaleNames:
                raise WorkbookError(
                    "Les onglets du classeur Google changent de nom pendant l'exécution : elle "
                    "reprendra à la prochaine ; rien n'a été modifié."
                ) from None

    @contextmanager
    def _google(self) -> Iterator[None]:
        try:
            yield
        except GOOGLE_ERRORS as error:
            raise explained(error, self.account, self.key) from None


class _StaleNames(Exception):
    """A tab named in a request no longer exists under that name."""


class _TabWrite:
    """What one write does to one tab: cells of found rows, new flow columns, rows to append."""

    def __init__(self, tab: Tab, sheet: SheetInfo, grid: list[list[str]], changes: list, report: WriteReport):
        self.tab, self.sheet = tab, sheet
        headers = grid[0] if grid else []
        self.width = max(len(headers), 1)
        self.positions = check_headers(tab, headers)
        self.cells: dict[tuple[int, int], str | int | float] = {}
        self._add_columns(headers, changes)
        current = (
            rows_from_values(tab, self.positions, grid[1:])
            if any(isinstance(change, RowUpdate) for change in changes)
            else []
        )
        finder, rows = RowFinder(tab, current), {row.line: row for row in current}
        self.appended: list[list[str | int | float]] = []
        self.shown: list[list[str]] = []  # the appended rows as a read gives them back: what a retry looks for
        self.rows_needed = len(grid)
        for change in changes:
            if isinstance(change, TabReplace):
                self._rebuild(rows_from_values(tab, self.positions, grid[1:]), change, report)
                continue
            if isinstance(change, RowAppend):
                self.appended.append(self._line(change.values))
                self.shown.append(self._texts(change.values))
                continue
            line = finder.line_of(change.key)
            if line is None or any(
                rows[line][title].strip() != value.strip()
                for title, value in change.expect.items()
                if title in self.positions
            ):
                report.not_found.append(f"{tab.name} : {change.key}")
                continue
            report.written += 1
            for title, value in change.values.items():
                self.cells[(line, self.positions[title])] = self._sent(title, value)

    def _sent(self, title: str, value: str) -> str | int | float:
        """A date column's day as a date, a number column's number as a number (RAW): sortable, summable."""
        return serial(typed(self.tab.column(title), safe_text(value)))

    def _rebuild(self, current: Sequence[Row], replace: TabReplace, report: WriteReport) -> None:
        cells = replacement_cells(self.tab, self.positions, current, replace)
        if cells is None:
            report.not_found.append(changed_meanwhile(self.tab.name))
            return
        report.written += len(replace.rows)
        for line, values in cells.items():
            for column, value in values.items():
                self.cells[(line, column)] = serial(value)
        self.rows_needed = max(self.rows_needed, len(replace.rows) + 1)

    def _add_columns(self, headers: list[str], changes: list) -> None:
        for change in changes:
            titles = self.tab.titles() if isinstance(change, TabReplace) else change.values
            for title in titles:
                if title not in self.positions and self.tab.column(title).owner is not Owner.FORM:
                    column = max(len(headers), max(self.positions.values(), default=-1) + 1)
                    self.positions[title] = column
                    self.cells[(1, column)] = title
                    headers = [*headers, *[""] * (column - len(headers)), title]
        self.width = max(self.width, len(headers))

    def _line(self, values: Mapping[str, str]) -> list[str | int | float]:
        line: list[str | int | float] = [""] * (max(self.positions.values(), default=-1) + 1)
        for title, value in values.items():
            if title in self.positions:
                line[self.positions[title]] = self._sent(title, value)
        return line

    def _texts(self, values: Mapping[str, str]) -> list[str]:
        line = [""] * (max(self.positions.values(), default=-1) + 1)
        for title, value in values.items():
            if title in self.positions:
                line[self.positions[title]] = safe_text(value)
        return line

    def days(self) -> set[int]:
        """Positions of the tab's date columns."""
        return {position for title, position in self.positions.items() if self.tab.column(title).kind is Kind.DATE}

    def growth(self) -> list[dict]:
        grown = []
        for dimension, missing in (
            ("COLUMNS", self.width - self.sheet.columns),
            ("ROWS", self.rows_needed - self.sheet.rows),
        ):
            if missing > 0:
                grown.append(
                    {"appendDimension": {"sheetId": self.sheet.sheet_id, "dimension": dimension, "length": missing}}
                )
        return grown

    def value_ranges(self) -> list[dict]:
        """Adjacent cells of a row in one range: a few ranges per row, one request for them all."""
        by_line: dict[int, dict[int, str | int | float]] = defaultdict(dict)
        for (line, column), value in self.cells.items():
            by_line[line][column] = value
        ranges = []
        for line, cells in sorted(by_line.items()):
            run: list[int] = []
            for column in sorted(cells):
                if run and column != run[-1] + 1:
                    ranges.append(self._range(line, run, cells))
                    run = []
                run.append(column)
            ranges.append(self._range(line, run, cells))
        return ranges

    def _range(self, line: int, columns: list[int], cells: dict[int, str | int | float]) -> dict:
        notation = f"{quoted(self.sheet.title)}!{column_letters(columns[0])}{line}:{column_letters(columns[-1])}{line}"
        return {"range": notation, "majorDimension": "ROWS", "values": [[cells[c] for c in columns]]}


def _table(tab: Tab, grid: list[list[str]]) -> Table:
    return read_table(tab, grid[0] if grid else [], grid[1:])


def _spans(lines: Iterable[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(sheet, first line, last line) of each run of consecutive lines, the bottom ones first on each sheet."""
    spans: list[tuple[int, int, int]] = []
    for sheet_id, line in sorted(lines, key=lambda found: (found[0], -found[1])):
        if spans and spans[-1][0] == sheet_id and spans[-1][1] == line + 1:
            spans[-1] = (sheet_id, line, spans[-1][2])
        else:
            spans.append((sheet_id, line, line))
    return spans


def _rows_span(sheet_id: int, first: int, last: int) -> dict:
    return {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": first - 1, "endIndex": last}


def _sheet_info(sheet: dict) -> SheetInfo:
    properties = sheet["properties"]
    grid = properties.get("gridProperties", {})
    return SheetInfo(
        properties["sheetId"],
        properties["title"],
        grid.get("rowCount", 0),
        grid.get("columnCount", 0),
        grid.get("frozenRowCount", 0),
        sheet.get("protectedRanges", []),
        sheet.get("conditionalFormats", []),
        "basicFilter" in sheet,
        tuple(view.get("title", "") for view in sheet.get("filterViews", [])),
    )


def _holds_block(grid: list[list[str]], rows: list[list[str]], days: Set[int] = frozenset()) -> bool:
    """Whether `rows` already sit one after the other in the tab (they were appended before the error); a day shows
    as « 46336 » in a date column no format was set on yet."""

    def trimmed(line: Sequence[str]) -> tuple[str, ...]:
        line = list(line)
        while line and line[-1] == "":
            line.pop()
        return tuple(line)

    def shown(line: Sequence[str]) -> list[str]:
        return [cell_text(as_day(value)) if n in days else value for n, value in enumerate(line)]

    present = [trimmed(shown(line)) for line in grid]
    wanted = [trimmed(line) for line in rows]
    starts = [i for i, line in enumerate(present) if line == wanted[0]]
    return any(present[start : start + len(wanted)] == wanted for start in starts)
