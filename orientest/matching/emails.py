"""The e-mails of matching: proposals, confirmations with their invitation, cancellations, « Sans solution »."""

import hashlib
from datetime import date
from typing import Any

from orientest.ambassadors.reading import Ambassador
from orientest.board.state import Board, Case
from orientest.board.venue import TO_AGREE, to_agree, venue_of, when_where
from orientest.core.email_factory import email
from orientest.core.french import count, format_long_date
from orientest.core.invitations import Invitation, sequence_at
from orientest.core.plan import Email
from orientest.core.tokens import ANSWER, CANCEL, OTHER_DATE_PREFIX, REQUESTER, Claims, reply_key, sign
from orientest.forms.fields import contact
from orientest.matching.alternatives import DECLINE, Alternative
from orientest.proposals.ledger import Proposal
from orientest.requests.summary import request_context
from orientest.submissions.answers import Answer
from orientest.submissions.participants import group_token

CHARTER_REMINDERS = (
    "Respecter les règles de l'établissement ou de la structure d'accueil (horaires, accueil, protocole).",
    "Pour une visite d'entreprise : consignes de sécurité et équipements de protection prévus pour le groupe.",
    "Aucune donnée personnelle d'élève n'est échangée : niveau et effectif suffisent.",
)


def _base(board: Board, case: Case, name: str) -> dict[str, Any]:
    return {"name": name, "staff_email": board.parameters.staff_email, **request_context(case.request)}


def _email(
    board: Board, template: str, to: str, record_id: str, context: dict[str, Any], *unique: object, **extra: Any
) -> Email:
    return email(board.parameters, template, to, record_id, context, *unique, **extra)


def proposal(
    board: Board,
    case: Case,
    ambassador: Ambassador,
    offer: Proposal,
    secret: bytes,
    reminder: bool = False,
    round_key: str = "",
    why: str = "",
) -> Email:
    """The proposal (or a reminder of it), with signed links to answer; `why` says in words why them."""
    expires = offer.expires_on(board.parameters.response_days)
    claims = Claims(case.id, ambassador.id, ANSWER, expires)
    token = sign(claims, secret)
    context = {
        **_base(board, case, ambassador.full_name),
        "token": token,
        "expires": format_long_date(expires),
        "day": format_long_date(offer.day),
        "closed": board.closed(offer.day, case.request),
        "why": why,
        "place_sectors": ", ".join(s for s in case.request.sectors if s in ambassador.sectors),
    }
    template = "proposition_relance" if reminder else "proposition"
    rounds = (round_key,) if round_key else ()
    return _email(
        board,
        template,
        ambassador.email,
        case.id,
        context,
        case.id,
        ambassador.id,
        *rounds,
        reply_key=reply_key(claims, secret),
    )


def filled_elsewhere(board: Board, case: Case, ambassador: Ambassador) -> Email:
    context = {**_base(board, case, ambassador.full_name)}
    return _email(board, "deja_pourvue", ambassador.email, case.id, context, case.id, ambassador.id)


def invitation(board: Board, case: Case, ambassador: Ambassador, day: date, cancelled: bool = False) -> Invitation:
    """The event of one ambassador's intervention, in their calendar and the requester's; a later version (a
    cancellation) has a higher sequence."""
    request = case.request
    start, end = request.interval(day)
    place = venue_of(board, case, ambassador)
    given = request.hour_given
    return Invitation(
        uid=f"{case.id}-{ambassador.id}@orientest",
        start=start,
        end=end,  # one event per ambassador coming
        summary=f"{'Visite' if place.at_site else 'Intervention'} Orient'Est – {request.structure}"
        + ("" if given else f" ({TO_AGREE})"),
        location=place.location,
        description=" ".join(
            part
            for part in (
                f"Référence {case.id}. {ambassador.full_name} ({ambassador.job}) avec {request.contact_name}.",
                "" if given else f"Horaire : {to_agree(request, ambassador)}.",
                f"Visite d'entreprise : le groupe se rend sur le site, {place.place}." if place.at_site else "",
                f"Consignes de sécurité : {place.safety_rules}" if place.safety_rules else "",
                f"Lien de la visio : {place.link}" if place.link else "",
            )
            if part
        ),
        attendees=((ambassador.full_name, ambassador.email), (request.contact_name, request.email)),
        sequence=sequence_at(board.now),
        cancelled=cancelled,
        all_day=not given,
    )


