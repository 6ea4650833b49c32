"""What `Retours` says of each intervention: feedback already accepted, and the ambassadors who did not come."""

from collections import Counter

from orientest.core import options
from orientest.core.schema import Row, Table

AMBASSADOR_ROLE, REQUESTER_ROLE = "Ambassadeur", "Demandeur"
HELD = options.FEEDBACK_HELD
ABSENT_AMBASSADOR, CALLED_OFF = "Non, ambassadeur absent", "Non, annulée"


def accepted_rows(table: Table | None) -> list[Row]:
    """Feedback already processed without anomaly: the record of what happened."""
    return [row for row in (table.rows if table else ()) if row["Traitée"].strip() and not row["Anomalies"].strip()
            and row["Demande"].strip()]


def reports_absence(role: str, held: str) -> bool:
    """Only the requester's word counts for a no-show: an ambassador does not report their own absence."""
    return role == REQUESTER_ROLE and held == ABSENT_AMBASSADOR


def no_shows(table: Table | None, ambassadors_of: dict[str, tuple[str, ...]]) -> Counter:
    """Interventions each ambassador missed, as requesters reported them (for a single ambassador only: « absent »
    does not say which of several)."""
    return Counter(ambassadors[0] for row in accepted_rows(table)
                   if len(ambassadors := ambassadors_of.get(row["Demande"].strip(), ())) == 1
                   and reports_absence(row["Rôle"].strip(), HELD.one(row["L'intervention a eu lieu"]) or ""))
