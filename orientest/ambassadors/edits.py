"""An ambassador's own changes to their record (« Champ : nouvelle valeur »), applied to their form answers."""

import re
from dataclasses import dataclass, replace
from datetime import datetime

from orientest.core.plan import RowUpdate
from orientest.core.record_rows import RecordRow
from orientest.core.schema import AMBASSADORS, Owner, header_key

_CHANGE = re.compile(r"^\s*([^:\n]{2,60}?)\s*:\s*(.*?)\s*$")
_NEVER = ("Horodatage", "Adresse e-mail", "Charte", "Consentement")  # what a message cannot change


@dataclass(frozen=True)
class Edit:
    """The record as it would read with the changes, what they were (for the journal), and their cells."""

    record: RecordRow
    changes: tuple[tuple[str, str], ...]  # (question, new answer)
    before: str  # « Téléphone : 06… → 07… », for staff

    def written(self, now: datetime) -> RowUpdate:
        """The answers rewritten, with the fingerprint intake will find (the record stays validated)."""
        update = self.record.update(now, fingerprint=self.record.answers_fingerprint)
        return replace(update, values={**dict(self.changes), **update.values}, edits_answers=True)


def requested_changes(text: str) -> dict[str, str]:
    """`Téléphone : 07 …` lines whose field is a question of the signup form (never the charter or consent)."""
    titles = {
        header_key(alias): column.title
        for column in AMBASSADORS.columns
        if column.owner is Owner.FORM and column.title not in _NEVER
        for alias in (column.title, *column.aliases)
    }
    changes = {}
    for line in text.splitlines():
        match = _CHANGE.match(line)
        if match and header_key(match[1]) in titles:
            changes[titles[header_key(match[1])]] = match[2]
    return changes


def edit(record: RecordRow, changes: dict[str, str]) -> Edit:
    before = "; ".join(f"{title} : {record.row[title]} → {value}" for title, value in changes.items())
    updated = replace(record, row=record.row.with_values(changes))
    return Edit(updated, tuple(changes.items()), before)
