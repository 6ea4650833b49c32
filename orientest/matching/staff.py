"""Staff columns win over the flows: `Action` (Annuler, Relancer, Rouvrir) and `Affectation manuelle`."""

import re

from orientest import mailing
from orientest.board import Board, Case
from orientest.plan import JournalEntry
from orientest.proposals import REOPENED, ProposalState
from orientest.text import fold
from orientest.vocabulary import RequestStatus, StaffAction

CLOSED = {RequestStatus.CANCELLED, RequestStatus.CLOSED, RequestStatus.DONE}
REOPENABLE = {RequestStatus.NO_SOLUTION, RequestStatus.CANCELLED, RequestStatus.SEARCHING}
_MANUAL = re.compile(r"^\s*(AMB-\d+)\s*(!|forcer)?\s*$", re.IGNORECASE)


def carry_out_actions(board: Board, secret: bytes) -> None:
    for case in board.cases.values():
        typed = case.row["Action"].strip()
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
        else:
            case.clear_action = ""
            case.values["Anomalies"] = f"• Action : « {typed[:40]} » inconnue (Annuler, Relancer ou Rouvrir)"
        _note(board, case, typed)


def _note(board: Board, case: Case, typed: str) -> None:
    board.journal(JournalEntry(board.now, board.flow, case.id, f"action : {typed}", detail="demandée par l'équipe"))


def _cancel(board: Board, case: Case) -> None:
    if case.status in CLOSED:
        return
    confirmed = board.member(case.values["Ambassadeur"]) if case.status == RequestStatus.CONFIRMED else None
    for offer in board.ledger.open_for(case.id):
        board.close(offer, ProposalState.WITHDRAWN, "demande annulée")
        if (member := board.member(offer.ambassador_id)) is not None:
            board.email(mailing.cancelled(board, case, member.ambassador)[0])
    for email in mailing.cancelled(board, case, confirmed.ambassador if confirmed else None):
        board.email(email)
    board.move(case, RequestStatus.CANCELLED, "par l'équipe")


def _reopen(board: Board, case: Case) -> None:
    if case.status in REOPENABLE:
        board.journal(JournalEntry(board.now, board.flow, case.id, REOPENED, detail="tentatives remises à zéro"))
        board.move(case, RequestStatus.SEARCHING, "rouverte par l'équipe")


def _remind(board: Board, case: Case, secret: bytes) -> None:
    """A reminder now to whoever has not answered; with nobody to remind, the search starts again."""
    waiting = board.ledger.open_for(case.id)
    if not waiting:
        _reopen(board, case)
    for offer in waiting:
        if (member := board.member(offer.ambassador_id)) is not None:
            board.journal(offer.event(board.now, board.flow, ProposalState.REMINDED, "relance demandée par l'équipe"))
            board.email(mailing.proposal(board, case, member.ambassador, offer, secret, reminder=True,
                                         round_key=f"{board.now:%Y%m%d%H%M}"))


def manual_choice(case: Case) -> tuple[str, bool] | None:
    """The ambassador staff typed in `Affectation manuelle`, and whether they force it past the rules."""
    match = _MANUAL.match(case.row["Affectation manuelle"])
    return (match[1].upper(), bool(match[2])) if match else None
