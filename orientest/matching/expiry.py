"""Proposals nobody answered: one reminder half-way, then expiry and the next candidate."""

from datetime import timedelta

from orientest.board.state import Board
from orientest.matching import emails
from orientest.matching.answers import back_to_search_if_idle
from orientest.statuses import proposals as proposal_life


def remind_and_expire(board: Board, secret: bytes) -> None:
    delay = timedelta(days=board.parameters.response_days)
    for offer in [p for p in board.ledger.proposals.values() if p.is_open]:
        case, member = board.cases.get(offer.request_id), board.member(offer.ambassador_id)
        if board.now >= offer.sent_at + delay:
            board.move_proposal(offer, proposal_life.EXPIRE, "sans réponse dans le délai")
            back_to_search_if_idle(board, offer.request_id)
        elif not offer.reminded and board.now >= offer.sent_at + delay / 2 and case and member:
            board.move_proposal(offer, proposal_life.REMIND)
            board.email(emails.proposal(board, case, member.ambassador, offer, secret, reminder=True))
