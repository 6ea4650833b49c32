"""Charter revisions (charter §5: revised every year): every ambassador accepts the new version before new proposals."""

import re
from datetime import datetime, timedelta

from orientest.board import Board
from orientest.plan import JournalEntry
from orientest.tokens import CHARTER, Claims

REMINDER_AFTER = timedelta(days=14)
VALID_FOR = timedelta(days=90)


def record_id(version: str) -> str:
    """`CHARTE-2027`: what a charter token is about (dots would break the token's fields)."""
    return "CHARTE-" + re.sub(r"[^A-Za-z0-9-]+", "-", version.strip())


def accept(board: Board, claims: Claims) -> str:
    """The ambassador accepted the charter through their signed link: their record says which version."""
    version = board.parameters.charter_version
    if claims.record_id != record_id(version):
        return f"cette version de la charte n'est plus en vigueur (version actuelle : {version})"
    if board.member(claims.person_id) is None:
        return f"ambassadeur {claims.person_id} inconnu"
    board.set_ambassador(claims.person_id, {"Charte acceptée (version)": version})
    board.journal(JournalEntry(board.now, board.flow, claims.person_id, "charte acceptée", detail=f"version {version}"))
    return ""


def claims_for(ambassador_id: str, version: str, now: datetime) -> Claims:
    return Claims(record_id(version), ambassador_id, CHARTER, (now + VALID_FOR).date())
