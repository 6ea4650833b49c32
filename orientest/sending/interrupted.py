"""E-mails of an interrupted run, settled from the hand-over log before anything is sent again.

Each message is logged as started before the mailer gets it, then delivered or failed. After a crash, the next run
plans the same e-mails again; those already delivered are journalled as sent and not sent again, and one whose
hand-over was cut mid-way (started, never closed) may or may not have left: it is journalled « à vérifier » and shown
to staff on the record, never sent again silently.
"""

from collections.abc import Mapping
from datetime import datetime

from orientest.core import journal
from orientest.core.plan import Plan
from orientest.core.schema import Snapshot
from orientest.ports import DELIVERED, STARTED
from orientest.sending.delivery import MAYBE_RECEIVED, note_anomalies


def reconcile(plan: Plan, handed: Mapping[str, str], snapshot: Snapshot, now: datetime) -> Plan:
    """The plan without the e-mails an interrupted run already handed over, with their journal lines."""
    pending, notes = [], {}
    for email in plan.emails:
        state = handed.get(email.key)
        if state == DELIVERED:
            plan.sendings.append(
                journal.email_entry(email, plan.flow, now, journal.SENT, "remis avant une interruption du passage")
            )
        elif state == STARTED:
            plan.sendings.append(
                journal.email_entry(
                    email,
                    plan.flow,
                    now,
                    journal.TO_CHECK,
                    "envoi interrompu : peut-être reçu, jamais renvoyé d'office",
                )
            )
            notes[email.key] = f"E-mail « {email.template} » à {', '.join(email.to)} : {MAYBE_RECEIVED}"
        else:
            pending.append(email)
    interrupted = [email for email in plan.emails if email.key in notes]
    plan.emails[:] = pending
    note_anomalies(plan, interrupted, notes, snapshot)
    return plan
