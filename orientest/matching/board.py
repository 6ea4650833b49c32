"""The state of one matching run: requests and proposals as they change, turned into a plan at the end."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from orientest.fields import FieldReader
from orientest.french import format_datetime
from orientest.parameters import Parameters
from orientest.plan import Email, JournalEntry, Plan, RowKey, RowUpdate
from orientest.pool import Member, Pool
from orientest.proposals import Ledger, Proposal, ProposalState
from orientest.requests import Request
from orientest.schema import Row

TRACKED = ("Statut", "Ambassadeur", "Proposée à", "Motif", "Date confirmée", "Anomalies")


@dataclass
class Case:
    """A request during the run: its form answers and the flow-owned values as they now stand."""

    row: Row
    parsed: Request | None  # None: a request past its search, read when something concerns it (`read`)
    read: Callable[[Row], Request] | None = field(default=None, repr=False)
    values: dict[str, str] = field(default_factory=dict)
    clear_action: str = ""  # the staff action carried out, to be cleared if still there at write time

    def __post_init__(self) -> None:
        self.values = {title: self.row[title].strip() for title in TRACKED}

    @property
    def request(self) -> Request:
        if self.parsed is None and self.read is not None:
            self.parsed = self.read(self.row)
        return self.parsed

    @property
    def id(self) -> str:
        return self.row["ID"].strip()

    @property
    def status(self) -> str:
        return self.values["Statut"]

    def changes(self) -> dict[str, str]:
        return {title: value for title, value in self.values.items() if value != self.row[title].strip()}


@dataclass
class Board:
    flow: str
    now: datetime
    parameters: Parameters
    ledger: Ledger
    pool: Pool
    cases: dict[str, Case]
    plan: Plan
    ambassador_values: dict[str, dict[str, str]] = field(default_factory=dict)

    def set_ambassador(self, ambassador_id: str, values: dict[str, str]) -> None:
        self.ambassador_values.setdefault(ambassador_id, {}).update(values)

    @property
    def today(self) -> date:
        return self.now.date()

    def journal(self, entry: JournalEntry) -> None:
        self.plan.journal.append(entry)
        self.ledger.record(entry)

    def move(self, case: Case, status: str, detail: str = "") -> None:
        if case.values["Statut"] != status:
            case.values["Statut"] = status
            self.journal(JournalEntry(self.now, self.flow, case.id, f"statut : {status}", detail=detail))

    def close(self, proposal: Proposal, state: ProposalState, detail: str = "") -> None:
        self.journal(proposal.event(self.now, self.flow, state, detail))
        self.refresh_proposed_to(self.cases.get(proposal.request_id))

    def open(self, case: Case, ambassador_id: str, day: date, motif: str) -> Proposal:
        proposal = Proposal(case.id, ambassador_id, ProposalState.SENT, self.now, day)
        self.journal(proposal.event(self.now, self.flow, ProposalState.SENT))
        case.values["Motif"] = motif
        self.refresh_proposed_to(case)
        return proposal

    def refresh_proposed_to(self, case: Case | None) -> None:
        if case is not None:
            case.values["Proposée à"] = ", ".join(p.ambassador_id for p in self.ledger.open_for(case.id))

    def email(self, email: Email) -> None:
        self.plan.emails.append(email)

    @cached_property
    def positions(self) -> dict[str, int]:
        return self.pool.index()

    def member(self, ambassador_id: str) -> Member | None:
        position = self.positions.get(ambassador_id)
        return None if position is None else self.pool.members[position]

    def row_updates(self) -> list[RowUpdate]:
        updates = []
        for case in self.cases.values():
            changes = case.changes()
            expect = {}
            if case.clear_action:
                changes["Action"], expect = "", {"Action": case.clear_action}
            if changes:
                changes["Mis à jour le"] = format_datetime(self.now)
                updates.append(RowUpdate("Demandes", RowKey(id=case.id), changes, expect))
        for ambassador_id, values in self.ambassador_values.items():
            updates.append(RowUpdate("Ambassadeurs", RowKey(id=ambassador_id),
                                     {**values, "Mis à jour le": format_datetime(self.now)}))
        return updates


def contact(row: Row, email_title: str = "Adresse e-mail") -> str:
    return FieldReader(row).email(email_title)


@dataclass
class Roster:
    """Ambassador statuses during a run: as read, and as they now stand."""

    read: dict[str, str]
    current: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: list[Row]) -> "Roster":
        read = {row["ID"].strip(): row["Statut"].strip() for row in rows if row["ID"].strip()}
        return cls(read, dict(read))

    def set(self, board: Board, ambassador_id: str, status: str, detail: str = "") -> None:
        """A new status, journalled, and written with the run's other changes to the record."""
        if self.current.get(ambassador_id) != status:
            self.current[ambassador_id] = status
            board.journal(JournalEntry(board.now, board.flow, ambassador_id, f"statut : {status}", detail=detail))
            board.set_ambassador(ambassador_id, {"Statut": status})
