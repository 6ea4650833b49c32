"""The e-mails of matching, as decisions: who gets which template, with what, under which idempotency key."""

import hashlib
from datetime import timedelta
from typing import Any

from orientest.ambassadors import Ambassador
from orientest.board import Board, Case, contact
from orientest.fingerprint import locator
from orientest.french import format_long_date, parse_date
from orientest.invitations import Invitation, interval
from orientest.messages import request_context
from orientest.plan import Email
from orientest.proposals import Proposal
from orientest.schema import UPDATES, Row
from orientest.tokens import ANSWER, CANCEL, FEEDBACK, REQUESTER, Claims, sign

CHARTER_REMINDERS = (
    "Respecter les règles de l'établissement ou de la structure d'accueil (horaires, accueil, protocole).",
    "Pour une visite d'entreprise : consignes de sécurité et équipements de protection prévus pour le groupe.",
    "Aucune donnée personnelle d'élève n'est échangée : niveau et effectif suffisent.",
)


def _base(board: Board, case: Case, name: str) -> dict[str, Any]:
    return {"name": name, "staff_email": board.parameters.staff_email, **request_context(case.request)}


def _email(board: Board, key: str, template: str, to: str, record_id: str, context: dict[str, Any],
           **extra: Any) -> Email:
    return Email(key, template, (to,), record_id, context, board.parameters.staff_email, board.parameters.sender_name,
                 **extra)


def proposal(board: Board, case: Case, ambassador: Ambassador, offer: Proposal, secret: bytes, reminder: bool = False,
             round_key: str = "") -> Email:
    """The proposal (or a reminder of it), with signed links to answer."""
    expires = offer.expires_on(board.parameters.response_days)
    token = sign(Claims(case.id, ambassador.id, ANSWER, expires), secret)
    context = {**_base(board, case, ambassador.full_name), "token": token, "expires": format_long_date(expires),
               "day": format_long_date(offer.day), "motif": case.values["Motif"]}
    template = "proposition_relance" if reminder else "proposition"
    key = f"{template}:{case.id}:{ambassador.id}" + (f":{round_key}" if round_key else "")
    return _email(board, key, template, ambassador.email, case.id, context)


def filled_elsewhere(board: Board, case: Case, ambassador: Ambassador):
    context = {**_base(board, case, ambassador.full_name)}
    return _email(board, f"deja_pourvue:{case.id}:{ambassador.id}", "deja_pourvue", ambassador.email, case.id, context)


def confirmations(board: Board, case: Case, ambassador: Ambassador, offer: Proposal, secret: bytes) -> list:
    """Both sides, each with the other's contact (shared only now) and the same calendar invitation."""
    request, row = case.request, case.row
    start, end = interval(offer.day, request.slot, request.duration_hours)
    place = ", ".join(part for part in (request.structure, request.commune.name if request.commune else "") if part)
    invitation = Invitation(
        uid=f"{case.id}@orientest", start=start, end=end,
        summary=f"Intervention Orient'Est – {request.structure}",
        location="À distance" if request.remote else place,
        description=f"Référence {case.id}. {ambassador.full_name} ({ambassador.job}) avec {request.contact_name}.",
        organizer=board.parameters.staff_email, attendees=(ambassador.email, request.email),
    )
    common = {"day": format_long_date(offer.day), "start": f"{start:%H:%M}", "end": f"{end:%H:%M}", "place": place,
              "remote": request.remote, "reminders": CHARTER_REMINDERS}
    requester = {"contact_name": request.contact_name, "contact_role": request.contact_role,
                 "contact_email": request.email, "contact_phone": request.phone, "uai": request.uai}
    speaker = {"ambassador_name": ambassador.full_name, "ambassador_job": ambassador.job,
               "ambassador_structure": ambassador.structure, "ambassador_email": ambassador.email,
               "ambassador_phone": ambassador.phone}
    to_ambassador = _email(board, f"confirmation_ambassadeur:{case.id}:{ambassador.id}", "confirmation_ambassadeur",
                           ambassador.email, case.id,
                           {**_base(board, case, ambassador.full_name), **common, **requester,
                            "cancel_token": sign(Claims(case.id, ambassador.id, CANCEL, offer.day), secret)},
                           invitation=invitation)
    to_requester = _email(board, f"confirmation_demandeur:{case.id}:{ambassador.id}", "confirmation_demandeur",
                          contact(row), case.id,
                          {**_base(board, case, request.contact_name), **common, **speaker,
                           "cancel_token": sign(Claims(case.id, REQUESTER, CANCEL, offer.day), secret)},
                          invitation=invitation)
    return [to_ambassador, to_requester]


def other_date(board: Board, case: Case, ambassador: Ambassador, proposed: str, comment: str, line: int):
    """Staff alerted: the ambassador would come, on another day."""
    context = {**_base(board, case, "l'équipe"), "ambassador_name": ambassador.full_name,
               "ambassador_email": ambassador.email, "proposed": proposed or "(non précisée)", "comment": comment}
    return _email(board, f"autre_date:{case.id}:{ambassador.id}:{line}:{proposed}", "autre_date",
                  board.parameters.staff_email, case.id, context)


