"""An ambassador coming: a proposal accepted (by them, or the other day they offered by the requester or staff),
and a request whose proposals are all closed going back to the search."""

from dataclasses import replace

from orientest.board.state import Board
from orientest.core.french import format_date
from orientest.core.text import excerpt
from orientest.matching import emails
from orientest.proposals.ledger import Proposal
from orientest.statuses import proposals as proposal_life
from orientest.statuses import requests as request_life
from orientest.statuses.lifecycle import Transition


def said(words: str) -> str:
    """The Journal's excerpt of a comment."""
    return f"commentaire : « {excerpt(words)} »" if words else ""


def accept(
    board: Board,
    offer: Proposal,
    secret: bytes,
    words: str = "",
    transition: Transition = proposal_life.ACCEPT,
    link: str = "",
) -> None:
    """One more ambassador coming: the request is confirmed once every place is filled, the others asked are told;
    the requester reads what the ambassador wrote with the answer, and the remote session's `link` they gave."""
    case = board.cases[offer.request_id]
    offer = replace(offer, video_link=case.staff.video_link or link, words=words)  # what their confirmations carry
    board.move_proposal(offer, transition, said(words))
    case.add_ambassador(offer.ambassador_id, offer.day)
    for other in board.ledger.open_for(case.id):
        if case.places_left == 0 or other.day != offer.day:  # every place taken, or the day now fixed is not theirs
            board.move_proposal(other, proposal_life.FILL)
            if (member := board.member(other.ambassador_id)) is not None:
                board.email(emails.filled_elsewhere(board, case, member.ambassador))
    change = request_life.CONFIRM if case.places_left == 0 else request_life.FILL_PLACE
    board.move(case, change, f"{offer.ambassador_id} le {format_date(offer.day)}")
    member = board.member(offer.ambassador_id)
    if member is None:  # the answer waits for a record that reads (`Board.unreadable`): never reached without one
        raise ValueError(f"{offer.ambassador_id} : fiche illisible")
    for email in emails.confirmations(board, case, member.ambassador, offer, secret, words):
        board.email(email)
    if case.request.places > 1 and case.places_left == 0:
        board.email(emails.forum_confirmation(board, case, offer.day, secret))


def back_to_search_if_idle(board: Board, request_id: str) -> None:
    """A request whose proposals are all closed goes back to the search, for the next candidate."""
    case = board.cases.get(request_id)
    if case and request_life.BACK_TO_SEARCH.allows(case.status) and not board.ledger.open_for(request_id):
        board.move(case, request_life.BACK_TO_SEARCH)
