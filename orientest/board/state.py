"""The state of one matching run: requests and proposals as they change, turned into a plan at the end."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property

from orientest.ambassadors.reading import Ambassador
from orientest.board.pool import Member, Pool
from orientest.core.cells import with_lines
from orientest.core.fingerprint import content_fingerprint
from orientest.core.french import format_datetime
from orientest.core.journal import Dated, Event, StatusChanged
from orientest.core.parameters import Parameters
from orientest.core.plan import Email, Plan, RowKey, RowUpdate
from orientest.core.record_rows import record_row
from orientest.core.schema import AMBASSADORS, REQUESTS, Row
from orientest.proposals.ledger import Ledger, Proposal
from orientest.reference.school_calendar import SchoolCalendar
from orientest.requests.reading import Request
from orientest.requests.retained import RETAINED, retained
from orientest.requests.staff_entries import StaffEntries, read_staff_entries
from orientest.requests.state import RequestState, changed_cells, read_state
from orientest.statuses import ambassadors as ambassador_life
from orientest.statuses import proposals as proposal_life
from orientest.statuses import requests as request_life
from orientest.statuses.lifecycle import UNSET, Transition
from orientest.statuses.proposals import ProposalState


@dataclass
class Case:
    """A request during the run: its form answers (`request`), where it stands as read (`was`) and as it now stands
    (`state`), and what staff asked of it in their columns."""

    row: Row
    parsed: Request | None  # None: a request past its search, read when something concerns it (`read`)
    read: Callable[[Row], Request | None] | None = field(default=None, repr=False)
    clear_action: str = ""  # the staff action carried out, to be cleared if still there at write time
    edits: dict[str, str] = field(default_factory=dict)  # form answers rewritten: the requester took a piste
    was: RequestState = field(init=False)  # as read: only what changes from it is written
    state: RequestState = field(init=False)
    staff: StaffEntries = field(init=False)

    def __post_init__(self) -> None:
        self.was = self.state = read_state(self.row)
        self.staff = read_staff_entries(self.row)

    @property
    def request(self) -> Request:
        if self.parsed is None and self.read is not None:
            self.parsed = self.read(self.row)
        if self.parsed is None:
            raise ValueError(f"{self.id} : la demande ne se lit plus")
        return self.parsed

    @property
    def id(self) -> str:
        return self.staff.id

    @property
    def status(self) -> str:
        return self.state.status

    @property
    def ambassadors(self) -> tuple[str, ...]:
        """Who is confirmed: one ambassador, or several for a request with several places."""
        return self.state.ambassadors

    @property
    def confirmed_day(self) -> date | None:
        return self.state.confirmed_day

    @property
    def places_left(self) -> int:
        return max(self.request.places - len(self.ambassadors), 0)

    def note(self, lines: list[str]) -> None:
        """Lines added to `Anomalies`, each once."""
        self.state = replace(self.state, anomalies=with_lines(self.state.anomalies, lines))

    def restate(self, about: str, lines: list[str]) -> None:
        """The `Anomalies` lines about a staff column (« • Affectation manuelle : ») are this run's only: one staff
        since corrected goes away."""
        kept = "\n".join(line for line in self.state.anomalies.splitlines() if not line.startswith(about))
        self.state = replace(self.state, anomalies=with_lines(kept, lines))

    def add_ambassador(self, ambassador_id: str, day: date) -> None:
        self.state = self.state.with_ambassador(ambassador_id, day)

    def remove_ambassador(self, ambassador_id: str) -> None:
        self.state = self.state.without_ambassador(ambassador_id)

    def changes(self) -> dict[str, str]:
        return changed_cells(self.was, self.state)


@dataclass
class Board:
    flow: str
    now: datetime
    parameters: Parameters
    ledger: Ledger
    pool: Pool
    cases: dict[str, Case]
    plan: Plan
    school: SchoolCalendar  # with the zone whose school holidays count
    ambassador_values: dict[str, dict[str, str]] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)  # request ID → why it cannot be read now
    _traces: list[set[str]] = field(default_factory=list, repr=False)

    @contextmanager
    def tracing(self) -> Iterator[set[str]]:
        """Collects the records the block acts on (journalled, e-mailed about, written to): what one source row (an
        answer, a record update, a feedback) led to, held with them if any of them must wait (`Plan.without`)."""
        touched: set[str] = set()
        self._traces.append(touched)
        try:
            yield touched
        finally:
            self._traces.pop()

    def _touch(self, record_id: str) -> None:
        for trace in self._traces:
            trace.add(record_id)

    def set_ambassador(self, ambassador_id: str, values: dict[str, str]) -> None:
        self._touch(ambassador_id)
        self.ambassador_values.setdefault(ambassador_id, {}).update(values)

    @property
    def today(self) -> date:
        return self.now.date()

    def closed(self, day: date, request: Request) -> str:
        """Why schools near the request are closed that day (« Armistice, jour férié »); "" when they are open."""
        return self.school.closed(day, request.department)

    def attempts_left(self, case: Case) -> int:
        """« Tentatives maximales » is per place: a forum of five may ask five times as many ambassadors."""
        return self.parameters.max_attempts * case.request.places - self.ledger.attempts(case.id)

    def journal(self, event: Event) -> None:
        entry = event.entry(self.now, self.flow)
        self._touch(entry.record_id)
        self.plan.journal.append(entry)
        self.ledger.record(Dated(self.now, event))

    def move(self, case: Case, transition: Transition, detail: str = "", nobody_covers: bool = False) -> None:
        """The request's new status, as its lifecycle allows (an illegal change raises), journalled."""
        status = request_life.LIFECYCLE.check(transition, case.status)
        if case.status != status:
            case.state = replace(case.state, status=status)
            self.journal(StatusChanged(case.id, status, detail, nobody_covers=nobody_covers))

    def asked(self, case: Case) -> set[int]:
        """Pool positions of the ambassadors already asked for this request (whatever they answered)."""
        return {
            self.positions[p.ambassador_id]
            for p in self.ledger.for_request(case.id)
            if p.ambassador_id in self.positions
        }

    def move_proposal(self, proposal: Proposal, transition: Transition, detail: str = "") -> None:
        """The proposal's new state, as its lifecycle allows; a reminder leaves it open, marked."""
        self.journal(proposal.moved(ProposalState(proposal_life.LIFECYCLE.check(transition, proposal.state)), detail))
        if transition.target not in proposal_life.OPEN:
            self.refresh_proposed_to(self.cases.get(proposal.request_id))

    def open(self, case: Case, ambassador_id: str, day: date, motif: str, again: bool = False) -> Proposal:
        proposal = Proposal(
            case.id,
            ambassador_id,
            ProposalState(proposal_life.LIFECYCLE.check(proposal_life.SEND, UNSET)),
            self.now,
            day,
            again=again,
        )
        self.journal(proposal.moved(proposal.state))
        case.state = replace(case.state, motif=motif)
        self.refresh_proposed_to(case)
        return proposal

    def refresh_proposed_to(self, case: Case | None) -> None:
        if case is not None:
            proposed_to = tuple(p.ambassador_id for p in self.ledger.open_for(case.id))
            case.state = replace(case.state, proposed_to=proposed_to)

    def email(self, email: Email) -> None:
        self._touch(email.record_id)
        self.plan.emails.append(email)

    @cached_property
    def positions(self) -> dict[str, int]:
        return self.pool.index()

    def coming(self, case: Case) -> tuple[Ambassador, ...]:
        """The ambassadors confirmed for the request, as the pool knows them."""
        return tuple(m.ambassador for a in case.ambassadors if (m := self.member(a)) is not None)

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
            if case.edits:
                changes.update(case.edits)
                changes["Empreinte"] = content_fingerprint(case.row.with_values(case.edits), REQUESTS)
                changes[RETAINED] = retained(case.row.with_values(case.edits))
            if changes:
                changes["Mis à jour le"] = format_datetime(self.now)
                updates.append(
                    RowUpdate("Demandes", RowKey(id=case.id), changes, expect, edits_answers=bool(case.edits))
                )
        for ambassador_id, values in self.ambassador_values.items():
            updates.append(
                RowUpdate(
                    "Ambassadeurs", RowKey(id=ambassador_id), {**values, "Mis à jour le": format_datetime(self.now)}
                )
            )
        return updates


@dataclass
class Roster:
    """Ambassador statuses during a run: as read, and as they now stand."""

    read: dict[str, str]
    current: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: list[Row]) -> "Roster":
        read = {record.id: record.status for record in (record_row(row, AMBASSADORS) for row in rows) if record.id}
        return cls(read, dict(read))

    def move(
        self, board: Board, ambassador_id: str, transition: Transition, detail: str = "", until: date | None = None
    ) -> None:
        """A new status as the lifecycle allows, journalled, and written with the run's other changes to the record."""
        status = ambassador_life.LIFECYCLE.check(transition, self.current.get(ambassador_id, UNSET))
        if self.current.get(ambassador_id) != status:
            self.current[ambassador_id] = status
            board.journal(StatusChanged(ambassador_id, status, detail, until))
            board.set_ambassador(ambassador_id, {"Statut": status})