def confirmations(
    board: Board, case: Case, ambassador: Ambassador, offer: Proposal, secret: bytes, words: str = ""
) -> list:
    """Both sides, each with the other's contact (shared only now) and the same calendar invitation; the requester
    with what the ambassador wrote beside the acceptance."""
    request, row = case.request, case.row
    event = (invitation(board, case, ambassador, offer.day),)
    common = {**when_where(board, case, ambassador, offer.day), "reminders": CHARTER_REMINDERS}
    requester = {
        "contact_name": request.contact_name,
        "contact_role": request.contact_role,
        "contact_email": request.email,
        "contact_phone": request.phone,
        "uai": request.uai,
    }
    speaker = {
        "ambassador_name": ambassador.full_name,
        "ambassador_job": ambassador.job,
        "ambassador_structure": ambassador.structure,
        "ambassador_email": ambassador.email,
        "ambassador_phone": ambassador.phone,
    }
    to_ambassador = _email(
        board,
        "confirmation_ambassadeur",
        ambassador.email,
        case.id,
        {
            **_base(board, case, ambassador.full_name),
            **common,
            **requester,
            "cancel_token": sign(Claims(case.id, ambassador.id, CANCEL, offer.day), secret),
            "protocol_url": board.parameters.protocol_url,
        },
        case.id,
        ambassador.id,
        invitations=event,
    )
    if request.places > 1:  # a forum: its requester hears once every place is filled (`forum_confirmation`)
        return [to_ambassador]
    to_requester = _email(
        board,
        "confirmation_demandeur",
        contact(row),
        case.id,
        {
            **_base(board, case, request.contact_name),
            **common,
            **speaker,
            "comment": words,
            "cancel_token": sign(Claims(case.id, REQUESTER, CANCEL, offer.day), secret),
            "participants_token": group_token(case.id, offer.day, secret),
        },
        case.id,
        ambassador.id,
        invitations=event,
    )
    return [to_ambassador, to_requester]


def forum_invitation(board: Board, case: Case, day: date, cancelled: bool = False) -> Invitation:
    """A forum in its requester's calendar: one event, every ambassador coming among its guests."""
    request, coming = case.request, board.coming(case)
    start, end = request.interval(day)
    names = ", ".join(f"{a.full_name} ({a.job})" for a in coming)
    given = request.hour_given
    return Invitation(
        uid=f"{case.id}@orientest",
        start=start,
        end=end,
        summary=f"Orient'Est – {request.structure} : {count(len(coming), 'ambassadeur')}"
        + ("" if given else f" ({TO_AGREE})"),
        location=venue_of(board, case, coming[0]).location if coming else request.structure,
        description=f"Référence {case.id}. Ambassadeurs attendus : {names or 'aucun'}.",
        attendees=((request.contact_name, request.email), *((a.full_name, a.email) for a in coming)),
        sequence=sequence_at(board.now),
        cancelled=cancelled,
        all_day=not given,
    )


def forum_confirmation(board: Board, case: Case, day: date, secret: bytes) -> Email:
    """A forum's requester, once every place is filled or on the eve: who comes, with what each wrote on accepting,
    and one event; keyed by who comes, so sent again only when that changes."""
    coming = board.coming(case)
    speakers = [
        {
            "name": a.full_name,
            "job": a.job,
            "structure": a.structure,
            "email": a.email,
            "phone": a.phone,
            "comment": accepted.words if (accepted := board.ledger.proposals.get((case.id, a.id))) else "",
        }
        for a in coming
    ]
    context = {
        **_base(board, case, case.request.contact_name),
        **when_where(board, case, coming[0], day),
        "reminders": CHARTER_REMINDERS,
        "speakers": speakers,
        "complete": case.places_left == 0,
        "cancel_token": sign(Claims(case.id, REQUESTER, CANCEL, day), secret),
        "participants_token": group_token(case.id, day, secret),
    }
    who = "+".join(sorted(a.id for a in coming))
    invitations = (forum_invitation(board, case, day),)
    return _email(
        board, "confirmation_forum", contact(case.row), case.id, context, case.id, "forum", who, invitations=invitations
    )


