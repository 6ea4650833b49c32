"""Follow-up, daily: reminders before the date, feedback after it, no-shows, closing, record updates."""

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from orientest.board import Board, Case, Roster, prepare
from orientest.context import Context
from orientest.core import journal
from orientest.core.plan import Plan, RowUpdate
from orientest.core.record_rows import record_rows
from orientest.core.schema import Row, Snapshot
from orientest.events.reading import read_event_lines
from orientest.followup import emails
from orientest.followup.feedback import Feedback, read_feedback
from orientest.followup.participants import read_participants
from orientest.followup.record_updates import apply_record_updates
from orientest.forms.registry import read_registry
from orientest.network import decide_events
from orientest.requests.outcomes import REQUESTER_ROLE
from orientest.statuses import ambassadors as ambassador_life
from orientest.statuses import requests as request_life
from orientest.statuses.ambassadors import AmbassadorStatus
from orientest.statuses.requests import RequestStatus
from orientest.submissions.registrations import read_registration_rows

FLOW = "followup"
TABS = (
    "Demandes",
    "Ambassadeurs",
    "Retours",
    "Avis des participants",
    "Rencontres",
    "Inscriptions aux rencontres",
    "Mises à jour",
    "Paramètres",
    "Journal",
    "Envois",
)
FEEDBACK_DAYS = 30  # after this, a request is closed with whatever feedback came in


def decide(snapshot: Snapshot, context: Context) -> Plan:
    board, _ = prepare(snapshot, context, FLOW)
    feedback = read_feedback(board, snapshot["Retours"], context.secret)
    roster = Roster.of(list(snapshot["Ambassadeurs"].rows))
    _suspend_absentees(board, roster, feedback.no_shows)
    _thank(board, feedback)
    _end_pauses(board, roster, snapshot["Journal"].rows)
    for case in list(board.cases.values()):
        day = case.confirmed_day
        if day is None:
            continue
        if case.status in request_life.COMING:
            _before_or_after(board, case, day, context.secret)
        if case.status == RequestStatus.DONE:
            _close_when_due(board, case, day, feedback)
    record_updates = apply_record_updates(board, snapshot, context.referential, roster)
    plan = board.plan
    group = read_participants(board, snapshot.get("Avis des participants"), snapshot["Retours"], context.secret)
    events = _events(board, snapshot, context)
    plan.updates += board.row_updates() + feedback.updates + group + events + record_updates
    return journal.drop_sent(plan, snapshot)


def _events(board: Board, snapshot: Snapshot, context: Context) -> list[RowUpdate]:
    """The network's events: invitations, registrations, reminders, attendance (before the board's own updates are
    taken, since a last training is written on the ambassador's record)."""
    return decide_events(
        board,
        read_event_lines(snapshot.get("Rencontres"), context.referential),
        read_registration_rows(snapshot.get("Inscriptions aux rencontres")),
        list(record_rows(snapshot["Ambassadeurs"])),
        read_registry(snapshot.get("Formulaires"), context.referential.forms)["rencontre"],
        context.secret,
    )


def _before_or_after(board: Board, case: Case, day: date, secret: bytes) -> None:
    """Reminders before the day; after it, held with whoever was confirmed (places left or not), feedback asked."""
    ambassadors = list(board.coming(case))
    if not ambassadors:
        return
    if day < board.today:
        board.move(case, request_life.HOLD, "date passée")
        for message in emails.feedback_requests(board, case, ambassadors, secret, FEEDBACK_DAYS):
            board.email(message)
        return
    due = [n for n in board.parameters.reminder_days if day - timedelta(days=n) <= board.today < day]
    if due:  # only the nearest reminder: one missed at 7 days is not sent late on the eve
        for message in emails.intervention_reminder(board, case, ambassadors, min(due)):
            board.email(message)


def _close_when_due(board: Board, case: Case, day: date, feedback: Feedback) -> None:
    if case.id in feedback.absent:
        board.move(case, request_life.ABSENT, "d'après le retour du demandeur")
        member = board.member(case.ambassadors[0])
        if member is not None and board.parameters.staff_email:
            board.email(emails.no_show(board, case, member.ambassador))
    elif case.id in feedback.called_off:
        board.move(case, request_life.DID_NOT_HAPPEN, "n'a pas eu lieu, d'après un retour")
    elif feedback.received.get(case.id, set()) >= {REQUESTER_ROLE, *case.ambassadors}:
        board.move(case, request_life.CLOSE, "les retours de chaque partie sont arrivés")
    elif board.today >= day + timedelta(days=FEEDBACK_DAYS):
        board.move(case, request_life.CLOSE, f"{FEEDBACK_DAYS} jours après l'intervention")


def _thank(board: Board, feedback: Feedback) -> None:
    """Charter §4, « valoriser » : each ambassador who came hears how it went, in the requester's words if allowed."""
    for case_id, words in feedback.thanked.items():
        case = board.cases[case_id]
        for ambassador_id in case.ambassadors:
            if (member := board.member(ambassador_id)) is not None and member.ambassador.email:
                board.email(emails.thanks(board, case, member.ambassador, words))


def _suspend_absentees(board: Board, roster: Roster, no_shows: Counter[str]) -> None:
    """Ambassadors past the number of no-shows in `Paramètres` are suspended, and staff told."""
    for ambassador_id, count in no_shows.items():
        member = board.member(ambassador_id)
        if (
            member
            and count >= board.parameters.no_shows_before_suspension
            and roster.current.get(ambassador_id) == AmbassadorStatus.ACTIVE
        ):
            roster.move(board, ambassador_id, ambassador_life.SUSPEND, f"{count} absences signalées")
            board.email(emails.suspended(board, member.ambassador, count))


def _end_pauses(board: Board, roster: Roster, journal_rows: Iterable[Row]) -> None:
    """Back to `Actif` by itself once a pause is over (a suspension for no-shows stays with staff)."""
    last_suspension: dict[str, journal.StatusChanged] = {}
    for dated in journal.status_changes(journal_rows, [AmbassadorStatus.SUSPENDED]):
        last_suspension[dated.event.record_id] = dated.event
    for ambassador_id, suspension in last_suspension.items():
        if (
            suspension.until
            and suspension.until < board.today
            and roster.current.get(ambassador_id) == AmbassadorStatus.SUSPENDED
        ):
            roster.move(board, ambassador_id, ambassador_life.END_PAUSE, "fin de la pause")
