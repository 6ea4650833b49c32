"""Design §6: the network's indicators over a period, for the region and per département, sector, structure, public.

Each function counts one thing from the same `Facts`; `docs/indicateurs.md` says, for staff, what counts.
"""

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from orientest.core.french import school_year
from orientest.forms.options import NO_INTENTION, NO_NEXT_STEP, YES
from orientest.reference.territory import DEPARTMENTS
from orientest.reporting.facts import Facts
from orientest.statuses import ambassadors as ambassador_life
from orientest.statuses import proposals as proposal_life
from orientest.statuses import requests as request_life
from orientest.statuses.ambassadors import AmbassadorStatus
from orientest.statuses.requests import RequestStatus
from orientest.submissions.feedback import FeedbackFact

REGION = "Grand Est"


@dataclass(frozen=True)
class Period:
    label: str  # "mois", "année scolaire à date"
    start: date
    end: date  # excluded


@dataclass(frozen=True)
class Figure:
    indicator: str
    dimension: str
    value: float | None  # None: nothing to measure (an average of no answer, a rate of nothing), never shown as 0


def month(year: int, number: int) -> Period:
    end = date(year + (number == 12), number % 12 + 1, 1)
    return Period("mois", date(year, number, 1), end)


def school_year_to_date(of_month: Period) -> Period:
    return Period("année scolaire à date", date(school_year(of_month.start), 9, 1), of_month.end)


def _department(code: str) -> str:
    return f"{code} - {DEPARTMENTS[code]}" if code in DEPARTMENTS else "Hors Grand Est ou à distance"


def _by(name: str, values: Iterable[tuple[str, float | None]]) -> list[Figure]:
    return [Figure(name, dimension, value) for dimension, value in values]


def requests_figures(facts: Facts, period: Period) -> list[Figure]:
    """Received, confirmed, done, cancelled, without solution: by region, département, bassin, sector, structure."""
    received = [r for r in facts.requests.values() if period.start <= r.received < period.end]
    figures = _by("Demandes reçues", [(REGION, len(received))])
    figures += _by(
        "Demandes reçues", sorted(Counter(f"Département : {_department(r.department)}" for r in received).items())
    )
    figures += _by("Demandes reçues", sorted(Counter(f"Bassin : {r.basin}" for r in received if r.basin).items()))
    figures += _by("Demandes reçues", sorted(Counter(f"Secteur : {s}" for r in received for s in r.sectors).items()))
    figures += _by(
        "Demandes reçues", sorted(Counter(f"Type de structure : {r.structure_type}" for r in received).items())
    )
    for name, status in (
        ("Demandes confirmées", RequestStatus.CONFIRMED),
        ("Interventions réalisées", RequestStatus.DONE),
        ("Demandes annulées", RequestStatus.CANCELLED),
        ("Demandes avec pistes proposées", RequestStatus.ALTERNATIVES_OFFERED),
        ("Demandes sans solution", RequestStatus.NO_SOLUTION),
    ):
        ids = _held(facts, period) if status is RequestStatus.DONE else _entered(facts, status, period)
        figures += _by(name, [(REGION, len(ids))])
        figures += _by(
            name, sorted(Counter(f"Département : {_department(facts.requests[i].department)}" for i in ids).items())
        )
    return figures


def _entered(facts: Facts, status: str, period: Period) -> set[str]:
    return facts.changed_to(status, period.start, period.end) & set(facts.requests)


def _held(facts: Facts, period: Period) -> set[str]:
    """Interventions that took place in the period: past their day, and not said since to have been missed (no-show)
    or not to have taken place."""
    done = _entered(facts, RequestStatus.DONE, period)
    return {i for i in done if facts.requests[i].status not in (RequestStatus.NO_SHOW, RequestStatus.CANCELLED)}


def match_rate(facts: Facts, period: Period) -> list[Figure]:
    """Share of the period's complete requests that found an ambassador (so far)."""
    received = [
        r
        for r in facts.requests.values()
        if period.start <= r.received < period.end and r.status != RequestStatus.INCOMPLETE
    ]
    served = [r for r in received if r.status in request_life.MATCHED]
    return _by("Taux de mise en relation", [(REGION, _ratio(len(served), len(received)))])


def days_to_confirmation(facts: Facts, period: Period) -> list[Figure]:
    """Median days from the request to its confirmation, for requests confirmed in the period."""
    delays = [
        (confirmed - facts.requests[i].received).days
        for i in facts.changed_to(RequestStatus.CONFIRMED, period.start, period.end)
        if i in facts.requests and (confirmed := facts.first_change_to(i, RequestStatus.CONFIRMED)) is not None
    ]
    return _by("Délai médian demande → confirmation (jours)", [(REGION, statistics.median(delays) if delays else 0)])


