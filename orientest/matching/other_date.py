"""« Je propose une autre date »: the requester takes the day the ambassador offers with one signed click (submitting
the form acts, opening the link does not), or declines it and the search resumes; staff may take it with `Action`."""

from dataclasses import replace

from orientest.ambassadors.reading import Ambassador
from orientest.board.state import Board, Case
from orientest.core.french import format_date, parse_date
from orientest.core.tokens import OTHER_DATE_PREFIX, REQUESTER, Claims
from orientest.forms.fields import contact
from orientest.matching import emails
from orientest.matching.acceptance import accept, back_to_search_if_idle
from orientest.matching.offering import DECLINE_ANSWER, TAKE_ANSWER  # its links pre-fill the same answers as pistes
from orientest.proposals.ledger import Proposal
from orientest.statuses import proposals as proposal_life
from orientest.statuses.proposals import ProposalState
from orientest.submissions.answers import Answer

PREFIX = OTHER_DATE_PREFIX


def is_other_date(claims: Claims) -> bool:
    return claims.action.startswith(PREFIX)


def offered(board: Board, case: Case, offer: Proposal, ambassador: Ambassador, answer: Answer, secret: bytes) -> None:
    """A day that reads and lies ahead goes to the requester as a choice; staff hear of it either way (what the
    ambassador wrote may say more than the day)."""
    day = parse_date(answer.proposed_date)
    to_requester = day is not None and day > board.today and bool(contact(case.row))
    detail = f"date proposée : {answer.proposed_date[:40]}"
    board.move_proposal(replace(offer, other_day=day if to_requester else None), proposal_life.OTHER_DATE, detail)
    if to_requester and day is not None:
        expires = board.ledger.proposals[(offer.request_id, offer.ambassador_id)].answer_ends(
            board.parameters.response_days
        )
        board.email(emails.other_date_for_requester(board, case, ambassador, day, answer.words, secret, expires.date()))
    if board.parameters.staff_email:
        board.email(
            emails.other_date(
                board,
                case,
                ambassador,
                answer.proposed_date[:40],
                answer.words[:1000],
                answer.source.line,
                to_requester,
            )
        )


def act_on_requester_choice(board: Board, claims: Claims, answer: str, secret: bytes) -> str:
    """The requester's click: the ambassador confirmed on their day, or the search resumes. Returns the anomaly."""
    ambassador_id, _, day_text = claims.action.removeprefix(PREFIX).rpartition("-")
    offer = board.ledger.proposals.get((claims.record_id, ambassador_id))
    if claims.person_id != REQUESTER or offer is None:
        return "ce jeton ne sert pas à choisir une autre date"
    if offer.state != ProposalState.OTHER_DATE or offer.other_day is None or f"{offer.other_day:%Y%m%d}" != day_text:
        now = "la proposition est close" if not offer.is_open else "une autre date attend un choix"
        return f"cette date n'attend plus de choix ({now}) : rien n'a été changé"
    if answer == TAKE_ANSWER:
        take(board, offer, secret)
    elif answer == DECLINE_ANSWER:
        board.move_proposal(
            offer, proposal_life.OTHER_DATE_REFUSED, f"le {format_date(offer.other_day)} ne convient pas au demandeur"
        )
        back_to_search_if_idle(board, offer.request_id)
    else:
        return f"ce lien sert à répondre « {TAKE_ANSWER} » ou « {DECLINE_ANSWER} », pas « {answer or '(vide)'} »"
    return ""


def take(board: Board, offer: Proposal, secret: bytes) -> None:
    """The ambassador is confirmed on the day they offered."""
    if offer.other_day is not None:
        accept(board, replace(offer, day=offer.other_day), secret, transition=proposal_life.OTHER_DATE_TAKEN)


def waiting(board: Board, case: Case) -> list[Proposal]:
    """The other days offered for this request that wait for a choice."""
    return [p for p in board.ledger.open_for(case.id) if p.state == ProposalState.OTHER_DATE and p.other_day]
