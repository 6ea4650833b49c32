"""Signed tokens carried by e-mail links: nobody can answer, cancel or give feedback for someone else."""

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import date

ANSWER = "reponse"  # answer to a proposal
CANCEL = "annulation"  # a confirmed intervention called off from the confirmation e-mail
FEEDBACK = "retour"
CHARTER = "charte"
REQUESTER = "DEMANDEUR"  # the person ID in a requester's tokens: the request has a single contact


@dataclass(frozen=True)
class Claims:
    """What a token binds together: a record, a person, an action and a last valid day."""

    record_id: str
    person_id: str
    action: str
    expires: date

    def payload(self) -> str:
        return f"{self.record_id}.{self.person_id}.{self.action}.{self.expires:%Y%m%d}"


def sign(claims: Claims, secret: bytes) -> str:
    """`DEM-2026-00001.AMB-00042.reponse.20261110.<signature>`: readable, and useless once altered."""
    return f"{claims.payload()}.{_signature(claims.payload(), secret)}"


def verify(token: str, secret: bytes, today: date) -> tuple[Claims | None, str]:
    """The token's claims, or None and the reason in French."""
    parts = token.strip().split(".")
    if len(parts) != 5:
        return None, "jeton illisible"
    record_id, person_id, action, expires, signature = parts
    if not hmac.compare_digest(signature.encode(), _signature(".".join(parts[:4]), secret).encode()):
        return None, "jeton falsifié ou altéré"
    try:
        claims = Claims(record_id, person_id, action, date(int(expires[:4]), int(expires[4:6]), int(expires[6:])))
    except ValueError:
        return None, "jeton illisible"
    if claims.expires < today:
        return None, f"jeton expiré le {claims.expires:%d/%m/%Y}"
    return claims, ""


def person_of(token: str) -> str:
    """The person a token names, without checking it: for a token checked when its row was accepted."""
    parts = token.strip().split(".")
    return parts[1] if len(parts) == 5 else ""


def _signature(payload: str, secret: bytes) -> str:
    digest = hmac.new(secret, payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")[:32]
