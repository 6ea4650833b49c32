"""Follow-up, daily: reminders before the date, feedback after it, no-shows, closing, record updates."""

import re
from datetime import timedelta

from orientest import journal, mailing
from orientest.board import Board, Case, Roster
from orientest.context import Context
from orientest.feedback import AMBASSADOR_ROLE, REQUESTER_ROLE, read_feedback
from orientest.french import parse_date
from orientest.matching import prepare
from orientest.plan import Plan
from orientest.record_updates import apply_record_updates
from orientest.schema import Snapshot
from orientest.vocabulary import AmbassadorStatus, RequestStatus

FLOW = "followup"
TABS = ("Demandes", "Ambassadeurs", "Retours", "Mises à jour", "Paramètres", "Journal")
_PAUSE = re.compile(r"^pause jusqu'au (\d{2}/\d{2}/\d{4})$")
FEEDBACK_DAYS = 30  # after this, a request is closed with whatever feedback came in


def decide(snapshot: Snapshot, context: Context) -> Plan:
    board, _ = prepare(snapshot, context)
    board.plan.flow = board.flow = FLOW
    feedback = read_feedback(board, snapshot["Retours"], context.secret)
    roster = Roster.of(list(snapshot["Ambassadeurs"].rows))
    _suspend_absentees(board, roster, feedback.no_shows)
    _end_pauses(board, roster, snapshot["Journal"].rows)
    for case in list(board.cases.values()):
        day = parse_date(case.values["Date confirmée"])
        if day is None:
            continue
        if case.status == RequestStatus.CONFIRMED:
            _before_or_after(board, case, day, context.secret)
        if case.status == RequestStatus.DONE:
            _close_when_due(board, case, day, feedback)
    record_updates = apply_record_updates(board, snapshot, context.referential, roster)
    plan = board.plan
    plan.updates += board.row_updates() + feedback.updates + record_updates
    return journal.drop_sent(plan, snapshot["Journal"])


def _before_or_after(board: Board, case: Case, day, secret: bytes) -> None:
    member = board.member(case.values["Ambassadeur"])
    if member is None:
        return
    if day < board.today:
        board.move(case, RequestStatus.DONE, "date passée")
        for email in mailing.feedback_requests(board, case, member.ambassador, secret, FEEDBACK_DAYS):
            board.email(email)
        return
    due = [n for n in board.parameters.reminder_days if day - timedelta(days=n) <= board.today < day]
    if due:  # only the nearest reminder: one missed at 7 days is not sent late on the eve
        for email in mailing.intervention_reminder(board, case, member.ambassador, min(due)):
            board.email(email)


def _close_when_due(board: Board, case: Case, day, feedback) -> None:
    if case.id in feedback.called_off:
        board.move(case, RequestStatus.CANCELLED, "n'a pas eu lieu, d'après un retour")
    elif feedback.received.get(case.id, set()) >= {AMBASSADOR_ROLE, REQUESTER_ROLE}:
        board.move(case, RequestStatus.CLOSED, "les deux retours sont arrivés")
    elif board.today >= day + timedelta(days=FEEDBACK_DAYS):
        board.move(case, RequestStatus.CLOSED, f"{FEEDBACK_DAYS} jours après l'intervention")


def _suspend_absentees(board: Board, roster: Roster, no_shows) -> None:
    """Ambassadors past the number of no-shows in `Paramètres` are suspended, and staff told."""
    for ambassador_id, count in no_shows.items():
        member = board.member(ambassador_id)
        if member and count >= board.parameters.no_shows_before_suspension and \
                roster.current.get(ambassador_id) == AmbassadorStatus.ACTIVE:
            roster.set(board, ambassador_id, AmbassadorStatus.SUSPENDED, f"{count} absences signalées")
            board.email(mailing.suspended(board, member.ambassador, count))


def _end_pauses(board: Board, roster: Roster, journal_rows) -> None:
    """Back to `Actif` by itself once a pause is over (a suspension for no-shows stays with staff)."""
    last_suspension = {}
    for row in journal_rows:
        if row["Action"] == f"statut : {AmbassadorStatus.SUSPENDED}":
            last_suspension[row["Référence"]] = row["Détail"]
    for ambassador_id, detail in last_suspension.items():
        match = _PAUSE.match(detail)
        until = parse_date(match[1]) if match else None
        if until and until < board.today and roster.current.get(ambassador_id) == AmbassadorStatus.SUSPENDED:
            roster.set(board, ambassador_id, AmbassadorStatus.ACTIVE, "fin de la pause")
