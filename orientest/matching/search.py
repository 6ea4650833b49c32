"""The search: every request still searching gets its candidates under the hard rules, the best assignment of all
of them at once, then proposals; one nobody can take waits, gets pistes, or « Sans solution »."""

from dataclasses import replace
from datetime import date, datetime, timedelta

import numpy as np

from orientest.board import Basins, Board, Case
from orientest.board.pool import Pool, bits
from orientest.context import Context
from orientest.core.french import count, format_date, school_year
from orientest.core.journal import NetworkChanged
from orientest.matching import emails
from orientest.matching.assignment import Demand, assign
from orientest.matching.manual import ABOUT, manual_outcome
from orientest.matching.offering import offer_or_give_up, remind_or_expire
from orientest.matching.rules import Calendar, Search, candidates
from orientest.matching.scoring import fit, motif, why_you
from orientest.reference.sectors import Sectors
from orientest.requests.reading import Request
from orientest.statuses import requests as request_life
from orientest.statuses.requests import RequestStatus


def calendar_of(board: Board) -> Calendar:
    """Confirmed interventions and open proposals, per ambassador: days taken and yearly load."""
    busy: dict[date, set[int]] = {}
    load: dict[tuple[int, int], int] = {}
    done: dict[tuple[int, int], int] = {}
    engagements: list[tuple[str, date | None, bool]] = [
        (ambassador_id, c.confirmed_day, True)
        for c in board.cases.values()
        if c.status in request_life.CONFIRMED_OR_LATER
        for ambassador_id in c.ambassadors
    ]
    engagements += [(p.ambassador_id, p.day, False) for p in board.ledger.proposals.values() if p.is_open]
    for ambassador_id, day, confirmed in engagements:
        position = board.positions.get(ambassador_id)
        if position is None or day is None:
            continue
        busy.setdefault(day, set()).add(position)
        load[(position, school_year(day))] = load.get((position, school_year(day)), 0) + 1
        if confirmed:
            done[(position, school_year(day))] = done.get((position, school_year(day)), 0) + 1
    return Calendar({d: frozenset(p) for d, p in busy.items()}, load, done)


def search(board: Board, context: Context, basins: Basins) -> None:
    """Manual choices first, then the optimal assignment; no candidate left means pistes, or « Sans solution »."""
    remind_or_expire(board, context)
    calendar = calendar_of(board)
    demands = collect_demands(board, context, basins, calendar)
    for pick in assign(demands, remaining_volumes(board, calendar, demands)):
        _propose(board, board.cases[pick.request_id], pick.position, pick.day, calendar, context)


def collect_demands(board: Board, context: Context, basins: Basins, calendar: Calendar) -> list[Demand]:
    """Every request still searching, oldest first, with its candidates; one nobody can take waits, or gets « Sans
    solution » once the network had its chance. A request with several places keeps searching for those left."""
    searching = sorted(
        (c for c in board.cases.values() if _searching(c)), key=lambda c: (c.request.submitted_at or datetime.max, c.id)
    )
    demands, waiting = [], []
    _note_network_ready(board)
    for case in board.cases.values():  # waiting for an answer: staff's choice is asked alongside, or refused
        if case.status == RequestStatus.PROPOSED and not _searching(case):
            _manual(board, case, context, calendar, basins)
    for rank, case in enumerate(searching):
        if _manual(board, case, context, calendar, basins):
            continue
        if case.status != RequestStatus.SEARCHING:
            _tell_who_comes_on_the_eve(board, case, context.secret)
            demands += _places_left(board, case, rank, calendar, context.referential.sectors, basins)
            continue
        if _out_of_time(board, case, context, calendar, basins):
            continue
        demand = _demand(board, case, rank, calendar, context.referential.sectors, basins)
        if demand is None and _network_had_its_chance(board, case):
            offer_or_give_up(
                board,
                case,
                context,
                calendar,
                basins.of(case.request),
                "aucun ambassadeur disponible ne correspond à la demande (secteur, public, type, territoire et dates)",
            )
        elif demand is None:
            waiting.append(case)
        elif demand.need > 0:
            demands.append(demand)
    _wait(board, waiting)
    return demands


