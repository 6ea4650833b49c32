"""Proposals: which ambassador was asked for which request, and where that stands, rebuilt from the journal's events."""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from orientest.core.journal import (
    AlternativesOffered,
    AlternativeTaken,
    Dated,
    Event,
    NetworkChanged,
    ProposalMoved,
    Redated,
    Reopened,
    proposal_events,
)
from orientest.core.schema import Row
from orientest.statuses.proposals import OPEN, ProposalState


@dataclass(frozen=True)
class Proposal:
    request_id: str
    ambassador_id: str
    state: ProposalState
    sent_at: datetime
    day: date  # the intervention date proposed
    reminded: bool = False
    again: bool = False  # a second proposal to the same person, forced by staff
    other_day: date | None = None  # the day the ambassador offered instead, waiting for the requester's choice
    other_at: datetime | None = None  # when they offered it: the requester's answer delay runs from then
    video_link: str = ""  # the remote session's link their confirmations carried (staff's, or the one they gave)
    words: str = ""  # what they wrote when accepting

    @property
    def is_open(self) -> bool:
        return self.state in OPEN

    def expires_on(self, response_days: int) -> date:
        return (self.sent_at + timedelta(days=response_days)).date()

    def moved(self, state: ProposalState, detail: str = "") -> ProposalMoved:
        """The event of this proposal reaching `state`."""
        other_day = self.other_day if state == ProposalState.OTHER_DATE else None
        accepted = state == ProposalState.ACCEPTED
        return ProposalMoved(
            self.request_id,
            self.ambassador_id,
            state,
            self.day,
            detail,
            self.again,
            other_day,
            self.video_link if accepted else "",
            self.words if accepted else "",
        )

    def answer_ends(self, response_days: int) -> datetime:
        """When the proposal expires unanswered: its delay from the sending, or from the other day offered."""
        return (self.other_at or self.sent_at) + timedelta(days=response_days)


@dataclass
class Ledger:
    """Every proposal by (request, ambassador), when each request was last reopened (by staff, or by taking a piste),
    the pistes last offered to each requester, and the day each intervention was last known to take place."""

    proposals: dict[tuple[str, str], Proposal]
    reopened_at: dict[str, datetime]
    by_request: dict[str, dict[str, Proposal]] = field(default_factory=dict)
    offered: dict[str, Dated[AlternativesOffered]] = field(
        default_factory=dict
    )  # request ID → its last `AlternativesOffered`
    offers: dict[str, int] = field(default_factory=dict)  # request ID → how many times pistes were offered
    days: dict[str, date] = field(default_factory=dict)  # request ID → the day last accepted or set by staff
    redated: set[str] = field(default_factory=set)  # requests staff moved to another day at least once
    network_waiting: bool = False  # the last run found nobody to ask, with requests waiting
    network_ready_at: datetime | None = None  # when someone could last be asked again after such a wait

    def put(self, proposal: Proposal) -> None:
        self.proposals[(proposal.request_id, proposal.ambassador_id)] = proposal
        self.by_request.setdefault(proposal.request_id, {})[proposal.ambassador_id] = proposal

    def for_request(self, request_id: str) -> list[Proposal]:
        return list(self.by_request.get(request_id, {}).values())

    def open_for(self, request_id: str) -> list[Proposal]:
        return [p for p in self.for_request(request_id) if p.is_open]

    def attempts(self, request_id: str) -> int:
        """Proposals made since staff last reopened the request."""
        since = self.reopened_at.get(request_id, datetime.min)
        return sum(1 for p in self.for_request(request_id) if p.sent_at >= since)

    def record(self, dated: Dated[Event]) -> None:
        """Keeps the ledger in step with an event, read from the journal or decided during this run."""
        event: Event = dated.event
        if isinstance(event, Reopened | AlternativeTaken):
            self.reopened_at[event.request_id] = dated.at
        elif isinstance(event, AlternativesOffered):
            self.offered[event.request_id] = Dated(dated.at, event)
            self.offers[event.request_id] = self.offers.get(event.request_id, 0) + 1
        elif isinstance(event, NetworkChanged):
            self.network_waiting = not event.ready
            if event.ready:
                self.network_ready_at = dated.at
        elif isinstance(event, Redated) and event.day is not None:
            self.days[event.request_id] = event.day
            self.redated.add(event.request_id)
        elif isinstance(event, ProposalMoved) and event.state in ProposalState.__members__.values():
            self._move(event, dated.at)
            if event.state == ProposalState.ACCEPTED and event.day is not None:
                self.days[event.request_id] = event.day

    def _move(self, event: ProposalMoved, at: datetime) -> None:
        state = ProposalState(event.state)
        current = self.proposals.get((event.request_id, event.ambassador_id))
        if state is ProposalState.SENT or current is None:
            self.put(
                Proposal(
                    event.request_id,
                    event.ambassador_id,
                    state,
                    at,
                    event.day or at.date(),
                    again=event.again,
                    video_link=event.link,
                    words=event.words,
                )
            )
        elif state is ProposalState.OTHER_DATE:
            self.put(replace(current, state=state, other_day=event.other_day, other_at=at))
        else:  # a reminder leaves the proposal where it was, marked
            self.put(
                replace(
                    current,
                    state=state if state is not ProposalState.REMINDED else current.state,
                    reminded=current.reminded or state is ProposalState.REMINDED,
                    video_link=event.link or current.video_link,
                    words=event.words or current.words,
                )
            )


def ledger_from(rows: Iterable[Row]) -> Ledger:
    ledger = Ledger({}, {})
    for dated in proposal_events(rows):
        ledger.record(dated)
    return ledger
