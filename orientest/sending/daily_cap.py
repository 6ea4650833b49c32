"""The day's e-mail cap: past it, a record's e-mails wait for the next day together with every change to it.

Holding back only the e-mail would lose it: the record's new status would be written and no later run would plan
that e-mail again. Held back with its changes, the record stays as it was and the next run decides the same again.

What answers need goes first: the consequences of an answer (confirmations, cancellations, a reply for staff to
read), then proposals; the rest (acknowledgements, reminders, notices to staff) never takes the last tenth of the
day's cap, kept for them. All flows share the cap: a flood of mail to the reply address cannot hold a confirmation.
"""

from datetime import date

from orientest.core.journal import sent_on
from orientest.core.parameters import read_parameters
from orientest.core.plan import Email, Plan
from orientest.core.schema import Snapshot

ANSWERED = frozenset(
    {
        "confirmation_ambassadeur",
        "confirmation_demandeur",
        "deja_pourvue",
        "annulation",
        "desistement",
        "desistement_enregistre",
        "nouvelle_date",
        "autre_date",
        "reponse_a_lire",
        "reponse_transmise",
    }
)  # what an answer someone gave leads to
PROPOSALS = frozenset({"proposition", "proposition_relance", "pistes", "pistes_relance"})
RESERVED_SHARE = 10  # the last 1/10 of the cap is for the two above


def priority(email: Email) -> int:
    """0: what an answer leads to; 1: a proposal, or pistes; 2: everything else."""
    return 0 if email.template in ANSWERED else 1 if email.template in PROPOSALS else 2


def within_daily_cap(plan: Plan, snapshot: Snapshot, today: date) -> tuple[Plan, set[str]]:
    """The plan cut to what the day's remaining e-mails allow, and the records held back for the next run."""
    cap = read_parameters(snapshot.get("Paramètres"))[0].daily_email_cap
    budget = max(cap - sent_on(snapshot, today), 0)
    reserve = cap // RESERVED_SHARE
    counts: dict[str, int] = {}
    urgency: dict[str, int] = {}
    for email in plan.emails:
        counts[email.record_id] = counts.get(email.record_id, 0) + 1
        urgency[email.record_id] = min(urgency.get(email.record_id, 2), priority(email))
    kept: set[str] = set()
    # Most urgent first, then in the plan's order: the oldest decisions go first.
    for record in sorted(counts, key=urgency.__getitem__):
        if counts[record] > (budget if urgency[record] < 2 else budget - reserve):
            break
        kept.add(record)
        budget -= counts[record]
    held = set(counts) - kept
    if not held:
        return plan, set()
    return plan.without(held), plan.holding(held)