def requester_events(
    board: Board, case: Case, day: date, coming: tuple[Ambassador, ...], cancelled: bool
) -> tuple[Invitation, ...]:
    """The requester's events for `coming`: a forum's single one (with, when cancelled, each ambassador's, which a
    forum confirmed before forums had theirs put in calendars), else one per ambassador."""
    each = tuple(invitation(board, case, a, day, cancelled=cancelled) for a in coming)
    if case.request.places == 1:
        return each
    return (forum_invitation(board, case, day, cancelled=cancelled), *(each if cancelled else ()))


def new_date(board: Board, case: Case, before: date, day: date, secret: bytes) -> list[Email]:
    """Staff moved the intervention from `before` to `day`: each ambassador coming and the requester hear it, with
    their events updated (same UID, higher sequence) and a link to cancel valid until the new day."""
    request = case.request
    coming = board.coming(case)
    events = {a.id: invitation(board, case, a, day) for a in coming}
    common = {"before": format_long_date(before), "speakers": [a.full_name for a in coming]}
    to_ambassadors = [
        _email(
            board,
            "nouvelle_date",
            a.email,
            case.id,
            {
                **_base(board, case, a.full_name),
                **when_where(board, case, a, day),
                **common,
                "audience": "ambassadeur",
                "cancel_token": sign(Claims(case.id, a.id, CANCEL, day), secret),
            },
            case.id,
            a.id,
            day.isoformat(),
            invitations=(events[a.id],),
        )
        for a in coming
    ]
    requester = contact(case.row)
    if not requester or not coming:
        return to_ambassadors
    return [
        *to_ambassadors,
        _email(
            board,
            "nouvelle_date",
            requester,
            case.id,
            {
                **_base(board, case, request.contact_name),
                **when_where(board, case, coming[0], day),  # a forum: at the structure, for every one of them
                **common,
                "audience": "demandeur",
                "cancel_token": sign(Claims(case.id, REQUESTER, CANCEL, day), secret),
            },
            case.id,
            "demandeur",
            day.isoformat(),
            invitations=requester_events(board, case, day, coming, cancelled=False),
        ),
    ]


def video_link(board: Board, case: Case, link: str) -> list[Email]:
    """Staff gave the remote session's link after the confirmations: those coming whose confirmation carried another
    (or none) and the requester get it, with their events updated; keyed by the link, so once per link."""
    day = case.confirmed_day
    told = [
        a
        for a in board.coming(case)
        if (accepted := board.ledger.proposals.get((case.id, a.id))) is None or accepted.video_link != link
    ]
    if day is None or not told:
        return []
    digest = hashlib.sha256(link.encode()).hexdigest()[:10]
    events = {a.id: invitation(board, case, a, day) for a in told}
    sides: list[tuple[str, str, str, tuple[Invitation, ...], Ambassador]] = [
        (a.full_name, a.email, "ambassadeur", (events[a.id],), a) for a in told
    ]
    if requester := contact(case.row):
        sides.append((case.request.contact_name, requester, "demandeur", tuple(events.values()), told[0]))
    return [
        _email(
            board,
            "lien_visio",
            address,
            case.id,
            {**_base(board, case, name), **when_where(board, case, ambassador, day), "audience": audience},
            case.id,
            ambassador.id if audience == "ambassadeur" else "demandeur",
            digest,
            invitations=mine,
        )
        for name, address, audience, mine, ambassador in sides
    ]


