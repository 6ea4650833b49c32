"""The workbook as flows need it: read tabs by column title, write flow-owned cells by record, append rows."""

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Protocol

from orientest.core.fingerprint import locator
from orientest.core.french import format_decimal
from orientest.core.plan import Held, RowAppend, RowKey, RowRemoval, RowUpdate, TabReplace, held
from orientest.core.schema import (
    TABS,
    Column,
    Kind,
    Owner,
    Row,
    Snapshot,
    Tab,
    Table,
    header_key,
    match_headers,
    missing_required,
    staff_cells,
)

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class WorkbookError(Exception):
    """A problem staff or the operator must fix before the run can go on; the message is for them."""


@dataclass
class WriteReport:
    written: int = 0
    appended: int = 0
    not_found: list[str] = field(default_factory=list)  # records deleted or edited since the read


class Workbook(Protocol):
    def read(self, tabs: Iterable[str]) -> Snapshot:
        """One batch read of `tabs`; raises `WorkbookError` when a required column is missing."""

    def write(
        self, updates: Sequence[RowUpdate], appends: Sequence[RowAppend], replaced: Sequence[TabReplace] = ()
    ) -> WriteReport:
        """One batch write per tab; rows are found again by ID (or locator) at write time; `replaced` tabs are
        rebuilt whole, unless staff typed in them since the read."""

    def ensure_layout(
        self, initial_rows: Mapping[str, list[dict[str, str]]], tabs: Iterable[str] | None = None
    ) -> None:
        """Create missing tabs (of `tabs`, or all) and flow-owned columns; fill `initial_rows` into the tabs it
        creates."""

    def remove(self, removals: Sequence[RowRemoval]) -> WriteReport:
        """Delete each row found, at write time, holding exactly what was read (one batch per tab); a row changed
        since stays, named in `not_found`."""


def cell_text(value: object) -> str:
    """A cell as the text a person typed: dates the French way, no float noise, never None."""
    if type(value) is str:  # nearly every cell: answer at once
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if value.time() == time(0) else value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format_decimal(value)
    return str(value)


_DAY = re.compile(r"\d{2}/\d{2}/\d{4}")
_NUMBER = re.compile(r"-?\d{1,15}(,\d{1,9})?")
Value = str | date | float  # what a cell holds once written


def typed(column: Column, text: str) -> Value:
    """A date or number column's cell as a date or a number, when `text` reads back exactly so (« 05/11/2026 »,
    « 28 », « 0,885 »); anything else (« à convenir », « 06 12… », « 1,50 ») stays the text it is."""
    if column.kind is Kind.DATE and _DAY.fullmatch(text):
        try:
            return datetime.strptime(text, "%d/%m/%Y").date()
        except ValueError:
            return text
    if column.kind is Kind.NUMBER and _NUMBER.fullmatch(text):
        number = float(text.replace(",", "."))
        return number if cell_text(number) == text else text
    return text


EPOCH = date(1899, 12, 30)  # day 0 of spreadsheets' serial dates (Excel's 1900 system, LibreOffice and Sheets alike)
_SERIALS = range(36_526, 73_051)  # 01/01/2000 – 31/12/2099 as spreadsheets count days


