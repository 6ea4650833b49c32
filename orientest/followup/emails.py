"""The e-mails of follow-up: reminders before an intervention, feedback after it, suspensions, record updates."""

import hashlib
from datetime import timedelta
from typing import Any

from orientest.ambassadors.reading import Ambassador, full_name_of
from orientest.board import Board, Case
from orientest.board.venue import when_where
from orientest.core.email_factory import email
from orientest.core.french import format_long_date
from orientest.core.invitations import Invitation
from orientest.core.plan import Email
from orientest.core.record_rows import RecordRow
from orientest.core.tokens import FEEDBACK, REQUESTER, Claims, sign
from orientest.forms.fields import contact
from orientest.requests.summary import request_context
from orientest.submissions.feedback import Words
from orientest.submissions.participants import group_token
from orientest.submissions.source import Source


def _base(board: Board, case: Case, name: str) -> dict[str, Any]:
    return {"name": name, "staff_email": board.parameters.staff_email, **request_context(case.request)}


def _email(
    board: Board,
    template: str,
    to: str,
    record_id: str,
    context: dict[str, Any],
    *unique: object,
    invitations: tuple[Invitation, ...] = (),
) -> Email:
    return email(board.parameters, template, to, record_id, context, *unique, invitations=invitations)


def intervention_reminder(board: Board, case: Case, ambassadors: list[Ambassador], days_before: int) -> list[Email]:
    """Each side, a few days before: the day and time, the place, and who to contact (every ambassador, for the
    requester). `days_before` is the reminder's setting: it keys the e-mail, sent once."""
    day = case.confirmed_day
    if day is None or not ambassadors:  # no day confirmed, or nobody coming: nothing to remind of
        return []
    # The days really left, not the setting: a reminder due 7 days before may go out later (flows stopped, a date
    # confirmed 5 days ahead).
    common = {
        "days_left": (day - board.today).days,
        "contact_name": case.request.contact_name,
        "contact_email": case.request.email,
        "speakers": [{"name": a.full_name, "email": a.email} for a in ambassadors],
    }
    # A day staff moved keys its reminders anew: the new day has its own (the keys of others stay as they were).
    moved = (day.isoformat(),) if case.id in board.ledger.redated else ()
    reminders = [
        _email(
            board,
            "rappel_intervention",
            ambassador.email,
            case.id,
            {
                **_base(board, case, ambassador.full_name),
                **when_where(board, case, ambassador, day),
                **common,
                "audience": "ambassadeur",
            },
            case.id,
            days_before,
            *moved,
            *_side(ambassador, ambassadors),
        )
        for ambassador in ambassadors
    ]
    return [
        *reminders,
        _email(
            board,
            "rappel_intervention",
            case.request.email,
            case.id,
            {
                **_base(board, case, case.request.contact_name),
                **when_where(board, case, ambassadors[0], day),  # a forum: at the structure, for all of them
                **common,
                "audience": "demandeur",
            },
            case.id,
            days_before,
            *moved,
            "demandeur",
        ),
    ]


def _side(ambassador: Ambassador, ambassadors: list[Ambassador]) -> tuple[str, ...]:
    """The key's last parts for an ambassador: their ID too when several come (one ambassador keeps the old key)."""
    return ("ambassadeur",) if len(ambassadors) == 1 else ("ambassadeur", ambassador.id)


def feedback_requests(board: Board, case: Case, ambassadors: list[Ambassador], secret: bytes, days: int) -> list[Email]:
    """The day after: each side's own link to the feedback form, valid `days` days."""
    expires = board.today + timedelta(days=days)
    sides = [(a.id, a.email, a.full_name, "ambassadeur", _side(a, ambassadors)) for a in ambassadors]
    sides.append((REQUESTER, case.request.email, case.request.contact_name, "demandeur", ("demandeur",)))
    day = case.confirmed_day or board.today
    return [
        _email(
            board,
            "demande_retour",
            address,
            case.id,
            {
                **_base(board, case, name),
                "audience": audience,
                "token": sign(Claims(case.id, person_id, FEEDBACK, expires), secret),
                "participants_token": group_token(case.id, day, secret) if person_id == REQUESTER else "",
            },
            case.id,
            *key,
        )
        for person_id, address, name, audience, key in sides
    ]


def thanks(board: Board, case: Case, ambassador: Ambassador, words: Words | None) -> Email:
    """The ambassador thanked once the requester says it took place, with their words only if they agreed."""
    context = {
        **_base(board, case, ambassador.full_name),
        "day": format_long_date(case.confirmed_day) if case.confirmed_day else "",
        "satisfaction": words.satisfaction if words else None,
        "comment": words.comment if words else "",
    }
    return _email(board, "remerciement", ambassador.email, case.id, context, case.id, ambassador.id)


def no_show(board: Board, case: Case, ambassador: Ambassador) -> Email:
    """Staff told, once per intervention, that the requester says the ambassador did not come."""
    context = {
        **_base(board, case, "l'équipe"),
        "request_id": case.id,
        "day": format_long_date(case.confirmed_day) if case.confirmed_day else "",
        "ambassador_id": ambassador.id,
        "ambassador_name": ambassador.full_name,
        "ambassador_email": ambassador.email,
        "ambassador_phone": ambassador.phone,
        "no_shows_before_suspension": board.parameters.no_shows_before_suspension,
    }
    return _email(board, "absence_signalee", board.parameters.staff_email, case.id, context, case.id)


def suspended(board: Board, ambassador: Ambassador, no_shows: int) -> Email:
    """Staff alerted: an ambassador missed too many interventions and gets no more proposals for now."""
    context = {
        "name": "l'équipe",
        "staff_email": board.parameters.staff_email,
        "ambassador_id": ambassador.id,
        "ambassador_name": ambassador.full_name,
        "ambassador_email": ambassador.email,
        "no_shows": no_shows,
    }
    return _email(board, "suspension", board.parameters.staff_email, ambassador.id, context, ambassador.id, no_shows)


def unknown_address(board: Board, address: str, line: int) -> Email:
    """A polite answer to an update from an address the network does not know: nothing was changed."""
    context = {"name": "", "staff_email": board.parameters.staff_email, "address": address}
    # The key ends up in the journal: a digest, not the address of someone the network does not know.
    digest = hashlib.sha256(address.casefold().encode()).hexdigest()[:12]
    return _email(board, "mise_a_jour_inconnue", address, "—", context, digest, line)


def record_updated(
    board: Board,
    record: RecordRow,
    template: str,
    changes: list[tuple[str, str]],
    update: Source,
    invitations: tuple[Invitation, ...] = (),
) -> Email:
    """The ambassador's update confirmed, with what changed (or their departure, with thanks, and the events of the
    interventions they no longer come to, cancelled)."""
    name = full_name_of(record.row)
    context = {
        "name": name,
        "staff_email": board.parameters.staff_email,
        "changes": changes,
        "cancelled": len(invitations),
    }
    return _email(
        board,
        template,
        contact(record.row),
        record.id,
        context,
        record.id,
        update.key.locator,
        invitations=invitations,
    )
