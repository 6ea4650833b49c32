"""Proposals nobody answered: one reminder half-way, then expiry and the next candidate."""

from datetime import timedelta

from orientest.board.state import Board
from orientest.matching import emails
from orientest.matching.acceptance import back_to_search_if_idle
from orientest.statuses import proposals as proposal_life
from orientest.statuses.proposals import ProposalState


def remind_and_expire(board: Board, secret: bytes) -> None:
    """A proposal waiting for the requester's choice of another day is never reminded to the ambassador: they
    already said they cannot come on the day it names."""
    delay = timedelta(days=board.parameters.response_days)
    for offer in [p for p in board.ledger.proposals.values() if p.is_open]:
        case, member = board.cases.get(offer.request_id), board.member(offer.ambassador_id)
        if board.now >= offer.answer_ends(board.parameters.response_days):
            board.move_proposal(offer, proposal_life.EXPIRE, "sans réponse dans le délai")
            back_to_search_if_idle(board, offer.request_id)
        elif offer.state == ProposalState.OTHER_DATE:
            continue
        elif not offer.reminded and board.now >= offer.sent_at + delay / 2 and case and member:
            board.move_proposal(offer, proposal_life.REMIND)
            board.email(emails.proposal(board, case, member.ambassador, offer, secret, reminder=True))
