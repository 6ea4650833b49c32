"""`Inscriptions aux rencontres`: each ambassador's answer to an event's invitation, from its signed links."""

from dataclasses import dataclass
from datetime import datetime

from orientest.core.schema import EVENT_REGISTRATIONS, Table
from orientest.forms.options import REGISTRATION
from orientest.submissions.source import Source, source_of


@dataclass(frozen=True)
class RegistrationRow:
    source: Source
    token: str
    answer: str  # « Je m'inscris », « Je ne peux pas », « Je me désinscris »; "" for anything else
    written: str  # as sent, for the anomaly that quotes it


def read_registration_rows(table: Table | None) -> list[RegistrationRow]:
    rows = [
        RegistrationRow(
            source_of(row, EVENT_REGISTRATIONS),
            row["Jeton"],
            REGISTRATION.one(row["Inscription"]) or "",
            row["Inscription"].strip(),
        )
        for row in (table.rows if table else ())
    ]
    # In the order they were sent: the first to register gets the seat.
    return sorted(rows, key=lambda r: (r.source.submitted_at or datetime.max, r.source.line))