def other_date(
    board: Board,
    case: Case,
    ambassador: Ambassador,
    proposed: str,
    comment: str,
    line: int,
    requester_asked: bool = False,
) -> Email:
    """Staff alerted: the ambassador would come, on another day; whether the requester got it as a choice."""
    context = {
        **_base(board, case, "l'équipe"),
        "ambassador_name": ambassador.full_name,
        "ambassador_email": ambassador.email,
        "proposed": proposed,
        "comment": comment,
        "requester_asked": requester_asked,
    }
    return _email(
        board,
        "autre_date",
        board.parameters.staff_email,
        case.id,
        context,
        case.id,
        ambassador.id,
        line,
        proposed,
        must_reach=True,
    )  # the day they offer: only staff decide


def comment_to_read(board: Board, case: Case, ambassador: Ambassador, answer: Answer, outcome: str) -> Email:
    """Staff read what an ambassador wrote beside an answer when it asks something, or beside a decline, which
    nobody else reads; orientest has done what the answer says, not what the comment asks."""
    context = {
        **_base(board, case, "l'équipe"),
        "id": case.id,
        "ambassador_id": ambassador.id,
        "ambassador_name": ambassador.full_name,
        "ambassador_email": ambassador.email,
        "ambassador_phone": ambassador.phone,
        "outcome": outcome,
        "comment": answer.words,
        "requester_told": outcome == "confirmée",
    }
    return _email(
        board,
        "commentaire_a_lire",
        board.parameters.staff_email,
        case.id,
        context,
        case.id,
        ambassador.id,
        answer.source.line,
        must_reach=True,
    )


def other_date_for_requester(
    board: Board, case: Case, ambassador: Ambassador, day: date, comment: str, secret: bytes, expires: date
) -> Email:
    """The requester chooses: the ambassador on the day they offer, or the search goes on; one signed click each."""
    token = sign(Claims(case.id, REQUESTER, f"{OTHER_DATE_PREFIX}{ambassador.id}-{day:%Y%m%d}", expires), secret)
    context = {
        **_base(board, case, case.request.contact_name),
        "ambassador_name": ambassador.full_name,
        "ambassador_job": ambassador.job,
        "other_day": format_long_date(day),
        "closed": board.closed(day, case.request),
        "comment": comment,
        "token": token,
        "expires": format_long_date(expires),
    }
    return _email(board, "autre_date_demandeur", contact(case.row), case.id, context, case.id, ambassador.id, day)


def no_solution(board: Board, case: Case, reason: str, round_key: str, to_requester: str = "") -> list:
    """The requester told what can still be done (`to_requester`: the reason as said to them); staff and the sector's
    branch referents alerted."""
    emails = []
    requester = contact(case.row)
    if requester:
        emails.append(
            _email(
                board,
                "sans_solution",
                requester,
                case.id,
                {**_base(board, case, case.request.contact_name), "reason": to_requester or reason},
                case.id,
                round_key,
            )
        )
    referents = [board.parameters.referents[s] for s in case.request.sectors if board.parameters.referents.get(s)]
    for address in dict.fromkeys([board.parameters.staff_email, *referents]):
        if address:
            emails.append(
                _email(
                    board,
                    "escalade",
                    address,
                    case.id,
                    {**_base(board, case, "l'équipe"), "reason": reason, "requester_email": requester},
                    case.id,
                    round_key,
                    address,
                )
            )
    return emails


def alternatives(
    board: Board,
    case: Case,
    pistes: list[Alternative],
    secret: bytes,
    expires: date,
    round_number: int,
    reminder: bool = False,
) -> Email:
    """The requester's pistes (or the reminder of them), each a signed one-click choice, and a way to decline them
    all."""
    reason = case.state.motif
    choices = [
        {"label": p.label, "opens": p.opens, "token": sign(Claims(case.id, REQUESTER, p.action, expires), secret)}
        for p in pistes
    ]
    context = {
        **_base(board, case, case.request.contact_name),
        "reason": reason,
        "pistes": choices,
        "decline_token": sign(Claims(case.id, REQUESTER, DECLINE, expires), secret),
        "expires": format_long_date(expires),
    }
    template = "pistes_relance" if reminder else "pistes"
    return _email(board, template, contact(case.row), case.id, context, case.id, round_number)