def _note_network_ready(board: Board) -> None:
    """Someone can be asked after requests waited for nobody: journalled before any search clock is read."""
    if board.pool.eligible.any() and board.ledger.network_waiting:
        board.journal(NetworkChanged(ready=True))


def _searching(case: Case) -> bool:
    """« En recherche », or a request with several places some of which are still to fill."""
    return case.status == RequestStatus.SEARCHING or (
        case.status in (RequestStatus.PROPOSED, RequestStatus.PARTLY_FILLED) and case.request.places > 1
    )


def _places_left(
    board: Board, case: Case, rank: int, calendar: Calendar, sectors: Sectors, basins: Basins
) -> list[Demand]:
    """More proposals for the places left, while the day is ahead; none left to ask is said in `Motif`."""
    if _latest_day(_on_days(case)) <= board.today:
        return []
    demand = _demand(board, case, rank, calendar, sectors, basins)
    if demand is None and case.status == RequestStatus.PARTLY_FILLED and not board.ledger.open_for(case.id):
        confirmed = count(len(case.ambassadors), "ambassadeur confirmé", "ambassadeurs confirmés")
        motif = f"{confirmed} sur {case.request.places} ; aucun autre disponible pour l'instant"
        motif += " (nouvel essai à chaque passage)"
        case.state = replace(case.state, motif=motif)
    return [demand] if demand is not None and demand.need > 0 else []


def _tell_who_comes_on_the_eve(board: Board, case: Case, secret: bytes) -> None:
    """A forum with places still empty the day before: its requester hears who comes (once per who)."""
    day = case.confirmed_day
    if day is None or case.status != RequestStatus.PARTLY_FILLED or not board.coming(case):
        return
    if (day - board.today).days == 1:
        board.email(emails.forum_confirmation(board, case, day, secret))


def _latest_day(request: Request) -> date:
    return max(d for d in (request.wished_date, request.alternative_date) if d)


def _network_had_its_chance(board: Board, case: Case) -> bool:
    """« Sans solution » only once the network could have answered: every attempt used, or ambassadors able to take
    requests and the request searched for long enough that new ones could join (a network starting up, or staff
    yet to validate signups, is not a white zone)."""
    if board.attempts_left(case) <= 0:
        return True
    return bool(board.pool.eligible.any()) and board.now >= _search_ends(board, case)


def _search_ends(board: Board, case: Case) -> datetime:
    """When a request nobody can take stops waiting: « Recherche avant « Sans solution » » after it came in, was
    reopened, or, had it waited for a network where nobody could be asked, after someone could."""
    since = board.ledger.reopened_at.get(case.id) or case.request.submitted_at or board.now
    ready = board.ledger.network_ready_at
    return max(since, ready or since) + timedelta(days=board.parameters.search_days)


def _wait(board: Board, waiting: list[Case]) -> None:
    """Requests nobody can take yet stay « En recherche », saying why; staff hear once when nobody at all can. The
    Journal keeps when the network could not serve (`collect_demands`, when it can again)."""
    nobody = not board.pool.eligible.any()
    if waiting and nobody and not board.ledger.network_waiting:
        board.journal(NetworkChanged(ready=False))
    for case in waiting:
        until = format_date(_search_ends(board, case).date())
        motif = (
            "en attente : aucun ambassadeur n'est encore « Actif »"
            if nobody
            else f"en attente d'un ambassadeur disponible (nouvel essai à chaque passage, jusqu'au {until})"
        )
        case.state = replace(case.state, motif=motif)
    if waiting and nobody and board.parameters.staff_email:
        board.email(emails.network_not_ready(board, waiting))


def remaining_volumes(board: Board, calendar: Calendar, demands: list[Demand]) -> dict[tuple[int, int], int]:
    """Free volume per (ambassador, school year) for every candidate of the run."""
    years = {school_year(day) for demand in demands for day in demand.days}
    free = {year: calendar.remaining(board.pool, year) for year in years}
    return {
        (int(position), school_year(day)): int(free[school_year(day)][position])
        for demand in demands
        for position, day in zip(demand.positions, demand.days, strict=True)
    }