def no_solution(board: Board, case: Case, reason: str, round_key: str) -> list:
    """The requester told what can still be done; staff and the sector's branch referents alerted."""
    emails = []
    requester = contact(case.row)
    if requester:
        emails.append(_email(board, f"sans_solution:{case.id}:{round_key}", "sans_solution", requester, case.id,
                             {**_base(board, case, case.request.contact_name), "reason": reason}))
    referents = [board.parameters.referents[s] for s in case.request.sectors if board.parameters.referents.get(s)]
    for address in dict.fromkeys([board.parameters.staff_email, *referents]):
        if address:
            emails.append(_email(board, f"escalade:{case.id}:{round_key}:{address}", "escalade", address, case.id,
                                 {**_base(board, case, "l'équipe"), "reason": reason,
                                  "requester_email": requester}))
    return emails


def network_not_ready(board: Board, waiting: list[Case]) -> Email:
    """Staff told once that requests wait because no ambassador can be asked yet: keyed by the oldest of them."""
    oldest = waiting[0]
    return _email(board, f"reseau_en_attente:{oldest.id}", "reseau_en_attente", board.parameters.staff_email,
                  oldest.id, {"count": len(waiting), "staff_email": board.parameters.staff_email})


def cancelled(board: Board, case: Case, ambassador: Ambassador | None, reason: str = "",
              tell_requester: bool = True) -> list:
    """The request is cancelled: whoever was asked or confirmed, and the requester, are told."""
    emails = []
    if ambassador is not None:
        emails.append(_email(board, f"annulation:{case.id}:{ambassador.id}", "annulation", ambassador.email, case.id,
                             {**_base(board, case, ambassador.full_name), "reason": reason}))
    requester = contact(case.row)
    if requester and tell_requester:
        emails.append(_email(board, f"annulation:{case.id}:demandeur", "annulation", requester, case.id,
                             {**_base(board, case, case.request.contact_name), "reason": reason}))
    return emails


def withdrawn(board: Board, case: Case, ambassador: Ambassador) -> Email:
    """The ambassador had to cancel well ahead: the requester is told another one is being sought."""
    return _email(board, f"desistement:{case.id}:{ambassador.id}", "desistement", contact(case.row), case.id,
                  {**_base(board, case, case.request.contact_name), "ambassador_name": ambassador.full_name})


def intervention_reminder(board: Board, case: Case, ambassador: Ambassador, days_before: int) -> list[Email]:
    """Both sides, a few days before: the day, the place, and who to contact."""
    common = {"day": format_long_date(parse_date(case.values["Date confirmée"])), "days_before": days_before,
              "ambassador_name": ambassador.full_name, "ambassador_email": ambassador.email,
              "contact_name": case.request.contact_name, "contact_email": case.request.email}
    return [
        _email(board, f"rappel_intervention:{case.id}:{days_before}:ambassadeur", "rappel_intervention",
               ambassador.email, case.id,
               {**_base(board, case, ambassador.full_name), **common, "audience": "ambassadeur"}),
        _email(board, f"rappel_intervention:{case.id}:{days_before}:demandeur", "rappel_intervention",
               case.request.email, case.id,
               {**_base(board, case, case.request.contact_name), **common, "audience": "demandeur"}),
    ]


def feedback_requests(board: Board, case: Case, ambassador: Ambassador, secret: bytes, days: int) -> list[Email]:
    """The day after: each side's own link to the feedback form, valid `days` days."""
    expires = board.today + timedelta(days=days)
    sides = ((ambassador.id, ambassador.email, ambassador.full_name, "ambassadeur"),
             (REQUESTER, case.request.email, case.request.contact_name, "demandeur"))
    return [_email(board, f"demande_retour:{case.id}:{audience}", "demande_retour", address, case.id,
                   {**_base(board, case, name), "audience": audience,
                    "token": sign(Claims(case.id, person_id, FEEDBACK, expires), secret)})
            for person_id, address, name, audience in sides]


def suspended(board: Board, ambassador: Ambassador, no_shows: int) -> Email:
    """Staff alerted: an ambassador missed too many interventions and gets no more proposals for now."""
    context = {"name": "l'équipe", "staff_email": board.parameters.staff_email, "ambassador_id": ambassador.id,
               "ambassador_name": ambassador.full_name, "ambassador_email": ambassador.email, "no_shows": no_shows}
    return _email(board, f"suspension:{ambassador.id}:{no_shows}", "suspension", board.parameters.staff_email,
                  ambassador.id, context)


def unknown_address(board: Board, address: str, line: int) -> Email:
    """A polite answer to an update from an address the network does not know: nothing was changed."""
    context = {"name": "", "staff_email": board.parameters.staff_email, "address": address}
    # The key ends up in the journal: a digest, not the address of someone the network does not know.
    digest = hashlib.sha256(address.casefold().encode()).hexdigest()[:12]
    return _email(board, f"mise_a_jour_inconnue:{digest}:{line}", "mise_a_jour_inconnue", address, "—", context)


def record_updated(board: Board, record: Row, template: str, changes: list[tuple[str, str]], request: Row) -> Email:
    """The ambassador's update confirmed, with what changed (or their departure, with thanks)."""
    name = f"{record['Prénom']} {record['Nom']}".strip()
    context = {"name": name, "staff_email": board.parameters.staff_email, "changes": changes}
    key = f"{template}:{record['ID']}:{locator(request, UPDATES)}"
    return _email(board, key, template, contact(record), record["ID"], context)
