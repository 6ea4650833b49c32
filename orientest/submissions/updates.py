"""`Mises à jour`: an ambassador's change to their record, a pause, or their leaving."""

from dataclasses import dataclass

from orientest.core.schema import UPDATES, Row, Table
from orientest.submissions.source import Source, source_of


@dataclass(frozen=True)
class RecordUpdate:
    source: Source
    row: Row  # the answers, read field by field against the update form (`forms.fields.FieldReader`)
    subjects: str  # « Objet », as the form joined the boxes ticked
    changes: str  # « Nouvelles informations »: « Champ : nouvelle valeur », one a line


def read_updates(table: Table | None) -> list[RecordUpdate]:
    return [
        RecordUpdate(source_of(row, UPDATES), row, row["Objet"], row["Nouvelles informations"])
        for row in (table.rows if table else ())
    ]
