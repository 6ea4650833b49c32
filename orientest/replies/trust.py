"""Whether a reply may act: not an automatic answer, signed by the sender's domain as the team's server saw it."""

import re
from collections.abc import Mapping, Sequence

_AUTOMATIC_SUBJECT = re.compile(r"^\s*(r[ée]ponse automatique|automatic reply|auto[- ]?reply|absente? du bureau|"
                                r"out of (the )?office|abwesenheit|message d'absence)", re.IGNORECASE)
HEADERS = ("auto-submitted", "precedence", "x-autoreply", "x-autorespond")  # what a mailbox reader keeps for this
_FAILED = re.compile(r"\b(dkim|dmarc)\s*=\s*(fail|permerror)\b", re.IGNORECASE)


def automatic(headers: Mapping[str, str], subject: str) -> bool:
    """An out-of-office or any machine's answer (RFC 3834 and the headers Exchange and others add)."""
    if headers.get("auto-submitted", "no").strip().lower() not in ("", "no"):
        return True
    if headers.get("precedence", "").strip().lower() in ("auto_reply", "bulk", "junk", "list"):
        return True
    if any(headers.get(name) for name in HEADERS[2:]):
        return True
    return bool(_AUTOMATIC_SUBJECT.match(subject))


def authentication_problem(results: Sequence[str], authserv_id: str) -> str:
    """Why the team's server's verdict (the topmost Authentication-Results it wrote) forbids trusting the sender;
    "" when it passes, or when no server is named (`authserv_id` empty)."""
    if not authserv_id:
        return ""
    ours = next((r for r in results if r.split(";", 1)[0].strip().lower() == authserv_id.lower()), None)
    if ours is None:
        return f"aucun résultat d'authentification de {authserv_id}"
    if failed := _FAILED.search(ours):
        return f"{failed[1].upper()} en échec selon {authserv_id}"
    return ""
