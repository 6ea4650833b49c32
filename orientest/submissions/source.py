"""What every submitted row has: where it is, when it came, whether a run already processed it."""

from dataclasses import dataclass
from datetime import datetime

from orientest.core.fingerprint import locator
from orientest.core.french import format_datetime, parse_datetime
from orientest.core.plan import RowKey, RowUpdate
from orientest.core.schema import Owner, Row, Tab


@dataclass(frozen=True)
class Source:
    tab: str
    key: RowKey  # found again at write time by its locator: these rows have no ID
    line: int  # for messages to staff only
    submitted_at: datetime | None
    processed: bool
    anomalies: str
    blank: bool  # nothing a person wrote (a row left by a form's response sheet)

    @property
    def to_process(self) -> bool:
        return not self.processed and not self.blank

    def processed_at(
        self,
        now: datetime,
        anomaly: str,
        concerns: frozenset[str] = frozenset(),
        request_id: str | None = None,
        role: str | None = None,
        event_id: str | None = None,
    ) -> RowUpdate:
        """Marked processed, with its anomaly ("" when acted on) and the records it acted on; feedback accepted also
        says which request it is about, and from whom (`Demande`, `Rôle`); a registration, which event (`Rencontre`)."""
        values = {"Traitée": format_datetime(now), "Anomalies": anomaly}
        if request_id is not None:
            values["Demande"] = request_id
        if role is not None:
            values["Rôle"] = role
        if event_id is not None:
            values["Rencontre"] = event_id
        return RowUpdate(self.tab, self.key, values, concerns=concerns)

    def waiting(self, why: str) -> RowUpdate | None:
        """Left for the next run, saying why on the row (once)."""
        return None if self.anomalies == why else RowUpdate(self.tab, self.key, {"Anomalies": why})


def source_of(row: Row, tab: Tab) -> Source:
    return Source(
        tab.name,
        RowKey(locator=locator(row, tab)),
        row.line,
        parse_datetime(row["Horodatage"]),
        bool(row["Traitée"].strip()),
        row["Anomalies"].strip(),
        row.is_blank(tab.titles(Owner.FORM)),
    )


def flagged(row: Row) -> bool:
    """The row carries an anomaly (read before `source_of`, which finds the row's locator: a busy year has 50,000)."""
    return bool(row["Anomalies"].strip())
