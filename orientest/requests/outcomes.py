"""What `Retours` says of each intervention: feedback already accepted, and the ambassadors who did not come."""

from collections import Counter

from orientest.core.schema import Row, Table
from orientest.forms import options

AMBASSADOR_ROLE, REQUESTER_ROLE = "Ambassadeur", "Demandeur"
HELD = options.FEEDBACK_HELD
ABSENT_AMBASSADOR, CALLED_OFF = "Non, ambassadeur absent", "Non, annulée"


def accepted_rows(table: Table | None) -> list[Row]:
    """Feedback already processed without anomaly: the record of what happened."""
    return [
        row
        for row in (table.rows if table else ())
        if row["Traitée"].strip() and not row["Anomalies"].strip() and row["Demande"].strip()
    ]


def absent_ambassador(role: str, held: str, ambassadors: tuple[str, ...]) -> str:
    """Who a feedback says did not come, or "": only the requester's word counts (an ambassador does not report their
    own absence), and only for an intervention of one ambassador (« absent » does not say which of several)."""
    return ambassadors[0] if role == REQUESTER_ROLE and held == ABSENT_AMBASSADOR and len(ambassadors) == 1 else ""


def no_shows(table: Table | None, ambassadors_of: dict[str, tuple[str, ...]]) -> Counter:
    """Interventions each ambassador missed, as requesters reported them."""
    return Counter(
        absent
        for row in accepted_rows(table)
        if (
            absent := absent_ambassador(
                row["Rôle"].strip(),
                HELD.one(row["L'intervention a eu lieu"]) or "",
                ambassadors_of.get(row["Demande"].strip(), ()),
            )
        )
    )
