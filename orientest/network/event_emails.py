"""The e-mails of an event: the invitation with its two links, the seat (with the calendar's event), the waiting
list, a registration withdrawn, the eve's reminder, and staff asked who came."""

from typing import Any

from orientest.ambassadors.reading import Ambassador
from orientest.board import Board
from orientest.core.email_factory import email
from orientest.core.french import format_date, format_long_date, format_time
from orientest.core.invitations import Invitation, sequence_at
from orientest.core.plan import Email
from orientest.core.tokens import EVENT, Claims, reply_key, sign
from orientest.events.reading import DEFINITE, INDEFINITE, Event
from orientest.events.seats import Outcome, Seats

PROMOTED = ("place", "places")  # a seat from the waiting list: one given back, or places staff added


def _context(board: Board, event: Event, event_id: str, name: str) -> dict[str, Any]:
    return {
        "name": name,
        "staff_email": board.parameters.staff_email,
        "event_id": event_id,
        "title": event.title,
        "kind": event.kind,
        "the_kind": DEFINITE[event.kind],
        "a_kind": INDEFINITE[event.kind],
        "day": format_long_date(event.day),
        "short_day": format_date(event.day),
        "start": format_time(event.start) if event.start else "",
        "end": format_time(event.end) if event.end else "",
        "place": event.place,
        "video_link": event.video_link,
    }


def _event_email(
    board: Board,
    template: str,
    to: Ambassador,
    event: Event,
    event_id: str,
    extra: dict[str, Any],
    *unique: object,
    calendar: tuple[Invitation, ...] = (),
    about_seats: bool = False,
    secret: bytes = b"",
) -> Email:
    """`about_seats`: the e-mail is about the event's seats (its record, held back with them by the daily cap);
    otherwise about the ambassador alone (an invitation: 1,500 of them must not hold one confirmation)."""
    context = {**_context(board, event, event_id, to.full_name), **extra}
    record_id = event_id if about_seats else to.id
    # « je viens », « je ne pourrai pas » answered by e-mail count as the links would (replies flow).
    key = reply_key(Claims(event_id, to.id, EVENT, event.day), secret) if secret else ""
    return email(
        board.parameters,
        template,
        to.email,
        record_id,
        context,
        event_id,
        to.id,
        *unique,
        invitations=calendar,
        reply_key=key,
    )


def invitation(board: Board, event: Event, event_id: str, to: Ambassador, seats: Seats, secret: bytes) -> Email:
    """Once per event and ambassador: what, when, where, and « Je m'inscris » / « Je ne peux pas »."""
    token = _token(event, event_id, to, secret)
    full = seats.places is not None and len(seats.seated) >= seats.places
    extra = {"token": token, "places": seats.places, "full": full}
    return _event_email(board, "rencontre_invitation", to, event, event_id, extra, secret=secret)


def seated(board: Board, event: Event, event_id: str, to: Ambassador, secret: bytes, unique: tuple[str, ...]) -> Email:
    """A seat, with the event for their calendar and the link to give it back."""
    extra = {"token": _token(event, event_id, to, secret), "promoted": unique[0] in PROMOTED}
    calendar = (_calendar(board, event, event_id, to, cancelled=False),)
    return _event_email(
        board,
        "rencontre_inscription",
        to,
        event,
        event_id,
        extra,
        *unique,
        calendar=calendar,
        about_seats=True,
        secret=secret,
    )


def waiting(
    board: Board, event: Event, event_id: str, to: Ambassador, seats: Seats, secret: bytes, unique: str
) -> Email:
    extra = {"position": seats.position(to.id), "token": _token(event, event_id, to, secret)}
    return _event_email(board, "rencontre_attente", to, event, event_id, extra, unique, about_seats=True, secret=secret)


def withdrawn(board: Board, event: Event, event_id: str, to: Ambassador, outcome: Outcome, unique: str) -> Email:
    """Their registration given back: a seat leaves their calendar; a place in line just ends."""
    had_seat = outcome is Outcome.WITHDRAWN
    calendar = (_calendar(board, event, event_id, to, cancelled=True),) if had_seat else ()
    extra = {"had_seat": had_seat}
    return _event_email(
        board, "rencontre_desinscription", to, event, event_id, extra, unique, calendar=calendar, about_seats=True
    )


def reminder(board: Board, event: Event, event_id: str, to: Ambassador, secret: bytes) -> Email:
    extra = {"token": _token(event, event_id, to, secret)}
    return _event_email(board, "rencontre_rappel", to, event, event_id, extra, secret=secret)


def attendance_asked(board: Board, event: Event, event_id: str, seated: int) -> Email:
    """Once the day is over, staff asked to type who came in `Présents`."""
    context = {**_context(board, event, event_id, "l'équipe"), "seated": seated}
    return email(board.parameters, "rencontre_presences", board.parameters.staff_email, event_id, context, event_id)


def _token(event: Event, event_id: str, to: Ambassador, secret: bytes) -> str:
    """The same token rules as every link: signed, for this person and event, valid until its day."""
    return sign(Claims(event_id, to.id, EVENT, event.day), secret)


def _calendar(board: Board, event: Event, event_id: str, to: Ambassador, cancelled: bool) -> Invitation:
    return Invitation(
        uid=f"{event_id}.{to.id}@orientest",
        start=event.starts,
        end=event.ends,
        summary=f"Orient'Est – {event.kind} : {event.title}",
        location=event.place or event.video_link,
        description=f"{event.kind} du réseau Orient'Est ({event_id})."
        + (f" Lien de la visio : {event.video_link}" if event.video_link else ""),
        attendees=((to.full_name, to.email),),
        sequence=sequence_at(board.now),
        cancelled=cancelled,
        all_day=event.start is None,
    )
