"""Housekeeping, daily: charter revisions to accept, and personal data kept no longer than needed."""

from datetime import datetime, timedelta

from orientest import charter, journal
from orientest.context import Context
from orientest.fields import FieldReader
from orientest.french import parse_datetime
from orientest.parameters import Parameters, read_parameters
from orientest.plan import Email, JournalEntry, Plan
from orientest.privacy import anonymised, due_for_retention, related
from orientest.schema import Row, Snapshot
from orientest.tokens import sign
from orientest.vocabulary import AmbassadorStatus, RequestStatus

FLOW = "housekeeping"
TABS = ("Ambassadeurs", "Demandes", "Mises à jour", "Réponses", "Retours", "Paramètres", "Journal")
FINISHED = {RequestStatus.CLOSED, RequestStatus.CANCELLED, RequestStatus.NO_SOLUTION, RequestStatus.DUPLICATE,
            RequestStatus.INCOMPLETE, RequestStatus.DONE}


def decide(snapshot: Snapshot, context: Context) -> Plan:
    parameters, _ = read_parameters(snapshot.get("Paramètres"))
    plan = Plan(FLOW)
    plan.emails += charter_requests(snapshot, context, parameters)
    retain(snapshot, context.now, parameters, plan)
    return journal.drop_sent(plan, snapshot["Journal"])


def charter_requests(snapshot: Snapshot, context: Context, parameters: Parameters) -> list[Email]:
    """Every active ambassador who has not accepted the current version is asked, and reminded once after 14 days."""
    version = parameters.charter_version
    sent_at = _sent_at(snapshot)
    emails = []
    for row in snapshot["Ambassadeurs"].rows:
        ambassador_id = row["ID"].strip()
        if row["Statut"].strip() != AmbassadorStatus.ACTIVE or row["Charte acceptée (version)"].strip() == version:
            continue
        first = f"nouvelle_charte:{charter.record_id(version)}:{ambassador_id}"
        asked_at = sent_at.get(first)
        if asked_at is None:
            emails.append(_charter_email(row, first, "nouvelle_charte", context, parameters))
        elif context.now - asked_at >= charter.REMINDER_AFTER:
            emails.append(_charter_email(row, f"nouvelle_charte_relance:{charter.record_id(version)}:{ambassador_id}",
                                         "nouvelle_charte_relance", context, parameters))
    return [email for email in emails if email.to[0]]


def _charter_email(row: Row, key: str, template: str, context: Context, parameters: Parameters) -> Email:
    ambassador_id = row["ID"].strip()
    token = sign(charter.claims_for(ambassador_id, parameters.charter_version, context.now), context.secret)
    return Email(key, template, (FieldReader(row).email("Adresse e-mail"),), ambassador_id,
                 {"name": f"{row['Prénom']} {row['Nom']}".strip(), "staff_email": parameters.staff_email,
                  "version": parameters.charter_version, "token": token},
                 parameters.staff_email, parameters.sender_name)


def _sent_at(snapshot: Snapshot) -> dict[str, datetime]:
    sent = {}
    for row in snapshot["Journal"].rows:
        at = parse_datetime(row["Date"])
        if row["Résultat"] == journal.SENT and at and row["Clé d'idempotence"] not in sent:
            sent[row["Clé d'idempotence"]] = at
    return sent


def retain(snapshot: Snapshot, now: datetime, parameters: Parameters, plan: Plan) -> None:
    """CNIL guidance: contact data of people gone from the network, and of past requesters, anonymised after
    the period in `Paramètres` from the last contact; what the indicators need stays."""
    before = now - timedelta(days=365 * parameters.retention_years)
    people = due_for_retention(snapshot["Ambassadeurs"].rows, {AmbassadorStatus.RETIRED}, before)
    requests = due_for_retention(snapshot["Demandes"].rows, FINISHED, before)
    for tab, rows in related(snapshot, {"Ambassadeurs": people, "Demandes": requests}).items():
        plan.updates += [u for u in (anonymised(snapshot[tab], row) for row in rows) if u.values]
    if people or requests:
        detail = (f"{len(people)} ambassadeur(s) et {len(requests)} demande(s) anonymisé(s) "
                  f"({parameters.retention_years} ans après le dernier contact)")
        plan.journal.append(JournalEntry(now, FLOW, "RGPD", "durée de conservation atteinte", detail=detail))
