"""Each finished school year archived: its closed requests, and what the other tabs hold on them, move to the year's
archive workbook. Copied, read back and checked row for row, and only then removed from the live workbook: a run cut
short anywhere leaves every row in one workbook at least, and the next run finishes the move without copying twice."""

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from connectors.wiring import Connectors
from connectors.workbook import Workbook, WorkbookError
from flows.logs import run_logger
from orientest import archives, housekeeping
from orientest.archives import register
from orientest.core.indicator_rows import indicator_rows
from orientest.core.journal import DataAnonymised, DataArchived, as_row
from orientest.core.parameters import read_parameters
from orientest.core.plan import RowAppend, RowRemoval, TabReplace
from orientest.core.schema import Row, Snapshot
from orientest.reporting import dashboard

READ = (*archives.TABS, register.TAB, "Ambassadeurs", "Paramètres")
PRIVACY_TABS = (
    "Ambassadeurs",
    "Demandes",
    "Mises à jour",
    "Réponses",
    "Retours",
    "Inscriptions aux rencontres",
    "Journal",
    "Envois",
)
FLOW = "housekeeping"


@dataclass
class Moved:
    """What one school year's move did."""

    label: str
    address: str = ""
    copied: int = 0
    held: int = 0  # the rows the archive holds, all years' runs together
    removed: int = 0
    state: str = ""
    kept: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def sentence(self) -> str:
        where = f" vers « {self.address} »" if self.address else ""
        return (
            f"Archives {self.label}{where} : {self.copied} ligne(s) copiée(s), {self.removed} retirée(s) — {self.state}"
        )


def archive_finished_years(connectors: Connectors, now: datetime) -> list[Moved]:
    """Every finished school year with closed records still in the live workbook, oldest first."""
    snapshot = connectors.workbook.read(READ)
    known = register.entries(snapshot)
    moves = []
    for selection in archives.select(snapshot, now.date()):
        entry = known.get(selection.label, register.Entry(selection.label))
        moved = _move(selection, entry, snapshot, connectors, now)
        run_logger().info(moved.sentence())
        moves.append(moved)
    return moves


def _move(
    selection: archives.Selection, entry: register.Entry, snapshot: Snapshot, connectors: Connectors, now: datetime
) -> Moved:
    try:
        target, address = connectors.archive(selection.label, entry.address)
    except WorkbookError as error:
        return _noted(connectors, entry, now, Moved(selection.label, state=register.WAITING), f"{error}")
    moved = Moved(selection.label, address, kept=dict(selection.kept))
    if target is None:
        moved.state = register.WAITING
        return _noted(
            connectors, entry, now, moved, register.ask_for_a_spreadsheet(selection.label, connectors.account())
        )
    rows = {name: _lines(snapshot, name, lines) for name, lines in selection.lines.items()}
    try:
        moved.copied = _copy(target, rows)
        missing, moved.held = _unverified(target, rows)
        if not missing and "Indicateurs" in rows:
            _dashboard(target, selection.year)
    except WorkbookError as error:
        moved.state = register.STOPPED
        return _noted(connectors, entry, now, moved, register.cut_short(str(error)))
    if missing:
        moved.state = register.STOPPED
        return _noted(connectors, entry, now, moved, register.not_all_there(missing))
    moved.state = register.REMOVING  # said before the rows leave: cut short after, the next night removes them
    _noted(connectors, entry, now, moved, register.what_stays(moved.kept), journal=True)
    entry = replace(entry, present=True)  # the line is written now: said again below, not added twice
    report = connectors.workbook.remove([RowRemoval(name, row.values) for name, found in rows.items() for row in found])
    moved.removed, moved.state = report.written, register.DONE
    return _noted(connectors, entry, now, moved, register.what_stays(moved.kept, len(report.not_found)))


def _lines(snapshot: Snapshot, name: str, lines: tuple[int, ...]) -> list[Row]:
    by_line = {row.line: row for row in snapshot[name].rows}
    return [by_line[line] for line in lines]


