"""The network's events, each run: invitations to their audience, registrations read from the form (a seat or the
waiting list, a seat given back goes to the first in line), the eve's reminder, and after the day, staff asked who
came; what they type in `Présents` becomes each ambassador's last training."""

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from orientest.ambassadors.reading import Ambassador
from orientest.board import Board, Member
from orientest.core.cells import with_lines
from orientest.core.french import format_datetime, parse_date
from orientest.core.plan import RowUpdate
from orientest.core.record_rows import RecordRow
from orientest.core.tokens import EVENT, verify
from orientest.events.reading import Event, EventLine, next_event_id
from orientest.events.seats import Outcome, Seats
from orientest.forms.options import DECLINE, REGISTER, WITHDRAW
from orientest.forms.registry import FormAddress
from orientest.network import audience, event_emails
from orientest.statuses.ambassadors import AmbassadorStatus
from orientest.submissions.registrations import RegistrationRow

FORM_NOT_READY = "invitations en attente : "


@dataclass
class _Line:
    """An event during the run: its line as read, its seats as they change."""

    read: EventLine
    id: str
    seats: Seats
    invited: str  # how many the invitation went to, as written on the line
    problems: list[str] = field(default_factory=list)


def decide_events(
    board: Board,
    lines: list[EventLine],
    registrations: list[RegistrationRow],
    ambassadors: list[RecordRow],
    form: FormAddress,
    secret: bytes,
) -> list[RowUpdate]:
    """Every event line's and registration row's changes; the e-mails go to the board's plan."""
    events = _with_ids(lines)
    by_id = {line.id: line for line in events if line.read.event is not None}
    updates = [_registered(board, row, by_id, secret) for row in registrations if row.source.to_process]
    for line in events:
        if line.read.event is None:
            line.problems.append(line.read.problems)
            continue
        for promoted in line.seats.promote():  # staff added places
            _seated(board, line, promoted, secret, ("places", str(line.seats.places)))
        _announce(board, line, form, secret)
        _remind_and_ask(board, line, secret)
    updates += [_line_update(board, line) for line in events]
    _last_trainings(board, events, ambassadors)
    return [update for update in updates if update is not None]


def _with_ids(lines: list[EventLine]) -> list[_Line]:
    """Each line with its ID: a line staff just typed gets the next one."""
    given: list[EventLine] = list(lines)
    events = []
    for line in lines:
        event_id = line.id or next_event_id(given)
        given.append(replace(line, id=event_id))
        seats = Seats(line.event.places if line.event else None, list(line.registered), list(line.waiting))
        events.append(_Line(line, event_id, seats, line.invited))
    return events


def _registered(board: Board, row: RegistrationRow, events: dict[str, _Line], secret: bytes) -> RowUpdate | None:
    """One answer to an invitation, acted on: a seat, the waiting list, a seat given back."""
    claims, problem = verify(row.token, secret, board.today)
    if claims is None:
        return row.source.processed_at(board.now, problem)
    line = events.get(claims.record_id)
    event = line.read.event if line else None
    member = board.member(claims.person_id)
    if claims.action != EVENT:
        return row.source.processed_at(board.now, "ce jeton ne sert pas à s'inscrire à une rencontre")
    if line is None or event is None:  # staff may be fixing the line: the answer waits for it
        return row.source.waiting(f"la rencontre {claims.record_id} ne se lit pas (onglet Rencontres) : en attente")
    if member is None:
        return row.source.processed_at(board.now, f"{claims.person_id} n'est pas dans l'onglet Ambassadeurs")
    if not row.answer:
        return row.source.processed_at(
            board.now, f"« {row.written[:60]} » : {REGISTER}, {DECLINE} ou {WITHDRAW} est attendu"
        )
    _act(board, line, event, member.ambassador, row, secret)
    # Held back with the event's seats if the day's cap holds its e-mails: read again, decided the same.
    return row.source.processed_at(board.now, "", frozenset({line.id}), event_id=line.id)


