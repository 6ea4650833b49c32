"""What `Retours` says of each intervention: feedback already accepted, and the ambassadors who did not come."""

from orientest.forms import options

AMBASSADOR_ROLE, REQUESTER_ROLE = "Ambassadeur", "Demandeur"
HELD = options.FEEDBACK_HELD
TOOK_PLACE, ABSENT_AMBASSADOR, CALLED_OFF = "Oui", "Non, ambassadeur absent", "Non, annulée"


def absent_ambassador(role: str, held: str, ambassadors: tuple[str, ...]) -> str:
    """Who a feedback says did not come, or "": only the requester's word counts (an ambassador does not report their
    own absence), and only for an intervention of one ambassador (« absent » does not say which of several)."""
    return ambassadors[0] if role == REQUESTER_ROLE and held == ABSENT_AMBASSADOR and len(ambassadors) == 1 else ""