def proposals_figures(facts: Facts, period: Period) -> list[Figure]:
    """Proposals sent in the period, and the share of those answered or expired that were accepted."""
    sent = [p for p in facts.proposals if period.start <= p.sent_at.date() < period.end]
    closed = [p for p in sent if p.state in proposal_life.ANSWERED]
    accepted = [p for p in closed if p.state in proposal_life.TAKEN]
    return _by("Propositions envoyées", [(REGION, len(sent))]) + _by(
        "Taux d'acceptation des propositions", [(REGION, _ratio(len(accepted), len(closed)))]
    )


def ambassadors_figures(facts: Facts, period: Period) -> list[Figure]:
    """Active at the end of the period, new (signed up in it) and departed (retired in it)."""
    departed = facts.changed_to(AmbassadorStatus.RETIRED, period.start, period.end) & set(facts.ambassadors)
    left_before = facts.changed_to(AmbassadorStatus.RETIRED, date.min, period.end)
    active = [
        a
        for a in facts.ambassadors.values()
        if a.joined < period.end and a.id not in left_before and a.status in ambassador_life.COUNTED
    ]
    new = [
        a
        for a in facts.ambassadors.values()
        if period.start <= a.joined < period.end and a.status not in (AmbassadorStatus.INCOMPLETE,)
    ]
    per_department = Counter(
        f"Département : {_department(d)}" if d else "Département : toute la région"
        for a in active
        for d in a.departments
    )
    return (
        _by("Ambassadeurs actifs", [(REGION, len(active)), *sorted(per_department.items())])
        + _by("Nouveaux ambassadeurs", [(REGION, len(new))])
        + _by("Départs d'ambassadeurs", [(REGION, len(departed))])
    )


def feedback_figures(facts: Facts, period: Period) -> list[Figure]:
    """Satisfaction, help with orientation, no-shows, participants by public and the response rate."""
    opinions = [f for f in facts.feedback if period.start <= f.submitted < period.end]
    marks = [f.satisfaction for f in opinions if f.satisfaction]
    helped = [f.orientation for f in opinions if f.orientation]
    done = _held(facts, period)
    answered = {(f.request_id, f.role) for f in facts.feedback if f.request_id in done}
    no_shows = [f for f in opinions if f.role == "Demandeur" and f.held == "Non, ambassadeur absent"]
    return (
        _by("Satisfaction moyenne (sur 5)", [(REGION, _mean(marks))])
        + _by("Part des avis satisfaits (4 ou 5 sur 5)", [(REGION, _ratio(sum(m >= 4 for m in marks), len(marks)))])
        + _by("Aide à l'orientation moyenne (sur 5)", [(REGION, _mean(helped))])
        + _by("Absences d'ambassadeurs", [(REGION, len(no_shows))])
        + _by("Taux de réponse aux demandes d'avis", [(REGION, _ratio(len(answered), 2 * len(done)))])
        + _by("Participants touchés", _participants(facts, done))
        + _by("Interventions suivies d'intentions de formation", _intentions(opinions))
    )


def _intentions(opinions: list[FeedbackFact]) -> list[tuple[str, float]]:
    """Per intervention, what either side said the group might train for (counted once); the region's figure is the
    interventions where at least one intention was said (« Aucune pour l'instant » alone is not one)."""
    said: dict[str, set[str]] = {}
    for opinion in opinions:
        said.setdefault(opinion.request_id, set()).update(opinion.intentions)
    counted = Counter(f"Intention : {intention}" for intentions in said.values() for intention in intentions)
    with_one = sum(1 for intentions in said.values() if intentions - {NO_INTENTION})
    return [(REGION, with_one), *sorted(counted.items())]


def _participants(facts: Facts, done: set[str]) -> list[tuple[str, float]]:
    """As reported in feedback (the requester's figure first), else as announced in the request."""
    reported = {}
    for f in sorted(facts.feedback, key=lambda f: f.role != "Demandeur"):
        if f.request_id in done and f.participants is not None and f.request_id not in reported:
            reported[f.request_id] = f.participants
    by_public: Counter = Counter()
    for request_id in done:
        request = facts.requests[request_id]
        by_public[f"Public : {', '.join(request.publics) or 'non précisé'}"] += reported.get(
            request_id, request.participants
        )
    return [(REGION, sum(by_public.values())), *sorted(by_public.items())]