def network_not_ready(board: Board, waiting: list[Case]) -> Email:
    """Staff told once that requests wait because no ambassador can be asked yet: keyed by the oldest of them."""
    oldest = waiting[0]
    return _email(
        board,
        "reseau_en_attente",
        board.parameters.staff_email,
        oldest.id,
        {"count": len(waiting), "staff_email": board.parameters.staff_email},
        oldest.id,
    )


def cancelled(
    board: Board,
    case: Case,
    ambassador: Ambassador,
    reason: str = "",
    coming: tuple[Ambassador, ...] = (),
    day: date | None = None,
    words: str = "",
) -> Email:
    """An ambassador asked or coming hears the request is cancelled, with what the requester wrote; if they were
    coming (on `day`), their event leaves their calendar (METHOD:CANCEL)."""
    events = _cancelled_events(board, case, coming, day)
    mine = (events[ambassador.id],) if ambassador.id in events else ()
    return _email(
        board,
        "annulation",
        ambassador.email,
        case.id,
        {
            **_base(board, case, ambassador.full_name),
            **(when_where(board, case, ambassador, day) if mine and day else {}),
            "reason": reason,
            "audience": "ambassadeur",
            "in_calendar": bool(mine),
            "comment": words,
        },
        case.id,
        ambassador.id,
        invitations=mine,
    )


def cancelled_for_requester(
    board: Board,
    case: Case,
    reason: str = "",
    coming: tuple[Ambassador, ...] = (),
    day: date | None = None,
    words: str = "",
) -> list[Email]:
    """The requester hears it too (if an address is left), and the events of those `coming` leave their calendar."""
    requester = contact(case.row)
    if not requester:
        return []
    events = requester_events(board, case, day, coming, cancelled=True) if day else ()
    return [
        _email(
            board,
            "annulation",
            requester,
            case.id,
            {
                **_base(board, case, case.request.contact_name),
                **(when_where(board, case, coming[0], day) if coming and day else {}),
                "reason": reason,
                "audience": "demandeur",
                "in_calendar": bool(events),
                "comment": words,
                "coming": [a.full_name for a in coming],
            },
            case.id,
            "demandeur",
            invitations=events,
        )
    ]


def _cancelled_events(board: Board, case: Case, coming: tuple[Ambassador, ...], day: date | None) -> dict:
    return {a.id: invitation(board, case, a, day, cancelled=True) for a in coming} if day else {}


def withdrawn(
    board: Board, case: Case, ambassador: Ambassador, day: date, searching: bool = True, words: str = ""
) -> Email:
    """The ambassador had to cancel: the requester is told another one is being sought (`searching`), or, on the day,
    who still comes; that ambassador's event leaves the calendar."""
    others = [a.full_name for a in board.coming(case)]
    return _email(
        board,
        "desistement",
        contact(case.row),
        case.id,
        {
            **_base(board, case, case.request.contact_name),
            **when_where(board, case, ambassador, day),
            "ambassador_name": ambassador.full_name,
            "searching": searching,
            "others": others,
            "comment": words,
        },
        case.id,
        ambassador.id,
        invitations=_withdrawn_events(board, case, ambassador, day),
    )


def _withdrawn_events(board: Board, case: Case, ambassador: Ambassador, day: date) -> tuple[Invitation, ...]:
    """Their event leaves the requester's calendar; a forum's is updated to those still coming (or, with nobody
    left, leaves it until its places are filled again)."""
    own = invitation(board, case, ambassador, day, cancelled=True)
    if case.request.places == 1:
        return (own,)
    return (forum_invitation(board, case, day, cancelled=not board.coming(case)), own)


def withdrawal_noted(board: Board, case: Case, ambassador: Ambassador, day: date) -> Email:
    """The ambassador who cancelled hears it is done, and the event leaves their calendar."""
    return _email(
        board,
        "desistement_enregistre",
        ambassador.email,
        case.id,
        {**_base(board, case, ambassador.full_name), **when_where(board, case, ambassador, day)},
        case.id,
        ambassador.id,
        invitations=(invitation(board, case, ambassador, day, cancelled=True),),
    )
