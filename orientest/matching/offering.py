"""Pistes on the board: offered when nobody fits a request as asked, taken or declined by the requester's signed
choice, given up when no answer comes; « Sans solution » only after that."""

from dataclasses import replace
from datetime import timedelta

from orientest.board.state import Board, Case
from orientest.context import Context
from orientest.core.journal import AlternativesOffered, AlternativeTaken, RecordEdited
from orientest.core.tokens import REQUESTER, Claims
from orientest.forms import options
from orientest.forms.fields import contact
from orientest.matching import emails
from orientest.matching.alternatives import DECLINE, PREFIX, alternatives, from_code
from orientest.matching.rules import Calendar, Search, covering
from orientest.reference.sectors import Sectors
from orientest.statuses import requests as request_life
from orientest.statuses.requests import RequestStatus

TAKE_ANSWER, DECLINE_ANSWER = options.ANSWER.labels[0], options.ANSWER.labels[1]  # what the pistes' links pre-fill
ROUNDS = 3  # a piste taken that still finds nobody brings new ones, three times at most: then staff take over


def is_choice(claims: Claims) -> bool:
    return claims.action == DECLINE or claims.action.startswith(PREFIX)


def offer_or_give_up(
    board: Board, case: Case, context: Context, calendar: Calendar, basin: int, reason: str, dates_only: bool = False
) -> None:
    """The pistes that would open candidates; none, `ROUNDS` offers already, or every attempt used (staff set how many
    people one request may ask): « Sans solution ». Whether anybody in the network covers the request whatever the
    day is journalled with it: the white zones of the indicators count those nobody covers."""
    search = Search(case.request, context.referential.sectors, calendar, board.asked(case), basin)
    nobody_covers = not covering(board.pool, search).any()
    unreachable = board.attempts_left(case) <= 0 or not contact(case.row)  # no address: anonymised
    rounds = board.ledger.offers.get(case.id, 0)
    pistes = (
        []
        if unreachable or rounds >= ROUNDS
        else alternatives(board.pool, search, board.today, board.closed, dates_only)
    )
    if not pistes:
        give_up(board, case, reason, nobody_covers)
        return
    expires = board.today + timedelta(days=board.parameters.response_days)
    board.journal(AlternativesOffered(case.id, tuple(p.code for p in pistes)))
    case.state = replace(case.state, motif=reason, pistes="\n".join(f"• {p.summary()}" for p in pistes))
    board.move(case, request_life.OFFER_ALTERNATIVES, f"{len(pistes)} piste(s)", nobody_covers)
    board.email(emails.alternatives(board, case, pistes, context.secret, expires, rounds + 1))


def give_up(board: Board, case: Case, reason: str, nobody_covers: bool = False, to_requester: str = "") -> None:
    """« Sans solution », said to staff in `Motif` and to the requester in the second person (`to_requester`)."""
    reopened = board.ledger.reopened_at.get(case.id)
    round_key = f"{reopened:%Y%m%d%H%M}" if reopened else "1"
    if board.attempts_left(case) <= 0:
        reason = f"{board.ledger.attempts(case.id)} ambassadeurs sollicités, sans réponse favorable"
    case.state = replace(case.state, motif=reason)
    board.move(case, request_life.GIVE_UP, reason, nobody_covers)
    for email in emails.no_solution(board, case, reason, round_key, to_requester or reason):
        board.email(email)


def act_on_choice(board: Board, claims: Claims, answer: str, sectors: Sectors) -> str:
    """The requester took a piste (the request is rewritten, the search resumes) or declined them all, each only with
    the answer its own link pre-fills (another one is not guessed at). Returns the anomaly, if any."""
    case = board.cases.get(claims.record_id)
    if claims.person_id != REQUESTER or case is None:
        return "ce jeton ne sert pas à choisir une piste"
    if case.status != RequestStatus.ALTERNATIVES_OFFERED:
        return f"la demande est « {case.status} » : aucune piste en attente, rien n'a été changé"
    expected = DECLINE_ANSWER if claims.action == DECLINE else TAKE_ANSWER
    if answer != expected:
        return (
            f"ce lien sert à répondre « {expected} », pas « {answer or '(vide)'} » : rien n'a été changé ; "
            "à voir avec le demandeur"
        )
    offered = board.ledger.offered[case.id].event.codes
    code = claims.action.removeprefix(PREFIX)
    if claims.action == DECLINE:
        give_up(
            board,
            case,
            "le demandeur n'a retenu aucune des pistes proposées",
            to_requester="vous n'avez retenu aucune des pistes proposées",
        )
        return ""
    piste = from_code(code, case.request, sectors) if code in offered else None
    if piste is None:
        return f"piste « {code[:40]} » inconnue pour {case.id} : rien n'a été changé"
    cells = {title: value for title, value in piste.cells if title in case.row.values}  # a question the form lacks
    before = "; ".join(f"{title} : {case.row[title]} → {value}" for title, value in cells.items())
    case.edits.update(cells)
    case.parsed = piste.applied_to(case.request)
    case.state = replace(case.state, pistes=f"retenue : {piste.label}")
    board.journal(RecordEdited(case.id, before))
    board.journal(AlternativeTaken(case.id, code))
    board.move(case, request_life.TAKE_ALTERNATIVE, piste.label)
    return ""


def remind_or_expire(board: Board, context: Context) -> None:
    """Pistes still waiting for a choice: a reminder halfway through the answer delay (once: its key), « Sans
    solution » after it, staff alerted."""
    delay = board.parameters.response_days
    for case in board.cases.values():
        offered = board.ledger.offered.get(case.id)
        if case.status != RequestStatus.ALTERNATIVES_OFFERED or offered is None:
            continue
        expires = offered.at.date() + timedelta(days=delay)
        if board.today > expires:
            give_up(
                board,
                case,
                "le demandeur n'a choisi aucune des pistes proposées dans le délai",
                to_requester="nous n'avons pas reçu votre choix parmi les pistes proposées dans le délai",
            )
        elif board.today >= offered.at.date() + timedelta(days=(delay + 1) // 2):
            pistes = [
                p
                for code in offered.event.codes
                if (p := from_code(code, case.request, context.referential.sectors)) is not None
            ]
            board.email(
                emails.alternatives(
                    board, case, pistes, context.secret, expires, board.ledger.offers[case.id], reminder=True
                )
            )
