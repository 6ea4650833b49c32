"""Proposals: which ambassador was asked for which request, and where that stands, rebuilt from the `Journal`."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from orientest.french import format_date, parse_datetime
from orientest.plan import JournalEntry
from orientest.schema import Row

ACTION = "proposition"
REOPENED = "action : Rouvrir"
_DAY = re.compile(r"intervention le (\d{2}/\d{2}/\d{4})")


class ProposalState(StrEnum):
    SENT = "Envoyée"
    REMINDED = "Relancée"
    OTHER_DATE = "Autre date proposée"
    ACCEPTED = "Acceptée"
    DECLINED = "Déclinée"
    EXPIRED = "Expirée"
    FILLED = "Pourvue ailleurs"
    WITHDRAWN = "Retirée"  # the request was cancelled, or given to someone else by staff
    CALLED_OFF = "Annulée par l'ambassadeur"  # accepted, then cancelled: they are not asked again for it


OPEN = frozenset({ProposalState.SENT, ProposalState.REMINDED, ProposalState.OTHER_DATE})


@dataclass(frozen=True)
class Proposal:
    request_id: str
    ambassador_id: str
    state: ProposalState
    sent_at: datetime
    day: date  # the intervention date proposed
    reminded: bool = False

    @property
    def is_open(self) -> bool:
        return self.state in OPEN

    def expires_on(self, response_days: int) -> date:
        return (self.sent_at + timedelta(days=response_days)).date()

    def event(self, at: datetime, flow: str, state: ProposalState, detail: str = "") -> JournalEntry:
        """The journal line recording that this proposal moved to `state`."""
        detail = detail or f"intervention le {format_date(self.day)}"
        return JournalEntry(at, flow, self.request_id, ACTION, self.ambassador_id, result=state, detail=detail)


@dataclass
class Ledger:
    """Every proposal by (request, ambassador), and when each request was last reopened by staff."""

    proposals: dict[tuple[str, str], Proposal]
    reopened_at: dict[str, datetime]
    by_request: dict[str, dict[str, Proposal]] = field(default_factory=dict)

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

    def record(self, entry: JournalEntry) -> None:
        """Keeps the ledger in step with an event decided during this run."""
        _apply(self, entry.record_id, entry.action, entry.recipient, entry.result, entry.at, entry.detail)


def ledger_from(rows: Iterable[Row]) -> Ledger:
    ledger = Ledger({}, {})
    for row in rows:
        at = parse_datetime(row["Date"])
        if at is not None:
            _apply(ledger, row["Référence"], row["Action"], row["Destinataire"], row["Résultat"], at, row["Détail"])
    return ledger


def _apply(ledger: Ledger, request_id: str, action: str, ambassador_id: str, result: str, at: datetime,
           detail: str) -> None:
    if action == REOPENED:
        ledger.reopened_at[request_id] = at
        return
    if action != ACTION or result not in ProposalState.__members__.values():
        return
    key, state = (request_id, ambassador_id), ProposalState(result)
    current = ledger.proposals.get(key)
    if state is ProposalState.SENT or current is None:
        day = _DAY.search(detail)
        proposed = parse_datetime(day[1]).date() if day else at.date()
        ledger.put(Proposal(request_id, ambassador_id, state, at, proposed))
    else:
        ledger.put(replace(current, state=state if state is not ProposalState.REMINDED else current.state,
                           reminded=current.reminded or state is ProposalState.REMINDED))
