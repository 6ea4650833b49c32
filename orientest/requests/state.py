"""Where a request stands, as orientest writes it in `Demandes` (and staff may correct it), read once into typed
values and mapped back to cells: the only place that knows the titles of those columns."""

from dataclasses import dataclass, replace
from datetime import date

from orientest.core.cells import ids
from orientest.core.french import format_date, parse_date
from orientest.core.schema import Row


@dataclass(frozen=True)
class RequestState:
    status: str  # a `RequestStatus`, or what staff typed (then `Anomalies` says why it was not used)
    ambassadors: tuple[str, ...] = ()  # confirmed: one, or several for a request with several places
    proposed_to: tuple[str, ...] = ()  # asked, not answered yet
    motif: str = ""
    pistes: str = ""
    confirmed_day: date | None = None
    confirmed_text: str = ""  # the `Date confirmée` cell when it is not a day (staff typed something else)
    anomalies: str = ""

    @property
    def confirmed_cell(self) -> str:
        return format_date(self.confirmed_day) if self.confirmed_day else self.confirmed_text

    def with_ambassador(self, ambassador_id: str, day: date) -> "RequestState":
        """One more ambassador confirmed; the first one fixes the day for everyone."""
        fixed = self.confirmed_day or (None if self.confirmed_text else day)
        return replace(self, ambassadors=(*self.ambassadors, ambassador_id), confirmed_day=fixed)

    def without_ambassador(self, ambassador_id: str) -> "RequestState":
        """An ambassador no longer comes; with nobody left, the day is free again."""
        left = tuple(a for a in self.ambassadors if a != ambassador_id)
        if left:
            return replace(self, ambassadors=left)
        return replace(self, ambassadors=left, confirmed_day=None, confirmed_text="")


COLUMNS = {  # field → column of `Demandes`
    "status": "Statut",
    "ambassadors": "Ambassadeur",
    "proposed_to": "Proposée à",
    "motif": "Motif",
    "pistes": "Pistes",
    "confirmed_day": "Date confirmée",
    "anomalies": "Anomalies",
}


def read_state(row: Row) -> RequestState:
    confirmed = row["Date confirmée"].strip()
    day = parse_date(confirmed)
    return RequestState(
        status=row["Statut"].strip(),
        ambassadors=ids(row["Ambassadeur"]),
        proposed_to=ids(row["Proposée à"]),
        motif=row["Motif"].strip(),
        pistes=row["Pistes"].strip(),
        confirmed_day=day,
        confirmed_text="" if day else confirmed,
        anomalies=row["Anomalies"].strip(),
    )


def changed_cells(before: RequestState, after: RequestState) -> dict[str, str]:
    """The cells to write for what changed (a day staff typed as « 5/11/26 » and left alone is not rewritten)."""
    cells = {}
    for name, title in COLUMNS.items():
        moved = getattr(before, name) != getattr(after, name)
        if name == "confirmed_day":
            moved = moved or before.confirmed_text != after.confirmed_text
        if moved:
            cells[title] = _cell(after, name)
    return cells


def _cell(state: RequestState, name: str) -> str:
    if name == "confirmed_day":
        return state.confirmed_cell
    value = getattr(state, name)
    return ", ".join(value) if isinstance(value, tuple) else value
