"""The workbook turned into dated facts once, so that every indicator counts from the same ground."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from orientest.ambassadors.fact import AmbassadorFact, ambassador_fact
from orientest.context.referential import Referential
from orientest.core import journal
from orientest.core.schema import Snapshot
from orientest.events.reading import EventLine, read_event_lines
from orientest.proposals.ledger import Proposal, ledger_from
from orientest.reference.basins import basins_of
from orientest.requests.fact import RequestFact, request_fact
from orientest.submissions.feedback import FeedbackFact, read_feedback_rows
from orientest.submissions.participants import ParticipantFact, read_participant_rows


@dataclass
class Facts:
    requests: dict[str, RequestFact] = field(default_factory=dict)
    ambassadors: dict[str, AmbassadorFact] = field(default_factory=dict)
    feedback: list[FeedbackFact] = field(default_factory=list)
    participants: list[ParticipantFact] = field(default_factory=list)  # anonymous: no row names anyone
    events: list[EventLine] = field(default_factory=list)  # the network's own, as `Rencontres` reads
    status_changes: dict[str, list[tuple[date, str]]] = field(default_factory=lambda: defaultdict(list))
    # request ID → days matching gave up on it while nobody covered it (the white zones)
    uncovered: dict[str, list[date]] = field(default_factory=lambda: defaultdict(list))
    proposals: list[Proposal] = field(default_factory=list)

    def changed_to(self, status: str, start: date, end: date) -> set[str]:
        """Records that entered `status` between `start` (included) and `end` (excluded)."""
        return {
            record_id
            for record_id, changes in self.status_changes.items()
            if any(s == status and start <= day < end for day, s in changes)
        }

    def first_change_to(self, record_id: str, status: str) -> date | None:
        return next((day for day, s in self.status_changes.get(record_id, []) if s == status), None)


def facts_from(snapshot: Snapshot, referential: Referential) -> Facts:
    facts = Facts()
    basins = basins_of(snapshot.get("Bassins"))
    for dated in journal.status_changes(snapshot["Journal"].rows):
        facts.status_changes[dated.event.record_id].append((dated.at.date(), dated.event.status))
        if dated.event.nobody_covers:
            facts.uncovered[dated.event.record_id].append(dated.at.date())
    facts.proposals = list(ledger_from(snapshot["Journal"].rows).proposals.values())
    requests = (request_fact(row, referential, basins) for row in snapshot["Demandes"].rows)
    facts.requests = {fact.id: fact for fact in requests if fact is not None}
    ambassadors = (ambassador_fact(row, referential) for row in snapshot["Ambassadeurs"].rows)
    facts.ambassadors = {fact.id: fact for fact in ambassadors if fact is not None}
    facts.feedback = [fact for row in read_feedback_rows(snapshot.get("Retours")) if (fact := row.fact) is not None]
    facts.events = [line for line in read_event_lines(snapshot.get("Rencontres"), referential) if line.event]
    group = read_participant_rows(snapshot.get("Avis des participants"))
    facts.participants = [answer for row in group if (answer := row.fact) is not None]
    return facts
