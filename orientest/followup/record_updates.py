"""`Mises à jour` rows: an ambassador changes their record, takes a break, or leaves the network."""

from collections.abc import Collection

from orientest.ambassadors.edits import edit, requested_changes
from orientest.ambassadors.reading import read_ambassador
from orientest.board import Board, Roster
from orientest.context.referential import Referential
from orientest.core.french import format_date
from orientest.core.invitations import Invitation
from orientest.core.journal import RecordEdited
from orientest.core.plan import RowUpdate
from orientest.core.record_rows import RecordRow, record_rows
from orientest.core.schema import Snapshot
from orientest.followup import emails
from orientest.forms import options
from orientest.forms.fields import FieldReader, contact
from orientest.forms.questions import UPDATE_FORM
from orientest.matching import back_to_search_if_idle, hand_over
from orientest.statuses import ambassadors as ambassador_life
from orientest.statuses import proposals as proposal_life
from orientest.statuses import requests as request_life
from orientest.statuses.ambassadors import AmbassadorStatus
from orientest.submissions.updates import RecordUpdate, read_updates

SUBJECT = options.UPDATE_SUBJECT
PAUSE, LEAVE = "Pause", "Quitter le réseau"


def apply_record_updates(board: Board, snapshot: Snapshot, referential: Referential, roster: Roster) -> list[RowUpdate]:
    by_email = {
        record.email.strip().casefold(): record
        for record in record_rows(snapshot["Ambassadeurs"])
        if record.id and roster.current.get(record.id) != AmbassadorStatus.RETIRED
    }
    updates, columns = [], snapshot["Ambassadeurs"].columns
    for update in read_updates(snapshot["Mises à jour"]):
        if not update.source.to_process:
            continue
        with board.tracing() as touched:
            problem, record_updates = _one(board, update, by_email, referential, roster, columns)
        touched |= {written.key.id for written in record_updates}
        updates += record_updates
        updates.append(update.source.processed_at(board.now, problem, frozenset(touched)))
    return updates


def _one(
    board: Board,
    update: RecordUpdate,
    by_email: dict[str, RecordRow],
    referential: Referential,
    roster: Roster,
    columns: Collection[str],
) -> tuple[str, list[RowUpdate]]:
    address = contact(update.row)
    record = by_email.get(address.casefold()) if address else None
    if record is None:
        if address:
            board.email(emails.unknown_address(board, address, update.source.line))
        return "adresse inconnue du réseau : aucune fiche n'a été modifiée", []
    subjects = SUBJECT.many(update.subjects).chosen
    if LEAVE in subjects:
        events = _leave(board, record.id, roster)
        board.email(emails.record_updated(board, record, "depart_confirme", [], update.source, invitations=events))
        return "", []
    if PAUSE in subjects:
        return _pause(board, update, record, roster)
    return _change(board, update, record, referential, columns)


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


def _pause(board: Board, update: RecordUpdate, record: RecordRow, roster: Roster) -> tuple[str, list[RowUpdate]]:
    read = FieldReader(update.row, UPDATE_FORM)
    until = read.date("Pause jusqu'au", required=True, not_before=board.today)
    if until is None:
        return str(read.anomalies[0]), []
    status = roster.current.get(record.id, "")
    if not ambassador_life.PAUSE.allows(status):
        return f"la fiche est « {status} » : seule une fiche « Actif » peut être mise en pause", []
    roster.move(board, record.id, ambassador_life.PAUSE, until=until)
    paused = [("Pause", f"jusqu'au {format_date(until)} inclus")]
    board.email(emails.record_updated(board, record, "mise_a_jour_confirmee", paused, update.source))
    return "", []


def _change(
    board: Board, update: RecordUpdate, record: RecordRow, referential: Referential, columns: Collection[str]
) -> tuple[str, list[RowUpdate]]:
    """« Champ : nouvelle valeur » lines applied to the record, checked as a signup would be; old values journalled."""
    changes = requested_changes(update.changes)
    if not changes:
        return (
            "écrivez une ligne « Champ : nouvelle valeur » par changement (ex. « Téléphone : 06 12 34 56 78 ») ; "
            "l'équipe a été prévenue"
        ), []
    absent = [title for title in changes if title not in columns]
    if absent:  # an older workbook: its sign-up sheet was made before the question existed
        names = ", ".join(f"« {title} »" for title in absent)
        return (
            f"l'onglet « Ambassadeurs » n'a pas de colonne {names} : ajoutez-la (orientest formulaires) puis "
            "effacez « Traitée » ; rien n'a été modifié"
        ), []
    edited = edit(record, changes)
    ambassador, anomalies = read_ambassador(edited.record.row, referential)
    if ambassador is None:
        return "; ".join(str(a) for a in anomalies) + " : rien n'a été modifié", []
    board.journal(RecordEdited(ambassador.id, edited.before))
    board.email(
        emails.record_updated(board, edited.record, "mise_a_jour_confirmee", list(edited.changes), update.source)
    )
    return "", [edited.written(board.now)]
