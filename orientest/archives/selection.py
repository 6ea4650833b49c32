"""What leaves the live workbook for the archive of a finished school year: its closed requests, and what the other
tabs hold on them (answers, feedback, the participants' answers, journal and sending lines); the ambassadors' updates
already applied; the journal and sending lines of that year about ambassadors and reports, but those a run still
reads."""

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from orientest.ambassadors.charter import record_id
from orientest.core import journal
from orientest.core.french import parse_date, parse_datetime, school_year
from orientest.core.parameters import read_parameters
from orientest.core.record_rows import record_row
from orientest.core.schema import AMBASSADORS, Row, Snapshot, Table
from orientest.requests.reading import wished_day
from orientest.requests.state import read_state
from orientest.statuses.requests import RequestStatus

ARCHIVE_DAY = (9, 2)  # 2 September: the indicators of August, computed on the 1st, still counted the whole year
TABS = (
    "Demandes",
    "Réponses",
    "Retours",
    "Avis des participants",
    "Mises à jour",
    "Journal",
    "Envois",
    "Indicateurs",
)
S = RequestStatus
# Over for good; « Réalisée » still waits for its feedback (closed 30 days later at most).
CLOSED = frozenset({S.CLOSED, S.CANCELLED, S.NO_SOLUTION, S.DUPLICATE, S.INCOMPLETE, S.NO_SHOW})


def label(year: int) -> str:
    """The school year as staff write it: 2025 → « 2025-2026 »."""
    return f"{year}-{year + 1}"


def last_finished(today: date) -> int:
    """The last school year whose archive day has come: on 2 September 2027, 2026-2027."""
    return today.year - 1 if (today.month, today.day) >= ARCHIVE_DAY else today.year - 2


def due(today: date) -> bool:
    """The nightly run archives through September, from the archive day on: a night missed is caught up, and a
    request of last year closed late joins its archive the next September."""
    return today.month == ARCHIVE_DAY[0] and today.day >= ARCHIVE_DAY[1]


@dataclass(frozen=True)
class Selection:
    """The lines of one school year that leave the live workbook, tab by tab; `kept`: lines that would, but hold
    something in a column staff added (tab → those columns' headers), so they stay where staff put it."""

    year: int
    lines: Mapping[str, tuple[int, ...]]
    kept: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return label(self.year)

    def count(self) -> int:
        return sum(len(lines) for lines in self.lines.values())


class _Chosen:
    """Lines by school year and tab, as they are found."""

    def __init__(self) -> None:
        self.lines: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.kept: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    def take(self, year: int, table: Table, row: Row) -> bool:
        own = table.own_columns.get(row.line)
        if own:
            self.kept[year][table.tab.name].update(own)
            return False
        self.lines[year][table.tab.name].append(row.line)
        return True

    def selections(self) -> list[Selection]:
        return [
            Selection(
                year,
                {name: tuple(lines) for name, lines in self.lines[year].items()},
                {name: tuple(sorted(headers)) for name, headers in self.kept[year].items()},
            )
            for year in sorted(self.lines.keys() | self.kept.keys())
        ]


def select(snapshot: Snapshot, today: date) -> list[Selection]:
    """Every finished school year with something to archive, oldest first (a request closed late joins its year)."""
    finished = last_finished(today)
    chosen = _Chosen()
    years: dict[str, int] = {}
    requests = snapshot["Demandes"]
    for row in requests.rows:
        year = _closed_in(row)
        if year is not None and year <= finished and chosen.take(year, requests, row):
            years[record_row(row, requests.tab).id] = year
    for name in ("Réponses", "Retours", "Avis des participants"):
        for table, row in _rows(snapshot, name):
            year = years.get(_token_request(row))
            if year is not None and row["Traitée"].strip():
                chosen.take(year, table, row)
    _network_lines(snapshot, finished, years, chosen)
    for table, row in _rows(snapshot, "Indicateurs"):  # the year's figures: its dashboard is in its archive
        if (month := _month_of(row["Mois"])) is not None and school_year(month) <= finished:
            chosen.take(school_year(month), table, row)
    for table, row in _rows(snapshot, "Mises à jour"):
        sent = parse_datetime(row["Horodatage"])
        if row["Traitée"].strip() and sent is not None and school_year(sent.date()) <= finished:
            chosen.take(school_year(sent.date()), table, row)
    return chosen.selections()


def _network_lines(snapshot: Snapshot, finished: int, years: dict[str, int], chosen: "_Chosen") -> None:
    """Journal and Envois lines: with their request; those about an ambassador or a month's report, with the year
    they were written in, but what a run still reads (`journal.read_however_old`) and the e-mails of the charter in
    force (asked once, reminded once: never again)."""
    ambassadors = {record_row(row, AMBASSADORS).id for row in _plain(snapshot, "Ambassadeurs")}
    charter = f":{record_id(read_parameters(snapshot.get('Paramètres'))[0].charter_version)}:"
    kept = journal.read_however_old(_plain(snapshot, "Journal"))
    for name in ("Journal", "Envois"):
        for table, row in _rows(snapshot, name):
            reference = _reference(row)
            if (year := years.get(reference)) is not None:
                chosen.take(year, table, row)
            elif (reference in ambassadors or _month(reference)) and (written := _written_in(row)) is not None:
                still = row.line in kept if name == "Journal" else charter in row["Clé d'idempotence"]
                if written <= finished and not still:
                    chosen.take(written, table, row)


def _month(reference: str) -> bool:
    """A month's report (« 2026-11 »)."""
    return _month_of(reference) is not None


def _month_of(text: str) -> date | None:
    found = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    return date(int(found[1]), int(found[2]), 1) if found and 1 <= int(found[2]) <= 12 else None


def _written_in(row: Row) -> int | None:
    at = parse_datetime(row["Date"])
    return school_year(at.date()) if at else None


def _plain(snapshot: Snapshot, name: str) -> tuple[Row, ...]:
    table = snapshot.get(name)
    return table.rows if table is not None else ()


def _token_request(row: Row) -> str:
    return row["Jeton"].split(".")[0].strip()


def _reference(row: Row) -> str:
    return row["Référence"].strip()


def _closed_in(row: Row) -> int | None:
    """The school year of a request over for good, with its ID and no staff command waiting; else None."""
    if not row["ID"].strip() or row["Action"].strip() or row["Affectation manuelle"].strip():
        return None
    state = read_state(row)
    if state.status not in CLOSED:
        return None
    sent = parse_datetime(row["Horodatage"])
    day = state.confirmed_day or wished_day(row) or parse_date(row["Date alternative"]) or (sent and sent.date())
    return school_year(day) if day else None


def _rows(snapshot: Snapshot, name: str) -> Iterator[tuple[Table, Row]]:
    table = snapshot.get(name)
    if table is not None:
        for row in table.rows:
            yield table, row