def white_zones(facts: Facts, period: Period) -> list[Figure]:
    """Département × sector (or theme) of the requests matching gave up on in the period while no ambassador of the
    network passed their rules of coverage (`matching.rules.covering`: whoever the day), each request once."""
    unmet: Counter[str] = Counter()
    for request_id, days in facts.uncovered.items():
        request = facts.requests.get(request_id)
        if request is None or not any(period.start <= day < period.end for day in days):
            continue
        for subject in (*request.sectors, *request.themes) or ("non précisé",):
            unmet[f"{_department(request.department)} × {subject}"] += 1
    return _by("Zone blanche (demandes non satisfaites)", sorted(unmet.items()))


def fairness(facts: Facts, period: Period) -> list[Figure]:
    """How evenly interventions are spread: the Gini coefficient over active ambassadors, zeros included
    (0 = everyone did as many, 1 = one person did them all), and the share who did at least one."""
    active = [a.id for a in facts.ambassadors.values() if a.status == AmbassadorStatus.ACTIVE]
    counts = Counter(
        a
        for r in facts.requests.values()
        if r.status in request_life.CONFIRMED_OR_LATER and r.day and period.start <= r.day < period.end
        for a in r.ambassadors
    )
    loads = sorted(counts.get(a, 0) for a in active)
    return _by("Équité de la charge (indice de Gini)", [(REGION, round(gini(loads), 3))]) + _by(
        "Part des ambassadeurs actifs sollicités", [(REGION, _ratio(sum(n > 0 for n in loads), len(loads)))]
    )


def gini(values: list[int]) -> float:
    """0 when all values are equal, approaching 1 when a single one holds everything."""
    ordered, total = sorted(values), sum(values)
    if not ordered or total == 0:
        return 0.0
    weighted = sum((rank + 1) * value for rank, value in enumerate(ordered))
    return (2 * weighted) / (len(ordered) * total) - (len(ordered) + 1) / len(ordered)


def _mean(values: list[int]) -> float | None:
    return round(statistics.mean(values), 2) if values else None


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


GROUP_ANSWERS = "Réponses des participants"
BETTER_INFORMED = "Participants mieux informés"
CONSIDERING = "Participants qui envisagent le secteur"
CHANGED_IDEA = "Participants dont une idée a changé"
NEXT_STEP = "Participants ayant une prochaine étape"
EVENTS_HELD = "Rencontres et formations"
SEATS_TAKEN = "Inscriptions aux rencontres"
ATTENDANCE = "Présences aux rencontres"


def participants_figures(facts: Facts, period: Period) -> list[Figure]:
    """The group's own anonymous minute (charter: « impact sur les choix d'orientation »): shares of the answers
    received during the period, and the interventions they came from."""
    answers = [a for a in facts.participants if period.start <= a.submitted < period.end]
    steps = Counter(f"Étape : {step}" for a in answers for step in a.next_steps)
    considering = Counter(f"Réponse : {a.considering}" for a in answers if a.considering)
    with_step = sum(1 for a in answers if set(a.next_steps) - {NO_NEXT_STEP})
    return (
        _by(GROUP_ANSWERS, [(REGION, len(answers)), ("Interventions", len({a.request_id for a in answers}))])
        + _by(BETTER_INFORMED, [(REGION, _ratio(sum(a.better_informed for a in answers), len(answers)))])
        + _by(
            CONSIDERING,
            [(REGION, _ratio(sum(a.considering == YES for a in answers), len(answers))), *sorted(considering.items())],
        )
        + _by(CHANGED_IDEA, [(REGION, _ratio(sum(a.changed_idea for a in answers), len(answers)))])
        + _by(NEXT_STEP, [(REGION, _ratio(with_step, len(answers))), *sorted(steps.items())])
    )


def events_figures(facts: Facts, period: Period) -> list[Figure]:
    """The network's events held during the period, by kind; the seats taken; who came, by their département."""
    held = [line for line in facts.events if line.event and period.start <= line.event.day < period.end]
    kinds = Counter(f"Type : {line.event.kind}" for line in held if line.event)
    came = [ambassador_id for line in held for ambassador_id in line.attended]
    where = Counter(
        f"Département : {_department(d)}" if d else "Département : toute la région"
        for ambassador_id in came
        if (fact := facts.ambassadors.get(ambassador_id)) is not None
        for d in fact.departments
    )
    return (
        _by(EVENTS_HELD, [(REGION, len(held)), *sorted(kinds.items())])
        + _by(SEATS_TAKEN, [(REGION, sum(len(line.registered) for line in held))])
        + _by(ATTENDANCE, [(REGION, len(came)), *sorted(where.items())])
    )


ALL = (
    requests_figures,
    match_rate,
    days_to_confirmation,
    proposals_figures,
    ambassadors_figures,
    feedback_figures,
    participants_figures,
    events_figures,
    white_zones,
    fairness,
)


def compute(facts: Facts, period: Period) -> list[Figure]:
    return [figure for indicator in ALL for figure in indicator(facts, period)]
