"""What a person wrote in a reply: the newest part only, without the quoted e-mail, the signature or the greetings."""

import re
from collections.abc import Callable
from functools import lru_cache

from mailparser_reply import EmailReplyParser

_SIGN_OFF = re.compile(
    r"^(bien )?(cordialement|a bientot|bien a (vous|toi)|bonne (journee|soiree|fin de journee)|"
    r"belle journee|merci( beaucoup| d avance)?|salutations( distinguees)?|"
    r"envoye de mon \w+|envoye depuis \w+.*|sent from my \w+)$"
)
_GREETING = re.compile(r"^(bonjour|bonsoir|hello|salut|madame|monsieur)( [\w ]{0,40})?$")


@lru_cache(maxsize=1)
def _parser() -> EmailReplyParser:
    return EmailReplyParser(languages=["fr", "en"])


MAX_TEXT = 20_000  # characters of a body read: what a person just typed is at its top
MAX_LINE = 500  # characters of a line: the reply cutter's cost grows with the square of a line (81 s for 48 kB)


def bounded(body: str) -> str:
    """The body as far as it is read: its first characters, each line cut (a longer answer goes to staff anyway)."""
    return "\n".join(line[:MAX_LINE] for line in body[:MAX_TEXT].replace("\r\n", "\n").split("\n"))


def latest_reply(body: str) -> str:
    """The text the person just typed: quoted history and the signature block cut (French and English clients)."""
    newest = _parser().read(bounded(body)).latest_reply or ""
    lines = []
    for line in newest.splitlines():
        if line.strip() in ("--", "-- ", "__") or line.startswith(">"):
            break  # a signature or a quote the parser left
        lines.append(line.rstrip())
    return "\n".join(lines).strip()


def spoken(reply: str, fold: Callable[[str], str]) -> str:
    """The reply without its greeting, sign-offs and closing name: what the person says."""
    lines = [line.strip() for line in reply.splitlines() if fold(line)]
    while len(lines) > 1 and (_SIGN_OFF.match(fold(lines[-1])) or _looks_like_a_name(lines[-1])):
        lines.pop()
    while len(lines) > 1 and _GREETING.match(fold(lines[0])):
        lines.pop(0)
    return "\n".join(lines)


def _looks_like_a_name(line: str) -> bool:
    """« Claire », « Claire Martin », « C. Dupont »: up to three capitalised words, nothing else."""
    words = line.replace(",", " ").split()
    return (
        len(words) <= 3
        and all(w[0].isupper() for w in words)
        and not any(c.isdigit() for c in line)
        and line.casefold().strip(" .!") not in ("oui", "non", "ok")
    )