def _act(board: Board, line: _Line, event: Event, ambassador: Ambassador, row: RegistrationRow, secret: bytes) -> None:
    """A seat, a place in line, or one given back (and the first in line seated); each told once, keyed by the row."""
    sent = row.source.submitted_at.isoformat() if row.source.submitted_at else str(row.source.line)
    if row.answer == REGISTER:
        outcome = line.seats.register(ambassador.id)
        if outcome is Outcome.SEATED:
            _seated(board, line, ambassador.id, secret, (sent,))
        elif outcome is Outcome.WAITING:
            board.email(event_emails.waiting(board, event, line.id, ambassador, line.seats, secret, sent))
        return
    outcome = line.seats.withdraw(ambassador.id)
    if outcome in (Outcome.WITHDRAWN, Outcome.LEFT_LINE):
        board.email(event_emails.withdrawn(board, event, line.id, ambassador, outcome, sent))
    if outcome is Outcome.WITHDRAWN:
        for promoted in line.seats.promote():
            _seated(board, line, promoted, secret, ("place", sent))


def _seated(board: Board, line: _Line, ambassador_id: str, secret: bytes, unique: tuple[str, ...]) -> None:
    member = board.member(ambassador_id)
    if member is not None and line.read.event is not None:
        board.email(event_emails.seated(board, line.read.event, line.id, member.ambassador, secret, unique))


def _announce(board: Board, line: _Line, form: FormAddress, secret: bytes) -> None:
    """Until the day, each member of its audience is invited once (one who joins later, on the next run)."""
    event = line.read.event
    if event is None or event.day <= board.today:
        return
    if problem := form.unready(("Jeton", "Inscription")):
        line.problems.append(FORM_NOT_READY + problem)
        return
    invited = [m for m in board.pool.members if _active(m) and audience.invites(event, m.ambassador, board.today)]
    for member in invited:
        board.email(event_emails.invitation(board, event, line.id, member.ambassador, line.seats, secret))
    line.invited = str(len(invited))


def _active(member: Member) -> bool:
    return member.status == AmbassadorStatus.ACTIVE and bool(member.ambassador.email)


def _remind_and_ask(board: Board, line: _Line, secret: bytes) -> None:
    """The eve: those seated are reminded. Once the day is over: staff asked to type who came."""
    event = line.read.event
    if event is None:
        return
    if event.day - timedelta(days=1) <= board.today < event.day:
        for ambassador_id in line.seats.seated:
            if (member := board.member(ambassador_id)) is not None:
                board.email(event_emails.reminder(board, event, line.id, member.ambassador, secret))
    if event.day < board.today and line.seats.seated and not line.read.attended and board.parameters.staff_email:
        board.email(event_emails.attendance_asked(board, event, line.id, len(line.seats.seated)))
    unknown = [a for a in line.read.attended if board.member(a) is None]
    if unknown:
        line.problems.append(
            f"• Présents : {', '.join(unknown)} inconnu(s) : tapez les ID de l'onglet Ambassadeurs, séparés par "
            "des virgules"
        )


def _line_update(board: Board, line: _Line) -> RowUpdate | None:
    """What changed on the line: its ID, who is invited, seated and waiting, and what staff must correct."""
    read = line.read
    values = {
        "ID": (read.id, line.id),
        "Invités": (read.invited, line.invited),
        "Inscrits": (", ".join(read.registered), ", ".join(line.seats.seated)),
        "Liste d'attente": (", ".join(read.waiting), ", ".join(line.seats.waiting)),
        "Anomalies": (read.anomalies, with_lines("", [p for text in line.problems for p in text.splitlines() if p])),
    }
    changed = {title: now for title, (was, now) in values.items() if was != now}
    if not changed:
        return None
    return RowUpdate("Rencontres", read.key, {**changed, "Mis à jour le": format_datetime(board.now)})


def _last_trainings(board: Board, events: list[_Line], ambassadors: list[RecordRow]) -> None:
    """`Dernière formation` on each ambassador's record: the latest training they came to, as staff marked it."""
    latest: dict[str, tuple[date, str]] = {}
    for line in events:
        event = line.read.event
        if event is None or not event.is_training or event.day > board.today:
            continue
        for ambassador_id in line.read.attended:
            if ambassador_id not in latest or latest[ambassador_id][0] < event.day:
                latest[ambassador_id] = (event.day, event.title)
    for record in ambassadors:
        if record.id in latest:
            day, title = latest[record.id]
            typed = parse_date(record.last_training[:10])
            if typed is None or typed < day:  # one staff typed for a later training elsewhere stays
                board.set_ambassador(record.id, {"Dernière formation": f"{day:%d/%m/%Y} – {title}"})