def as_day(value: object) -> object:
    """A date column's cell that lost its date format (pasted as values, or a Google sheet `init` has not dressed
    yet, which shows « 46336 ») reads as the day it still is."""
    if isinstance(value, str) and value.isdigit() and len(value) == 5:
        value = int(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        if int(value) in _SERIALS:
            return EPOCH + timedelta(days=int(value))
    return value


def serial(value: Value) -> str | int | float:
    """What the Sheets API takes (RAW) for a `typed` value: a day as its serial number, a whole number as an int."""
    if isinstance(value, date):
        return (value - EPOCH).days
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def safe_text(value: str) -> str:
    """What the flows write: text without the control characters a spreadsheet file cannot hold."""
    return _ILLEGAL.sub("\ufffd", value)


def tab_named(name: str) -> Tab:
    try:
        return TABS[name]
    except KeyError:
        raise WorkbookError(f"onglet inconnu : « {name} »") from None


_NAME_KEYS = {tab.name: {header_key(name) for name in (tab.name, *tab.aliases)} for tab in TABS.values()}


def sheets_of_tabs(
    titles: Sequence[str], first_lines: Callable[[list[str]], Mapping[str, list[list[str]]]]
) -> dict[str, str]:
    """Tab name → the sheet holding it: the sheet named as the tab (or an accepted name), else a form's own response
    sheet (« Réponses au formulaire 3 ») recognised by its header line; such a sheet also wins over an empty sheet of
    the tab's name, which `init` may have made before the form was linked. `first_lines` reads sheets' first two
    lines, only when some sheet has a name no tab uses."""
    named = {}
    for tab in TABS.values():
        if (title := next((title for title in titles if header_key(title) in _NAME_KEYS[tab.name]), None)) is not None:
            named[tab.name] = title
    known = set().union(*_NAME_KEYS.values())
    unnamed = [title for title in titles if header_key(title) not in known]
    if not unnamed:
        return named
    form_tabs = [tab for tab in TABS.values() if tab.titles(Owner.FORM)]
    lines = first_lines(unnamed + [named[tab.name] for tab in form_tabs if tab.name in named])
    signatures = {title: _best_signature(lines.get(title, [])[:1], form_tabs) for title in unnamed}
    resolved = dict(named)
    for tab in form_tabs:
        recognised = [title for title in unnamed if signatures[title] is tab]
        current = named.get(tab.name)
        if recognised and (current is None or not _has_answers(lines.get(current, []))):
            resolved[tab.name] = next((title for title in recognised if _has_answers(lines[title])), recognised[0])
    return resolved


def _best_signature(header_line: list[list[str]], tabs: list[Tab]) -> Tab | None:
    """The form tab whose questions a header line carries: all its required columns, and more of its columns than
    any other tab."""
    headers = [str(value) for value in (header_line[0] if header_line else [])]
    scores = []
    for tab in tabs:
        found = match_headers(tab, headers)
        if found and not missing_required(tab, found):
            scores.append((sum(tab.column(title).owner is Owner.FORM for title in found), tab))
    scores.sort(key=lambda scored: -scored[0])
    if not scores or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return None
    return scores[0][1]


def _has_answers(lines: list[list[str]]) -> bool:
    return len(lines) > 1 and any(str(value).strip() for value in lines[1])


def check_headers(tab: Tab, headers: Sequence[str]) -> dict[str, int]:
    """Canonical title → position; stops the run, naming the tab and the column, if a required one is missing."""
    found = match_headers(tab, headers)
    missing = missing_required(tab, found)
    if missing:
        names = ", ".join(f"« {title} »" for title in missing)
        raise WorkbookError(
            f"Onglet « {tab.name} » : colonne obligatoire introuvable : {names}. Rétablissez l'en-tête de colonne "
            f"(ou un de ses synonymes acceptés) puis relancez ; rien n'a été modifié."
        )
    return found


def rows_from_values(tab: Tab, positions: Mapping[str, int], values: Iterable[Sequence[object]]) -> tuple[Row, ...]:
    texts: dict[str, str] = {}  # one copy of each text: statuses, dates and choices repeat (75,000 rows: −55 MB)
    read = cells_reader(tab, positions, texts)
    return tuple(Row(line, read(cells), tab) for line, cells in enumerate(values, start=2))


def read_table(tab: Tab, headers: Sequence[str], values: Iterable[Sequence[object]]) -> Table:
    """A tab's rows by canonical title, and which lines hold something in staff's own columns (outside the schema)."""
    positions = check_headers(tab, headers)
    own = [(position, header.strip()) for position, header in enumerate(headers) if position not in positions.values()]
    own = [(position, header) for position, header in own if header]
    found: dict[int, tuple[str, ...]] = {}

    def noting(lines: Iterable[Sequence[object]]) -> Iterator[Sequence[object]]:
        for line, cells in enumerate(lines, start=2):
            held = tuple(h for p, h in own if p < len(cells) and cell_text(cells[p]).strip())
            if held:
                found[line] = held
            yield cells

    rows = rows_from_values(tab, positions, noting(values) if own else values)
    return Table(tab, rows, tuple(positions), found)


def wanted_by_tab(removals: Iterable[RowRemoval]) -> "dict[str, Counter[Held]]":
    """Tab → what each row to remove holds, as many times as it is to go."""
    wanted: dict[str, Counter[Held]] = {}
    for removal in removals:
        wanted.setdefault(removal.tab, Counter())[held(removal.values)] += 1
    return wanted


def found_lines(rows: Iterable[Row], wanted: "Counter[Held]") -> set[int]:
    """The lines of the rows to remove, each as many times as asked; `wanted` keeps what was not found."""
    lines = set()
    for row in rows:
        key = held(row.values)
        if wanted[key] > 0:
            wanted[key] -= 1
            lines.add(row.line)
    for key in [key for key, count in wanted.items() if count <= 0]:
        del wanted[key]
    return lines


def cells_reader(
    tab: Tab, positions: Mapping[str, int], texts: dict[str, str] | None = None
) -> Callable[[Sequence[object]], dict[str, str]]:
    """A line's cells → title → text, the same at read and at write time (a row is found again by what it reads)."""
    columns = [(title, pos, tab.column(title).kind is Kind.DATE) for title, pos in positions.items()]
    shared: dict[str, str] = {} if texts is None else texts

    def read(cells: Sequence[object]) -> dict[str, str]:
        row_values = {}
        for title, pos, day in columns:
            value = cells[pos] if pos < len(cells) else ""
            text = cell_text(as_day(value) if day else value)
            row_values[title] = shared.setdefault(text, text)
        return row_values

    return read


def check_owned(update: RowUpdate) -> None:
    """Flows write their own columns; a staff command may only be cleared, and only if it is still the one read."""
    tab = tab_named(update.tab)
    foreign = [
        title
        for title, value in update.values.items()
        if tab.column(title).owner is not Owner.FLOW
        and not (tab.column(title).consumed and value == "" and title in update.expect)
        and not (tab.column(title).owner is Owner.FORM and update.edits_answers)
    ]
    if foreign:
        raise ValueError(f"{update.tab}: flows never write {foreign}")


class RowFinder:
    """Finds rows again at write time: by ID, or by locator for rows that still have no ID."""

    def __init__(self, tab: Tab, rows: Iterable[Row]):
        self.by_id: dict[str, int] = {}
        self.by_locator: dict[str, list[int]] = {}
        with_ids = "ID" in tab.title_set  # answers, feedback and updates rows are found by their locator only
        for row in rows:
            record_id = row["ID"].strip() if with_ids else ""
            if record_id:
                self.by_id.setdefault(record_id, row.line)
            else:
                self.by_locator.setdefault(locator(row, tab), []).append(row.line)

    def line_of(self, key: RowKey) -> int | None:
        """The row's line now; None when it was deleted, or edited since the read."""
        if key.id:
            return self.by_id.get(key.id)
        lines = self.by_locator.get(key.locator)
        return lines.pop(0) if lines else None


def replacement_cells(
    tab: Tab, positions: Mapping[str, int], current: Sequence[Row], replace: TabReplace
) -> dict[int, dict[int, Value]] | None:
    """Line → column → text rebuilding the tab (the lines it no longer needs emptied); None when a staff cell
    changed since the run read the tab: then it waits for the next run."""
    if staff_cells(tab, current) != replace.seen:
        return None
    edits: dict[int, dict[int, Value]] = {
        line: {
            position: typed(tab.column(title), safe_text(values.get(title, "")))
            for title, position in positions.items()
        }
        for line, values in enumerate(replace.rows, start=2)
    }
    last = max((row.line for row in current if not row.is_blank(tab.titles())), default=1)
    for line in range(len(replace.rows) + 2, last + 1):
        edits[line] = {position: "" for position in positions.values()}
    return edits


def changed_meanwhile(name: str) -> str:
    return f"{name} : saisie de l'équipe pendant le passage, reconstruit au suivant"
