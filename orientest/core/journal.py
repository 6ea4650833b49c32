"""The `Journal` tab: what was sent and changed, and what must never be sent twice."""

from orientest.french import format_datetime
from orientest.plan import Email, JournalEntry, Plan
from orientest.schema import Table

PLANNED = "prévu"
SENT = "envoyé"
FAILED = "échec"
TO_CHECK = "à vérifier"  # a hand-over cut mid-way: maybe delivered, never sent again without staff


def as_row(entry: JournalEntry) -> dict[str, str]:
    return {
        "Date": format_datetime(entry.at),
        "Flux": entry.flow,
        "Référence": entry.record_id,
        "Action": entry.action,
        "Destinataire": entry.recipient,
        "Clé d'idempotence": entry.key,
        "Résultat": entry.result,
        "Détail": entry.detail,
    }


def email_entry(email: Email, flow: str, at, result: str, detail: str = "") -> JournalEntry:
    return JournalEntry(
        at=at, flow=flow, record_id=email.record_id, action=f"e-mail : {email.template}",
        recipient=", ".join(email.to), key=email.key, result=result, detail=detail,
    )


def keys_with_result(journal: Table, result: str) -> set[str]:
    return {row["Clé d'idempotence"] for row in journal.rows if row["Résultat"] == result and row["Clé d'idempotence"]}


def drop_sent(plan: Plan, journal: Table) -> Plan:
    """Every decision plans its e-mails afresh; those whose key the journal shows as sent go no further."""
    sent = sent_keys(journal)
    plan.emails[:] = [email for email in plan.emails if email.key not in sent]
    return plan


def sent_keys(journal: Table) -> set[str]:
    """Keys of e-mails handed to the mailer (or maybe, for staff to check): planning them again sends nothing."""
    return keys_with_result(journal, SENT) | keys_with_result(journal, TO_CHECK)