def _demand(board: Board, case: Case, rank: int, calendar: Calendar, sectors: Sectors, basins: Basins) -> Demand | None:
    parameters = board.parameters
    if board.attempts_left(case) <= 0:
        return None
    request = _on_days(case)
    search = Search(request, sectors, calendar, board.asked(case), basins.of(request))
    allowed, use_alternative = candidates(board.pool, search)
    positions = np.flatnonzero(allowed)
    if len(positions) == 0:
        return None
    fitted = fit(board.pool, request, sectors, _done(board.pool, calendar, request.wished_date))
    scores = fitted.score(parameters)[positions]
    # a candidate is on the alternative day only when there is one (`candidates`)
    days = tuple(
        (request.alternative_date or request.wished_date) if use_alternative[p] else request.wished_date
        for p in positions
    )
    open_now = len(board.ledger.open_for(case.id))
    need = min(case.places_left + parameters.simultaneous_proposals - 1 - open_now, board.attempts_left(case))
    return Demand(case.id, need, rank, positions, days, scores, _fresh_sectors(board, case, positions, sectors))


def _on_days(case: Case) -> Request:
    """The request as the search sees it: once a first ambassador is confirmed, their day for every other place."""
    fixed = case.confirmed_day
    return replace(case.request, wished_date=fixed, alternative_date=None) if fixed else case.request


def _fresh_sectors(board: Board, case: Case, positions: np.ndarray, sectors: Sectors) -> np.ndarray | None:
    """For several places over several sectors: the sectors each candidate would add to those already coming or
    asked (None otherwise: nothing to spread)."""
    wanted = bits([sectors.domain_code(label) for label in case.request.sectors], tuple(sectors.domains))
    if case.request.places < 2 or wanted.bit_count() < 2:
        return None
    taken = [
        board.positions[a]
        for a in (*case.ambassadors, *(p.ambassador_id for p in board.ledger.open_for(case.id)))
        if a in board.positions
    ]
    covered = int(np.bitwise_or.reduce(board.pool.domains[taken])) if taken else 0
    return board.pool.domains[positions] & wanted & ~covered


def _done(pool: Pool, calendar: Calendar, day: date) -> np.ndarray:
    return calendar.done_in(pool, school_year(day))


def _propose(
    board: Board, case: Case, position: int, day: date, calendar: Calendar, context: Context, again: bool = False
) -> None:
    sectors = context.referential.sectors
    done = _done(board.pool, calendar, day)
    fitted = fit(board.pool, case.request, sectors, done)
    member = board.pool.members[position]
    offer = board.open(
        case,
        member.ambassador.id,
        day,
        motif(board.pool, position, case.request, sectors, fitted, int(done[position])),
        again=again,
    )
    if case.status == RequestStatus.SEARCHING:  # a request with places already filled keeps its status
        board.move(case, request_life.PROPOSE, f"à {member.ambassador.id}")
    why = why_you(board.pool, position, case.request, sectors, fitted)
    board.email(emails.proposal(board, case, member.ambassador, offer, context.secret, why=why))


def _manual(board: Board, case: Case, context: Context, calendar: Calendar, basins: Basins) -> bool:
    """Staff's choice in `Affectation manuelle`, one ambassador or several: proposed to each if the rules allow it, or
    if staff force it; what cannot be done is said in `Anomalies`. Once all of them were asked, the search goes on."""
    if not case.staff.manual:
        case.restate(ABOUT, [])
        return False
    request = _on_days(case)
    outcome = manual_outcome(
        board, case, Search(request, context.referential.sectors, calendar, basin=basins.of(request))
    )
    for position, again in outcome.to_propose:
        _propose(board, case, position, request.wished_date, calendar, context, again=again)
    case.restate(ABOUT, outcome.anomalies())
    return outcome.blocks_search


def _out_of_time(board: Board, case: Case, context: Context, calendar: Calendar, basins: Basins) -> bool:
    """Both dates past: only another day can help."""
    if _latest_day(case.request) > board.today:
        return False
    offer_or_give_up(
        board,
        case,
        context,
        calendar,
        basins.of(case.request),
        "les dates souhaitées sont passées sans qu'un ambassadeur ait pu être trouvé",
        dates_only=True,
    )
    return True
