"""Housekeeping, daily: charter revisions to accept, personal data kept no longer than needed, and `Envois` kept to
one line per hand-over."""

from datetime import datetime, timedelta

from orientest.ambassadors import charter
from orientest.ambassadors.reading import full_name_of
from orientest.context import Context
from orientest.core import journal
from orientest.core.email_factory import email, key
from orientest.core.journal import DataAnonymised
from orientest.core.parameters import Parameters, read_parameters
from orientest.core.plan import Email, Plan, RowUpdate
from orientest.core.record_rows import RecordRow, names_forgotten, record_row, record_rows
from orientest.core.schema import Snapshot, Table
from orientest.core.tokens import sign
from orientest.forms.fields import contact
from orientest.housekeeping.attestations import attestations
from orientest.privacy import anonymised, changes, due_for_retention, gone_before, related, sent_before
from orientest.statuses import requests as request_life
from orientest.statuses.ambassadors import AmbassadorStatus

FLOW = "housekeeping"
TABS = ("Ambassadeurs", "Demandes", "Mises à jour", "Réponses", "Retours", "Paramètres", "Journal", "Envois")


def decide(snapshot: Snapshot, context: Context) -> Plan:
    parameters, _ = read_parameters(snapshot.get("Paramètres"))
    plan = Plan(FLOW)
    plan.emails += charter_requests(snapshot, context, parameters)
    attestations(snapshot, context, parameters, journal.sent_keys(snapshot), plan)
    retain(snapshot, context.now, parameters, plan)
    plan.removals += journal.settled_plans(snapshot.get("Envois"))
    return journal.drop_sent(plan, snapshot)


def charter_requests(snapshot: Snapshot, context: Context, parameters: Parameters) -> list[Email]:
    """Every active ambassador who has not accepted the current version is asked, and reminded once after 14 days."""
    version = parameters.charter_version
    sent_at = journal.sent_times(snapshot)
    emails = []
    for record in record_rows(snapshot["Ambassadeurs"]):
        if record.status != AmbassadorStatus.ACTIVE or record.charter_version == version:
            continue
        asked_at = sent_at.get(key("nouvelle_charte", charter.record_id(version), record.id))
        if asked_at is None:
            emails.append(_charter_email(record, "nouvelle_charte", context, parameters))
        elif context.now - asked_at >= charter.REMINDER_AFTER:
            emails.append(_charter_email(record, "nouvelle_charte_relance", context, parameters))
    return [message for message in emails if message.to[0]]


def _charter_email(record: RecordRow, template: str, context: Context, parameters: Parameters) -> Email:
    ambassador_id, version = record.id, parameters.charter_version
    token = sign(charter.claims_for(ambassador_id, version, context.now), context.secret)
    return email(
        parameters,
        template,
        contact(record.row),
        ambassador_id,
        {
            "name": full_name_of(record.row),
            "staff_email": parameters.staff_email,
            "version": version,
            "token": token,
            "charter_url": parameters.charter_url,
            "changes": parameters.charter_changes,
        },
        charter.record_id(version),
        ambassador_id,
    )


def retain(snapshot: Snapshot, now: datetime, parameters: Parameters, plan: Plan) -> None:
    """CNIL guidance: contact data of people gone from the network, and of past requesters, anonymised after
    the period in `Paramètres` from the last contact; what the indicators need stays."""
    before = now - timedelta(days=365 * parameters.retention_years)
    people = due_for_retention(snapshot["Ambassadeurs"].rows, {AmbassadorStatus.RETIRED}, before)
    requests = due_for_retention(snapshot["Demandes"].rows, request_life.FINISHED, before)
    for tab, rows in related(snapshot, {"Ambassadeurs": people, "Demandes": requests}).items():
        plan.updates += [u for u in (anonymised(snapshot[tab], row) for row in rows) if u.values]
    gone = {record_row(row, snapshot["Ambassadeurs"].tab).id for row in people} - {""}
    plan.updates += names_forgotten(snapshot, gone)  # their names beside the requests they came to
    if people or requests:
        detail = (
            f"{len(people)} ambassadeur(s) et {len(requests)} demande(s) anonymisé(s) "
            f"({parameters.retention_years} ans après le dernier contact)"
        )
        plan.journal.append(DataAnonymised(detail, retention=True).entry(now, FLOW))


def retain_in_archive(archive: Snapshot, ambassadors: Table, now: datetime, parameters: Parameters) -> list[RowUpdate]:
    """An archive's share of retention: its requests past the period, what it holds on ambassadors gone from the
    network that long (anonymised in the live workbook already, perhaps), and the updates sent before then."""
    before = now - timedelta(days=365 * parameters.retention_years)
    people = gone_before(ambassadors.rows, {AmbassadorStatus.RETIRED}, before)
    requests = due_for_retention(archive["Demandes"].rows, request_life.FINISHED, before)
    snapshot = {**archive, "Ambassadeurs": ambassadors}
    found = related(snapshot, {"Ambassadeurs": people, "Demandes": requests})
    found["Mises à jour"] = sent_before(archive["Mises à jour"].rows, before)
    updates = [
        update
        for tab, rows in found.items()
        if tab != "Ambassadeurs"
        for row in rows
        if (update := anonymised(snapshot[tab], row)).values and changes(update, row)
    ]
    gone = {record_row(row, ambassadors.tab).id for row in people} - {""}
    named = {record_row(row, archive["Demandes"].tab).id: row for row in archive["Demandes"].rows}
    return updates + [update for update in names_forgotten(snapshot, gone) if changes(update, named[update.key.id])]
