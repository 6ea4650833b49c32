"""`Mises à jour` rows: an ambassador changes their record, takes a break, or leaves the network."""

import re

from orientest.ambassadors.reading import read_ambassador
from orientest.board import Board, Roster
from orientest.context.referential import Referential
from orientest.core.fingerprint import content_fingerprint, locator
from orientest.core.french import format_date, format_datetime
from orientest.core.invitations import Invitation
from orientest.core.journal import RecordEdited
from orientest.core.plan import RowKey, RowUpdate
from orientest.core.schema import AMBASSADORS, UPDATES, Owner, Row, Snapshot, header_key
from orientest.followup import emails
from orientest.forms import options
from orientest.forms.fields import FieldReader
from orientest.forms.questions import UPDATE_FORM
from orientest.matching import back_to_search_if_idle, hand_over
from orientest.statuses import ambassadors as ambassador_life
from orientest.statuses import proposals as proposal_life
from orientest.statuses import requests as request_life
from orientest.statuses.ambassadors import AmbassadorStatus

SUBJECT = options.UPDATE_SUBJECT
PAUSE, LEAVE = "Pause", "Quitter le réseau"
_CHANGE = re.compile(r"^\s*([^:\n]{2,60}?)\s*:\s*(.*?)\s*$")


def apply_record_updates(board: Board, snapshot: Snapshot, referential: Referential, roster: Roster) -> list[RowUpdate]:
    by_email = {
        row["Adresse e-mail"].strip().casefold(): row
        for row in snapshot["Ambassadeurs"].rows
        if row["ID"].strip() and roster.current.get(row["ID"].strip()) != AmbassadorStatus.RETIRED
    }
    updates = []
    for row in snapshot["Mises à jour"].rows:
        if row["Traitée"].strip() or row.is_blank(UPDATES.titles(Owner.FORM)):
            continue
        with board.tracing() as touched:
            problem, record_updates = _one(board, row, by_email, referential, roster)
        touched |= {update.key.id for update in record_updates}
        updates += record_updates
        updates.append(
            RowUpdate(
                "Mises à jour",
                RowKey(locator=locator(row, UPDATES)),
                {"Traitée": format_datetime(board.now), "Anomalies": problem},
                concerns=frozenset(touched),
            )
        )
    return updates


def _one(
    board: Board, row: Row, by_email: dict[str, Row], referential: Referential, roster: Roster
) -> tuple[str, list[RowUpdate]]:
    address = FieldReader(row).email("Adresse e-mail")
    record = by_email.get(address.casefold()) if address else None
    if record is None:
        if address:
            board.email(emails.unknown_address(board, address, row.line))
        return "adresse inconnue du réseau : aucune fiche n'a été modifiée", []
    subjects = SUBJECT.many(row["Objet"]).chosen
    ambassador_id = record["ID"].strip()
    if LEAVE in subjects:
        events = _leave(board, ambassador_id, roster)
        board.email(emails.record_updated(board, record, "depart_confirme", [], row, invitations=events))
        return "", []
    if PAUSE in subjects:
        return _pause(board, row, record, roster)
    return _change(board, row, record, referential)


def _leave(board: Board, ambassador_id: str, roster: Roster) -> tuple[Invitation, ...]:
    """Retired: open proposals go to others, confirmed interventions still ahead are handed over; their events, now
    cancelled, ride on the one e-mail confirming the departure."""
    roster.move(board, ambassador_id, ambassador_life.LEAVE, "a quitté le réseau")
    for offer in [p for p in board.ledger.proposals.values() if p.ambassador_id == ambassador_id and p.is_open]:
        board.move_proposal(offer, proposal_life.WITHDRAW, "l'ambassadeur a quitté le réseau")
        back_to_search_if_idle(board, offer.request_id)
    handed = [
        hand_over(board, case, ambassador_id, tell_them=False)
        for case in board.cases.values()
        if case.status in request_life.COMING and ambassador_id in case.ambassadors
    ]
    return tuple(event for event in handed if event is not None)


def _pause(board: Board, row: Row, record: Row, roster: Roster) -> tuple[str, list[RowUpdate]]:
    read = FieldReader(row, UPDATE_FORM)
    until = read.date("Pause jusqu'au", required=True, not_before=board.today)
    if until is None:
        return str(read.anomalies[0]), []
    status = roster.current.get(record["ID"].strip(), "")
    if not ambassador_life.PAUSE.allows(status):
        return f"la fiche est « {status} » : seule une fiche « Actif » peut être mise en pause", []
    roster.move(board, record["ID"].strip(), ambassador_life.PAUSE, until=until)
    board.email(
        emails.record_updated(
            board, record, "mise_a_jour_confirmee", [("Pause", f"jusqu'au {format_date(until)} inclus")], row
        )
    )
    return "", []


def _change(board: Board, row: Row, record: Row, referential: Referential) -> tuple[str, list[RowUpdate]]:
    """« Champ : nouvelle valeur » lines applied to the record, checked as a signup would be; old values journalled."""
    changes = _requested_changes(row["Nouvelles informations"])
    if not changes:
        return (
            "écrivez une ligne « Champ : nouvelle valeur » par changement (ex. « Téléphone : 06 12 34 56 78 ») ; "
            "l'équipe a été prévenue"
        ), []
    updated = record.with_values(changes)
    ambassador, anomalies = read_ambassador(updated, referential)
    if ambassador is None:
        return "; ".join(str(a) for a in anomalies) + " : rien n'a été modifié", []
    before = "; ".join(f"{title} : {record[title]} → {value}" for title, value in changes.items())
    board.journal(RecordEdited(ambassador.id, before))
    board.email(emails.record_updated(board, updated, "mise_a_jour_confirmee", list(changes.items()), row))
    values = {
        **changes,
        "Empreinte": content_fingerprint(updated, AMBASSADORS),
        "Mis à jour le": format_datetime(board.now),
    }
    return "", [RowUpdate("Ambassadeurs", RowKey(id=ambassador.id), values, edits_answers=True)]


def _requested_changes(text: str) -> dict[str, str]:
    """`Téléphone : 07 …` lines whose field is a question of the signup form (never the charter or consent)."""
    titles = {
        header_key(alias): column.title
        for column in AMBASSADORS.columns
        if column.owner is Owner.FORM and column.title not in ("Horodatage", "Adresse e-mail", "Charte", "Consentement")
        for alias in (column.title, *column.aliases)
    }
    changes = {}
    for line in text.splitlines():
        match = _CHANGE.match(line)
        if match and header_key(match[1]) in titles:
            changes[titles[header_key(match[1])]] = match[2]
    return changes
