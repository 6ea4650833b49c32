"""Signed tokens carried by e-mail links: nobody can answer, cancel or give feedback for someone else."""

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date

ANSWER = "reponse"  # answer to a proposal
CANCEL = "annulation"  # a confirmed intervention called off from the confirmation e-mail
FEEDBACK = "retour"
PARTICIPANTS = "participants"  # the participants' anonymous minute: the link names the intervention, nobody
CHARTER = "charte"
EVENT = "rencontre"  # registering for (or withdrawing from) a network event
OTHER_DATE_PREFIX = "autredate-"  # the requester choosing an ambassador's other day: « autredate-AMB-00042-20261117 »
REQUESTER = "DEMANDEUR"  # the person ID in a requester's tokens: the request has a single contact
GROUP = "PARTICIPANTS"  # the person ID in the participants' link: the whole group shares it


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


def named(token: str) -> tuple[str, str, str]:
    """The record, person and action a token names, without checking it ("" each when it is not a token): to find
    what a row is about, never to act on it."""
    parts = token.strip().split(".")
    return (parts[0], parts[1], parts[2]) if len(parts) == 5 else ("", "", "")


def person_of(token: str) -> str:
    """The person a token names, without checking it: for a token checked when its row was accepted."""
    return named(token)[1]


def _signature(payload: str, secret: bytes) -> str:
    digest = hmac.new(secret, payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")[:32]


# Reply keys: the same claims in the reply address (`reseau+<key>@…`), so that a reply by e-mail counts as the form
# would. An address's local part is 64 characters at most and some servers lower its case: the key is lower case,
# its action a letter, its date six digits, its signature 16 base32 letters (80 bits).
_ACTIONS = {ANSWER: "r", CANCEL: "a", CHARTER: "c", EVENT: "e"}
_REPLY_KEY = re.compile(r"^([a-z0-9-]+)\.([a-z0-9-]+)\.([a-z])\.(\d{6})\.([a-z2-7]{16})$")


def reply_key(claims: Claims, secret: bytes) -> str:
    """`dem-2026-00001.amb-00042.r.261110.<signature>`: the claims of a link, short enough for a reply address."""
    payload = f"{claims.record_id}.{claims.person_id}.{_ACTIONS[claims.action]}.{claims.expires:%y%m%d}".lower()
    return f"{payload}.{_reply_signature(payload, secret)}"


def read_reply_key(key: str, secret: bytes, today: date) -> tuple[Claims | None, str]:
    """The claims of a reply key, or None and the reason in French, as `verify` says it for a link."""
    found = _REPLY_KEY.match(key.strip().lower())
    if found is None:
        return None, "clé de réponse illisible"
    record_id, person_id, letter, expires, signature = found.groups()
    payload = ".".join(found.groups()[:4])
    if not hmac.compare_digest(signature.encode(), _reply_signature(payload, secret).encode()):
        return None, "clé de réponse falsifiée ou altérée"
    action = next((name for name, code in _ACTIONS.items() if code == letter), None)
    try:
        day = date(2000 + int(expires[:2]), int(expires[2:4]), int(expires[4:]))
    except ValueError:
        day = None
    if action is None or day is None:
        return None, "clé de réponse illisible"
    if day < today:
        return None, f"clé de réponse expirée le {day:%d/%m/%Y}"
    return Claims(record_id.upper(), person_id.upper(), action, day), ""


def _reply_signature(payload: str, secret: bytes) -> str:
    # Another message than a link's (the « reply: » prefix): a link's signature never serves as a key's.
    digest = hmac.new(secret, f"reply:{payload}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode().lower()[:16]
