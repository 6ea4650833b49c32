"""Staff columns win over the flows: `Action` (Annuler, Relancer, Rouvrir), `Affectation manuelle`, and a new
`Date confirmée` typed over a confirmed one."""

from dataclasses import replace

from orientest.board.state import Board, Case
from orientest.core.french import format_date, impossible_date
from orientest.core.journal import Redated, Reopened, StaffActed
from orientest.core.text import fold
from orientest.matching import emails, other_date
from orientest.statuses import proposals as proposal_life
from orientest.statuses import requests as request_life
from orientest.statuses.proposals import ProposalState
from orientest.statuses.requests import StaffAction

ABOUT = "• Action : "


def carry_out_actions(board: Board, secret: bytes) -> None:
    for case in board.cases.values():
        typed = case.staff.action
        action = next((a for a in StaffAction if fold(a) == fold(typed)), None)
        if not typed:
            continue
        case.clear_action = typed
        if action is StaffAction.CANCEL:
            _cancel(board, case)
        elif action is StaffAction.REOPEN:
            _reopen(board, case)
        elif action is StaffAction.REMIND:
            _remind(board, case, secret)
        elif action is StaffAction.TAKE_OTHER_DATE:
            _take_other_date(board, case, secret)
        else:
            case.clear_action = ""
            known = ", ".join(f"« {a} »" for a in StaffAction)
            case.restate(ABOUT, [f"{ABOUT}« {typed[:40]} » inconnue ({known})"])
        _note(board, case, typed)


def _note(board: Board, case: Case, typed: str) -> None:
    board.journal(StaffActed(case.id, typed))


def _cancel(board: Board, case: Case) -> None:
    """Everyone asked or coming is told, and the events of those coming leave both calendars."""
    if not request_life.CANCEL.allows(case.status):
        case.restate(ABOUT, [f"{ABOUT}« Annuler » sans effet, la demande est « {case.status} » : rien à annuler"])
        return
    day = case.confirmed_day
    coming = board.coming(case) if case.status in request_life.COMING else ()
    asked = [m.ambassador for offer in board.ledger.open_for(case.id) if (m := board.member(offer.ambassador_id))]
    for offer in board.ledger.open_for(case.id):
        board.move_proposal(offer, proposal_life.WITHDRAW, "demande annulée")
    for ambassador in (*asked, *coming):
        board.email(emails.cancelled(board, case, ambassador, "", coming, day))
    for email in emails.cancelled_for_requester(board, case, "", coming, day):
        board.email(email)
    board.move(case, request_life.CANCEL, "par l'équipe")


def _reopen(board: Board, case: Case, typed: str = "Rouvrir") -> None:
    if request_life.REOPEN.allows(case.status):
        board.journal(Reopened(case.id))
        board.move(case, request_life.REOPEN, "rouverte par l'équipe")
        return
    reopenable = ", ".join(f"« {status} »" for status in request_life.REOPENABLE_IN_ORDER)
    case.restate(ABOUT, [f"{ABOUT}« {typed} » sans effet, la demande est « {case.status} » (se rouvre : {reopenable})"])


def _remind(board: Board, case: Case, secret: bytes) -> None:
    """A reminder now to whoever has not answered; with nobody to remind, the search starts again."""
    waiting = board.ledger.open_for(case.id)
    if not waiting:
        _reopen(board, case, "Relancer")
    for offer in waiting:
        if offer.state == ProposalState.OTHER_DATE:  # they said they cannot come that day: the requester chooses
            continue
        if (member := board.member(offer.ambassador_id)) is not None:
            board.move_proposal(offer, proposal_life.REMIND, "relance demandée par l'équipe")
            board.email(
                emails.proposal(
                    board, case, member.ambassador, offer, secret, reminder=True, round_key=f"{board.now:%Y%m%d%H%M}"
                )
            )


def _take_other_date(board: Board, case: Case, secret: bytes) -> None:
    """Staff settled the other day an ambassador offered (with the requester, by phone): confirmed on that day."""
    offers = other_date.waiting(board, case)
    if len(offers) == 1 and request_life.CONFIRM.allows(case.status):
        other_date.take(board, offers[0], secret)
        return
    offered = ", ".join(f"{p.ambassador_id} le {format_date(p.other_day)}" for p in offers if p.other_day)
    why = (
        f"plusieurs dates attendent un choix ({offered}) : le demandeur choisit par les liens reçus"
        if offers
        else "aucune autre date proposée par un ambassadeur n'attend de choix"
    )
    case.restate(ABOUT, [f"{ABOUT}« {StaffAction.TAKE_OTHER_DATE} » sans effet : {why}"])


def follow_new_dates(board: Board, secret: bytes) -> None:
    """Staff typed another day in `Date confirmée` of an intervention to come: everyone coming and the requester get
    the new day, and the same events, updated, in their calendars. A day already past only corrects the record; a
    cell that is no date is put back, with a word to staff."""
    for case in board.cases.values():
        known = board.ledger.days.get(case.id)
        if case.status not in request_life.COMING or known is None:
            continue
        typed, day = case.state.confirmed_cell, case.confirmed_day
        if day is None:
            impossible = impossible_date(typed)
            why = f": {impossible}" if impossible else "n'est pas une date (JJ/MM/AAAA)"
            put_back = f"• Date confirmée : « {typed[:20]} » {why} ; remise au {format_date(known)}"
            case.state = replace(case.state, confirmed_day=known, confirmed_text="", anomalies=put_back)
        elif day != known:
            board.journal(Redated(case.id, day))
            if day >= board.today:
                for email in emails.new_date(board, case, known, day, secret):
                    board.email(email)


LINK = "• Lien de la visio : "


def follow_video_links(board: Board) -> None:
    """Staff's `Lien de la visio` reaches everyone coming to a remote session and the requester, with the events
    updated, once per link: a link typed before the confirmation goes with it. A cell with no web address, or on a
    session not at a distance, is said back."""
    for case in board.cases.values():
        typed, link = case.staff.video_link_typed, case.staff.video_link
        if not typed or case.status not in request_life.COMING:
            case.restate(LINK, [])
            continue
        if not link:
            case.restate(LINK, [f"{LINK}« {typed[:40]} » n'est pas une adresse web (https://…) : envoyé à personne"])
        elif not case.request.remote:
            case.restate(LINK, [f"{LINK}la demande est en présentiel : le lien n'est envoyé à personne"])
        else:
            case.restate(LINK, [])
            for email in emails.video_link(board, case, link):
                board.email(email)