def _copy(target: Workbook, rows: dict[str, list[Row]]) -> int:
    """Step 1: what the archive does not hold yet (after a run cut short, only the rest)."""
    try:
        held = target.read(archives.TABS)
    except WorkbookError:  # a new archive (or one missing a tab): its tabs first, the rows of the year after
        target.ensure_layout({}, (*archives.TABS, "Tableau de bord"))
        held = target.read(archives.TABS)
    appends = [
        RowAppend(name, row.values) for name, found in rows.items() for row in archives.missing(found, held[name].rows)
    ]
    target.write([], appends)
    return len(appends)


def _dashboard(target: Workbook, year: int) -> None:
    """The year's `Tableau de bord` in its archive, from the figures that went there: readable as it was in August."""
    figures = indicator_rows(target.read(["Indicateurs"])["Indicateurs"])
    target.write([], [], [TabReplace("Tableau de bord", tuple(dashboard.rows(figures, date(year + 1, 8, 1))))])


def _unverified(target: Workbook, rows: dict[str, list[Row]]) -> tuple[int, int]:
    """Step 2: the archive read back must hold every row before any leaves the live workbook; and how many it holds."""
    held = target.read(archives.TABS)
    missing = sum(len(archives.missing(found, held[name].rows)) for name, found in rows.items())
    return missing, sum(len(table.rows) for table in held.values())


def _noted(
    connectors: Connectors, entry: register.Entry, now: datetime, moved: Moved, how: str, journal: bool = False
) -> Moved:
    """The `Archives` line (and, once the rows are checked, the Journal) say where the year is and what is left."""
    line = register.noted(entry, now, moved.state, moved.held, how, moved.address)
    updates, appends = ([], [line]) if isinstance(line, RowAppend) else ([line], [])
    if journal and moved.copied:
        detail = f"{moved.copied} ligne(s) copiée(s) vers « {moved.address} »"
        appends.append(RowAppend("Journal", as_row(DataArchived(moved.label, detail).entry(now, FLOW))))
    connectors.workbook.write(updates, appends)
    return moved


def archive_workbooks(connectors: Connectors, live: Snapshot) -> Iterator[tuple[str, Workbook, Snapshot]]:
    """Each school year's archive that rows went to, read: RGPD requests and retention reach them (one that cannot
    be read stops the caller: a person's data must not be missed)."""
    for entry in register.entries(live).values():
        if entry.holds_rows:
            target, _ = connectors.archive(entry.label, entry.address)
            if target is not None:
                yield entry.label, target, target.read(archives.TABS)


def retain_in_archives(connectors: Connectors, now: datetime) -> int:
    """Retention in every archive, with the live network for who left it: how many rows were anonymised."""
    live = connectors.workbook.read(("Ambassadeurs", "Paramètres", register.TAB))
    parameters, _ = read_parameters(live.get("Paramètres"))
    done = 0
    for label, target, archived in archive_workbooks(connectors, live):
        updates = housekeeping.retain_in_archive(archived, live["Ambassadeurs"], now, parameters)
        done += target.write(updates, []).written if updates else 0
        if updates:
            years = parameters.retention_years
            detail = f"{len(updates)} ligne(s) des archives {label} ({years} ans après le dernier contact)"
            entry = DataAnonymised(detail, retention=True).entry(now, FLOW)
            connectors.workbook.write([], [RowAppend("Journal", as_row(entry))])
    return done


def everywhere(connectors: Connectors) -> Iterator[tuple[str, Workbook, Snapshot]]:
    """The live workbook, then each archive with the live network beside it (an ambassador's ID is known there)."""
    live = connectors.workbook.read((*PRIVACY_TABS, register.TAB))
    yield "", connectors.workbook, live
    for label, target, archived in archive_workbooks(connectors, live):
        yield label, target, {**archived, "Ambassadeurs": live["Ambassadeurs"]}
