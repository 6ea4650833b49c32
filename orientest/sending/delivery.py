"""What a run still writes once the mailer has answered.

An e-mail that could not leave *for now* (server away, 4xx to the end, login refused) holds its record back: nothing
about it is written, so the next run takes the same decision and sends again; an e-mail already sent is not sent twice
(its key is in the Journal). An e-mail refused for good (5xx, unknown address) cannot be fixed by waiting: the record
moves on and its `Anomalies` tell staff whom it did not reach — unless it is the only way someone's words reach a
person (`Email.must_reach`: a reply passed on to staff): then it is held too, and the run says what to fix. An
e-mail the server may have taken (the connection
was lost once the whole message had gone) is never sent again by itself: the record moves on and staff are asked to
check with the person, as after a crash mid-way (`interrupted`).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from orientest.core.cells import with_lines
from orientest.core.plan import Email, Plan
from orientest.core.record_rows import RecordRow, noted_in_plan, record_rows
from orientest.core.schema import Snapshot
from orientest.core.text import fold

TAB_OF_PREFIX = {"DEM-": "Demandes", "AMB-": "Ambassadeurs"}
MAYBE_RECEIVED = "envoi interrompu par une panne, peut-être non reçu ; vérifiez auprès de la personne."


@dataclass(frozen=True)
class Failure:
    key: str
    error: str
    permanent: bool
    uncertain: bool = False  # the message may have been delivered: neither held nor sent again


def settle(plan: Plan, failures: Iterable[Failure], snapshot: Snapshot) -> tuple[Plan, set[str]]:
    """The plan to write after sending, and the records held back for the next run."""
    failed = {failure.key: failure for failure in failures}
    held = {
        email.record_id
        for email in plan.emails
        if email.key in failed
        and not failed[email.key].uncertain
        and (email.must_reach or not failed[email.key].permanent)
    }
    settled = plan.without(held)
    noted = [email for email in settled.emails if email.key in failed]
    notes = {email.key: _note_for(email, failed[email.key]) for email in noted}
    note_anomalies(settled, noted, notes, snapshot)
    return settled, plan.holding(held)


def _note_for(email: Email, failure: Failure) -> str:
    if failure.uncertain:
        return f"E-mail « {email.template} » à {', '.join(email.to)} : {MAYBE_RECEIVED}"
    return f"E-mail « {email.template} » non remis à {', '.join(email.to)} ({failure.error}) : vérifiez l'adresse."


def note_anomalies(plan: Plan, emails: list[Email], notes: Mapping[str, str], snapshot: Snapshot) -> None:
    """Each e-mail's note added to the `Anomalies` of the record of the person it was for."""
    by_record: dict[tuple[str, str], list[str]] = {}
    for email in emails:
        record = _record_reached(email, plan, snapshot)
        if record:
            by_record.setdefault(record, []).append(notes[email.key])
    for (tab, record_id), lines in by_record.items():
        _note(plan, snapshot, tab, record_id, lines)


def _record_reached(email: Email, plan: Plan, snapshot: Snapshot) -> tuple[str, str] | None:
    """The record of the person the e-mail was for: the record it is about, or the ambassador with that address."""
    addresses = {fold(address) for address in email.to}
    own_tab = TAB_OF_PREFIX.get(email.record_id[:4])
    if own_tab:
        record = _record(snapshot, own_tab, email.record_id)
        is_new = record is None and any(update.values.get("ID") == email.record_id for update in plan.updates)
        if is_new or (record is not None and fold(record.email) in addresses):
            return own_tab, email.record_id
    for record in record_rows(snapshot.get("Ambassadeurs")):
        if record.id and fold(record.email) in addresses:
            return "Ambassadeurs", record.id
    return None


def _note(plan: Plan, snapshot: Snapshot, tab: str, record_id: str, lines: list[str]) -> None:
    """Add `lines` to the record's `Anomalies`, over what this run already writes there, if it does."""
    if not noted_in_plan(plan, tab, record_id, lines):
        record = _record(snapshot, tab, record_id)
        if record is not None:
            plan.updates.append(record.update(anomalies=with_lines(record.anomalies, lines)))


def _record(snapshot: Snapshot, tab: str, record_id: str) -> RecordRow | None:
    return next((record for record in record_rows(snapshot.get(tab)) if record.id == record_id), None)
