"""« Je dois annuler »: a confirmed intervention called off by one side, from the link in its confirmation."""

from orientest.board.state import Board, Case
from orientest.core.invitations import Invitation
from orientest.core.tokens import REQUESTER, Claims
from orientest.matching import emails
from orientest.statuses import proposals as proposal_life
from orientest.statuses import requests as request_life


def act_on(board: Board, claims: Claims, words: str = "") -> str:
    """Carries out a cancellation; the other side is told at once, with what was written beside it. Returns the
    anomaly, if any."""
    case = board.cases.get(claims.record_id)
    if case is None or case.status not in request_life.COMING:
        return f"aucune intervention confirmée pour {claims.record_id} : rien n'a été changé"
    if claims.person_id != REQUESTER and claims.person_id not in case.ambassadors:
        return f"{claims.person_id} n'est pas un ambassadeur attendu pour {claims.record_id}"
    if claims.person_id == REQUESTER:
        _by_requester(board, case, words)
    else:
        hand_over(board, case, claims.person_id, words=words)
    return ""


def _by_requester(board: Board, case: Case, words: str = "") -> None:
    """Every ambassador confirmed is told, those still asked for other places too; everyone's events are cancelled."""
    for offer in board.ledger.open_for(case.id):
        board.move_proposal(offer, proposal_life.WITHDRAW, "demande annulée par le demandeur")
    day = case.confirmed_day
    coming = board.coming(case)
    for ambassador in coming:
        board.email(
            emails.cancelled(board, case, ambassador, "à la demande de la structure d'accueil", coming, day, words)
        )
    for email in emails.cancelled_for_requester(board, case, "à votre demande", coming, day):  # their calendar too
        board.email(email)
    board.move(case, request_life.CANCEL_BY_REQUESTER, "par le demandeur")


def hand_over(
    board: Board, case: Case, ambassador_id: str, tell_them: bool = True, words: str = ""
) -> Invitation | None:
    """The ambassador cannot come: well ahead of the date someone else is sought; on the day, it is off (unless other
    ambassadors of the request still come: then only their place is freed). Their event leaves both calendars; the
    cancelled event is returned, for an ambassador leaving the network, who is told once for all (`tell_them`)."""
    offer = board.ledger.proposals.get((case.id, ambassador_id))
    if offer is not None and proposal_life.CALL_OFF.allows(offer.state):
        board.move_proposal(offer, proposal_life.CALL_OFF)
    member = board.member(ambassador_id)
    day = case.confirmed_day
    ahead = day is not None and day > board.today
    case.remove_ambassador(ambassador_id)
    if member is None or day is None:
        event = None
    else:
        event = emails.invitation(board, case, member.ambassador, day, cancelled=True)
        if tell_them:
            board.email(emails.withdrawal_noted(board, case, member.ambassador, day))
        if ahead or case.ambassadors:  # on the day with nobody left, the requester hears it is off, below
            board.email(emails.withdrawn(board, case, member.ambassador, day, searching=ahead, words=words))
    if case.ambassadors:
        board.move(case, request_life.PLACE_FREED, f"{ambassador_id} s'est désisté")
    elif ahead and member is not None:
        board.move(case, request_life.WITHDRAWAL, f"{ambassador_id} s'est désisté")
    else:
        coming = (member.ambassador,) if member is not None else ()
        for email in emails.cancelled_for_requester(
            board, case, "l'ambassadeur a dû annuler au dernier moment", coming, day, words
        ):
            board.email(email)
        board.move(case, request_life.CALLED_OFF, f"{ambassador_id} a annulé le jour même")
    return event
