"""Short stable hashes of what a person typed in a form row."""

import hashlib
import json

from orientest.core.schema import TIMESTAMP, Owner, Row, Tab


def _digest(pairs: list[tuple[str, str]]) -> str:
    payload = json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _form_values(row: Row, tab: Tab, with_timestamp: bool) -> list[tuple[str, str]]:
    # Empty answers are left out so that a new, empty form question changes no fingerprint.
    # A tab no form fills (the journal) is identified by all its cells.
    titles = tab.titles(Owner.FORM) or tab.titles()
    return [
        (title, row[title].strip())
        for title in titles
        if row[title].strip() and (with_timestamp or title != TIMESTAMP.title)
    ]


def content_fingerprint(row: Row, tab: Tab) -> str:
    """What the person answered, without the submission time: detects edits and duplicates."""
    return _digest(_form_values(row, tab, with_timestamp=False))


def locator(row: Row, tab: Tab) -> str:
    """Finds a row that has no ID yet; a row edited since it was read no longer matches, by design."""
    return _digest(_form_values(row, tab, with_timestamp=True))
