"""Whether a reply may act: not an automatic answer, from the one address the proposal went to, whose domain the
team's own server authenticated (DMARC, or DKIM aligned with the From domain).

The team's server is the only witness: its `Authentication-Results` (RFC 8601), found by its name (authserv-id),
or, for Microsoft 365 which writes none, the topmost one. A reply whose sender cannot be vouched for never acts; it
goes to staff with the reason.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from orientest.ports import KEPT_HEADERS

_AUTOMATIC_SUBJECT = re.compile(
    r"^\s*(r[ée]ponse automatique|automatic reply|auto[- ]?reply|absente? du bureau|"
    r"out of (the )?office|abwesenheit|message d'absence)",
    re.IGNORECASE,
)
MICROSOFT_365 = "microsoft365"  # ORIENTEST_AUTHSERV_ID for a mailbox at Microsoft 365: its header has no name
NOT_CHECKED = "authenticité de l'expéditeur non vérifiée sur cette installation (réglage ORIENTEST_AUTHSERV_ID vide)"
_FAILED = ("fail", "permerror", "temperror", "softfail", "policy")
_COMMENT = re.compile(r"\([^()]*\)")


def automatic(headers: Mapping[str, str], subject: str) -> bool:
    """An out-of-office or any machine's answer (RFC 3834 and the headers Exchange and others add)."""
    if headers.get("auto-submitted", "no").strip().lower() not in ("", "no"):
        return True
    if headers.get("precedence", "").strip().lower() in ("auto_reply", "bulk", "junk", "list"):
        return True
    if any(headers.get(name) for name in KEPT_HEADERS[2:]):
        return True
    return bool(_AUTOMATIC_SUBJECT.match(subject))


def same_address(sender: str, expected: str) -> bool:
    """Exactly the address the proposal went to: case aside (ASCII only), nothing folded (« straßer » is not
    « strasser »)."""
    sender, expected = sender.strip(), expected.strip()
    if not sender or not expected:
        return False
    return sender == expected or (sender.isascii() and expected.isascii() and sender.lower() == expected.lower())


@dataclass(frozen=True)
class Verdict:
    """One method's result in an `Authentication-Results` header: `dkim=pass header.d=exemple.fr`."""

    method: str
    result: str
    properties: dict[str, str] = field(default_factory=dict)


def authentication_problem(results: Sequence[str], authserv_id: str, from_domain: str) -> str:
    """Why the team's server's verdict does not vouch for the sender's domain; "" when DMARC passed for it, or DKIM
    passed with a signing domain aligned with it."""
    if not authserv_id:
        return NOT_CHECKED
    header = _ours(results, authserv_id)
    if header is None:
        return f"aucun résultat d'authentification de {authserv_id}"
    verdicts = verdicts_of(header)
    failed = next((v for v in verdicts if v.method in ("dkim", "dmarc") and v.result in _FAILED), None)
    if failed:
        return f"{failed.method.upper()} en échec ({failed.result}) selon {authserv_id}"
    for verdict in verdicts:
        checked = verdict.properties.get("header.from", "")
        if verdict.method == "dmarc" and verdict.result == "pass" and checked:
            if checked != from_domain:
                return f"DMARC vérifié pour « {checked} », pas pour « {from_domain} » (l'expéditeur)"
            return ""
    if any(v.method == "dkim" and v.result == "pass" and _aligned(_signer(v), from_domain) for v in verdicts):
        return ""
    return f"ni DMARC ni DKIM du domaine « {from_domain} » confirmés par {authserv_id}"


def _ours(results: Sequence[str], authserv_id: str) -> str | None:
    """The team's server's header: the first bearing its name (a forged one lower down is never read first), or,
    for Microsoft 365, the topmost if it bears no name."""
    if authserv_id.lower() == MICROSOFT_365:
        return results[0] if results and "=" in results[0].split(";", 1)[0] else None
    for header in results:
        first = _COMMENT.sub(" ", header).split(";", 1)[0].split()
        if first and "=" not in first[0] and first[0].lower() == authserv_id.lower():
            return header
    return None


def verdicts_of(header: str) -> list[Verdict]:
    """The results of a header, its authserv-id and version (if any), comments and stray words left out."""
    text = header
    while _COMMENT.search(text):  # comments may nest
        text = _COMMENT.sub(" ", text)
    verdicts = []
    for part in text.split(";"):
        words = part.split()
        if not words or "=" not in words[0]:
            continue  # the authserv-id, Microsoft's receiving domain, « none »
        method, _, result = words[0].partition("=")
        properties = dict(word.partition("=")[::2] for word in words[1:] if "=" in word)
        verdicts.append(
            Verdict(
                method.lower(),
                result.lower(),
                {name.lower(): value.strip('"').lower() for name, value in properties.items()},
            )
        )
    return verdicts


def _signer(verdict: Verdict) -> str:
    """The domain that signed (header.d, or the domain of header.i)."""
    return verdict.properties.get("header.d") or verdict.properties.get("header.i", "").rpartition("@")[2]


def _aligned(signer: str, domain: str) -> bool:
    """DMARC's relaxed alignment, without the public suffix list: the same domain, or one inside the other."""
    if "." not in signer:  # never a bare top-level domain
        return False
    return signer == domain or domain.endswith(f".{signer}") or signer.endswith(f".{domain}")
