"""A run's state, built once from the snapshot: parameters, the ambassadors as a pool, the requests in play and the
proposals so far. Matching and follow-up both start from it."""

from collections import Counter
from dataclasses import dataclass
from functools import partial

from orientest.ambassadors.reading import read_ambassador
from orientest.board.pool import Member, build_pool
from orientest.board.state import Board, Case
from orientest.context import Context
from orientest.context.referential import Referential
from orientest.core.parameters import Parameters, read_parameters
from orientest.core.plan import Plan
from orientest.core.record_rows import RecordRow, record_rows
from orientest.core.schema import Row, Snapshot
from orientest.proposals.ledger import ledger_from
from orientest.reference.basins import basins_of
from orientest.requests.reading import Request, read_request
from orientest.requests.retained import kept_note, restorable
from orientest.requests.state import read_state
from orientest.statuses import ambassadors as ambassador_life
from orientest.statuses import requests as request_life
from orientest.submissions.feedback import no_shows


def prepare(snapshot: Snapshot, context: Context, flow: str) -> tuple[Board, "Basins"]:
    """The run's state: parameters, the ambassadors as a pool, the requests, the proposals so far."""
    parameters, _ = read_parameters(snapshot.get("Paramètres"))
    basins = _basins(snapshot)
    ambassadors_of = {row["ID"].strip(): read_state(row).ambassadors for row in snapshot["Demandes"].rows}
    absences = no_shows(snapshot.get("Retours"), ambassadors_of)
    members, unread_people = _members(snapshot, context, parameters, absences)
    pool = build_pool(members, context.referential.sectors, basins.ids)
    cases, unreadable = _cases(snapshot, context)
    board = Board(
        flow,
        context.now,
        parameters,
        ledger_from(snapshot["Journal"].rows),
        pool,
        cases,
        Plan(flow),
        context.referential.calendar.in_zone(parameters.school_holiday_zone),
        unreadable=unreadable | unread_people,
    )
    return board, basins


@dataclass(frozen=True)
class Basins:
    ids: dict[str, int]  # INSEE code → bassin number

    def of(self, request: Request) -> int:
        return self.ids.get(request.commune.insee, -1) if request.commune else -1


def _basins(snapshot: Snapshot) -> Basins:
    names: dict[str, int] = {}
    return Basins(
        {insee: names.setdefault(name, len(names)) for insee, name in basins_of(snapshot.get("Bassins")).items()}
    )


def _members(
    snapshot: Snapshot, context: Context, parameters: Parameters, absences: Counter
) -> tuple[list[Member], dict[str, str]]:
    """The ambassadors as the pool knows them, and those whose record no longer reads (with why): their answers
    wait for the record to be fixed."""
    members, unreadable = [], {}
    for record in record_rows(snapshot["Ambassadeurs"]):
        if not record.id:
            continue
        ambassador, anomalies = read_ambassador(record.row, context.referential)
        if ambassador is not None:
            eligible = ambassador_life.may_be_asked(
                record.status,
                record.charter_version,
                parameters.charter_version,
                trained=bool(record.last_training),
                training_required=parameters.training_required,
            )
            members.append(Member(ambassador, eligible, absences.get(ambassador.id, 0), record.status))
        elif record.status in ambassador_life.IN_NETWORK:  # in the network
            unreadable[record.id] = "; ".join(str(anomaly) for anomaly in anomalies)
    return members, unreadable


def _cases(snapshot: Snapshot, context: Context) -> tuple[dict[str, Case], dict[str, str]]:
    """Every request in play, and those that cannot be read now (with why). One past its search and left as intake
    validated it is read only if something concerns it (nine in ten requests of a busy year: seconds saved on every
    run), and then leniently: a request accepted before a rule or the referential changed stays a request."""
    cases, unreadable = {}, {}
    read_later = partial(_lenient_request, referential=context.referential)
    for record in record_rows(snapshot["Demandes"]):
        if not record.id or record.status in request_life.NOT_IN_PLAY:
            continue
        if _past_search_as_validated(record):
            cases[record.id] = Case(record.row, None, read_later)
            continue
        request, note = _read_in_play(record.row, context.referential)
        if request is None:
            unreadable[record.id] = note
            continue
        cases[request.id] = case = Case(record.row, request)
        if note:
            case.note(note.splitlines())
    return cases, unreadable


def _read_in_play(row: Row, referential: Referential) -> tuple[Request | None, str]:
    """The request; or, when a cell no longer reads, the one its last valid answers make, with a note for staff;
    or None and what does not read."""
    request, anomalies = read_request(row, referential)
    if request is not None:
        return request, ""
    restored = restorable(row, anomalies)
    request = read_request(row.with_values(restored), referential)[0] if restored else None
    if request is None:
        return None, "; ".join(str(anomaly) for anomaly in anomalies)
    return request, kept_note(restored, row)


def _lenient_request(row: Row, referential: Referential) -> Request | None:
    return read_request(row, referential, lenient=True)[0]


def _past_search_as_validated(record: RecordRow) -> bool:
    """Confirmed, done, closed, cancelled or without solution, its answers exactly those intake checked (its
    `Empreinte`), without a remark."""
    return record.status in request_life.PAST_SEARCH and not record.anomalies and record.as_checked
