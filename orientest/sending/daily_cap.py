"""The day's e-mail cap: past it, a record's e-mails wait for the next day together with every change to it.

Holding back only the e-mail would lose it: the record's new status would be written and no later run would plan
that e-mail again. Held back with its changes, the record stays as it was and the next run decides the same again.
"""

from datetime import date

from orientest.core.journal import sent_on
from orientest.core.parameters import read_parameters
from orientest.core.plan import Plan
from orientest.core.schema import Snapshot


def within_daily_cap(plan: Plan, snapshot: Snapshot, today: date) -> tuple[Plan, set[str]]:
    """The plan cut to what the day's remaining e-mails allow, and the records held back for the next run."""
    cap = read_parameters(snapshot.get("Paramètres"))[0].daily_email_cap
    budget = max(cap - sent_on(snapshot.get("Journal"), today), 0)
    if len(plan.emails) <= budget:
        return plan, set()
    by_record: dict[str, int] = {}
    for email in plan.emails:
        by_record[email.record_id] = by_record.get(email.record_id, 0) + 1
    kept: set[str] = set()
    for record, count in by_record.items():  # in the plan's order: the oldest decisions go first
        if count > budget:
            break
        kept.add(record)
        budget -= count
    held = set(by_record) - kept
    return plan.without(held), held
