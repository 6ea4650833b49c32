"""The workbook turned into dated facts once, so that every indicator counts from the same ground."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from orientest.context.referential import Referential
from orientest.core import journal
from orientest.core.choices import Choices
from orientest.core.french import parse_date, parse_int
from orientest.core.schema import Row, Snapshot
from orientest.forms.options import DEPARTMENT, PUBLICS, STRUCTURE_TYPES, THEMES
from orientest.proposals.ledger import Proposal, ledger_from
from orientest.requests.outcomes import HELD, accepted_rows
from orientest.requests.reading import ambassador_ids
from orientest.statuses import ambassadors as ambassador_life
from orientest.statuses import requests as request_life

PUBLIC = Choices(PUBLICS)
THEME = Choices(THEMES)
STRUCTURE_TYPE = Choices(STRUCTURE_TYPES)


@dataclass(frozen=True)
class RequestFact:
    id: str
    received: date
    status: str
    department: str  # "67", or "" for a remote request outside Grand Est
    basin: str
    sectors: tuple[str, ...]
    themes: tuple[str, ...]
    structure_type: str
    publics: tuple[str, ...]
    participants: int
    ambassadors: tuple[str, ...]
    day: date | None  # the intervention date, once confirmed


@dataclass(frozen=True)
class AmbassadorFact:
    id: str
    joined: date
    status: str
    departments: tuple[str, ...]  # "" for the whole region
    sectors: tuple[str, ...]


@dataclass(frozen=True)
class FeedbackFact:
    request_id: str
    role: str
    submitted: date
    held: str
    participants: int | None
    satisfaction: int | None
    orientation: int | None


@dataclass
class Facts:
    requests: dict[str, RequestFact] = field(default_factory=dict)
    ambassadors: dict[str, AmbassadorFact] = field(default_factory=dict)
    feedback: list[FeedbackFact] = field(default_factory=list)
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
    basins = {row["Code INSEE"].strip(): row["Bassin"].strip() for row in snapshot["Bassins"].rows}
    for dated in journal.status_changes(snapshot["Journal"].rows):
        facts.status_changes[dated.event.record_id].append((dated.at.date(), dated.event.status))
        if dated.event.nobody_covers:
            facts.uncovered[dated.event.record_id].append(dated.at.date())
    facts.proposals = list(ledger_from(snapshot["Journal"].rows).proposals.values())
    for row in snapshot["Demandes"].rows:
        received = parse_date(row["Horodatage"])
        if row["ID"].strip() and received and row["Statut"].strip() not in request_life.NOT_REQUESTS:
            commune = referential.communes.resolve(row["Commune"]).commune if row["Commune"].strip() else None
            facts.requests[row["ID"].strip()] = RequestFact(
                id=row["ID"].strip(),
                received=received,
                status=row["Statut"].strip(),
                department=commune.department if commune else "",
                basin=basins.get(commune.insee, "") if commune else "",
                sectors=referential.sectors.choices.many(row["Secteurs souhaités"]).chosen,
                themes=THEME.many(row["Thématique souhaitée"]).chosen,
                structure_type=STRUCTURE_TYPE.one(row["Type de structure"]) or "Autre",
                publics=PUBLIC.many(row["Public"]).chosen,
                participants=parse_int(row["Nombre de participants"]) or 0,
                ambassadors=ambassador_ids(row["Ambassadeur"]),
                day=parse_date(row["Date confirmée"]),
            )
    for row in snapshot["Ambassadeurs"].rows:
        joined = parse_date(row["Horodatage"])
        if row["ID"].strip() and joined and row["Statut"].strip() not in ambassador_life.NOT_AMBASSADORS:
            region = row["Zone d'intervention"].strip().startswith("Région")
            facts.ambassadors[row["ID"].strip()] = AmbassadorFact(
                id=row["ID"].strip(),
                joined=joined,
                status=row["Statut"].strip(),
                departments=("",) if region else _departments(row, referential),
                sectors=referential.sectors.choices.many(row["Secteurs"]).chosen,
            )
    for row in accepted_rows(snapshot.get("Retours")):
        submitted = parse_date(row["Horodatage"])
        if submitted:
            facts.feedback.append(
                FeedbackFact(
                    row["Demande"].strip(),
                    row["Rôle"].strip(),
                    submitted,
                    HELD.one(row["L'intervention a eu lieu"]) or "",
                    parse_int(row["Nombre de participants"]),
                    parse_int(row["Satisfaction"]),
                    parse_int(row["Aide à l'orientation"]),
                )
            )
    return facts


def _departments(row: Row, referential: Referential) -> tuple[str, ...]:
    """The départements an ambassador covers: listed ones, or that of their home commune."""
    listed = tuple(label[:2] for label in DEPARTMENT.many(row["Départements"]).chosen)
    if listed:
        return listed
    home = referential.communes.resolve(row["Commune de rattachement"]).commune
    return (home.department,) if home else ()
