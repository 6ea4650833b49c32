"""Text comparison as staff and forms expect it: no case, no accents, no punctuation noise."""

import re
import unicodedata
from functools import lru_cache

_SEPARATORS = re.compile(r"[\s\-‐‑–—_'’`.,;:/()]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


@lru_cache(maxsize=1 << 16)  # the same options and answers come back on every row
def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of `text`, for comparisons only."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae")
    words = _SEPARATORS.sub(" ", bare.casefold()).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


def has_line_break(text: str) -> bool:
    """True when `text` could split an e-mail header."""
    return any(c in text for c in "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def clean(text: str) -> str:
    """A form answer without surrounding blanks and with single inner spaces."""
    return " ".join(text.split())


def excerpt(words: str, length: int = 120) -> str:
    """A short excerpt of what someone wrote, for the journal and staff: one line, cut at a word."""
    text = " ".join(words.split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + " …"


_URL = re.compile(r"https?://[^\s<>\"«»]+", re.IGNORECASE)


def web_address(text: str) -> str:
    """The first web address in a cell (what a person pastes, sometimes with words around it), or ""."""
    found = _URL.search(text)
    return found[0].rstrip(".,;:!?)") if found else ""
