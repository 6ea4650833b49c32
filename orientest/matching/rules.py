"""The hard rules of matching: each one says, for every ambassador at once, who may be asked for a request."""

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from orientest.board.pool import BASIN, CITY, DEPARTMENT, REGION, Pool, bits, department_bit
from orientest.board.venue import visits
from orientest.core.french import school_year
from orientest.core.school_days import is_school_day
from orientest.forms.options import INTERVENTION_TYPES, PUBLICS, THEMES
from orientest.reference.sectors import Sectors
from orientest.requests.reading import Request


@dataclass(frozen=True)
class Calendar:
    """What ambassadors already have: confirmed days, and load per school year (confirmed plus pending)."""

    busy: dict[date, frozenset[int]] = field(default_factory=dict)
    load: dict[tuple[int, int], int] = field(default_factory=dict)
    done: dict[tuple[int, int], int] = field(default_factory=dict)
    _per_year: dict = field(default_factory=dict, compare=False, repr=False)

    def remaining(self, pool: Pool, year: int) -> np.ndarray:
        return pool.max_per_year - self._counts(pool, year, self.load)

    def done_in(self, pool: Pool, year: int) -> np.ndarray:
        return self._counts(pool, year, self.done)

    def _counts(self, pool: Pool, year: int, counts: dict[tuple[int, int], int]) -> np.ndarray:
        """Per-ambassador counts for a school year, computed once per run (thousands of requests ask)."""
        key = (id(counts), year)
        if key not in self._per_year:
            column = np.zeros(len(pool.ids), dtype=np.int64)
            for (position, counted_year), count in counts.items():
                if counted_year == year:
                    column[position] = count
            self._per_year[key] = column
        return self._per_year[key]


def is_eligible(pool: Pool) -> np.ndarray:
    """Actif, with the current charter accepted, and not paused."""
    return pool.eligible


def serves_public(pool: Pool, request: Request) -> np.ndarray:
    return (pool.publics & bits(request.publics, PUBLICS)) != 0


def offers_type(pool: Pool, request: Request) -> np.ndarray:
    return (pool.types & bits(request.intervention_types, INTERVENTION_TYPES)) != 0


def speaks_to(pool: Pool, request: Request, sectors: Sectors) -> np.ndarray:
    """Shares a sector or a cross-cutting theme with the request."""
    domains = bits([sectors.domain_code(label) for label in request.sectors], tuple(sectors.domains))
    return ((pool.domains & domains) != 0) | ((pool.themes & bits(request.themes, THEMES)) != 0)


def accepts_remote(pool: Pool, request: Request) -> np.ndarray:
    return pool.remote_ok if request.remote else np.ones(len(pool.ids), dtype=bool)


def covers_territory(pool: Pool, request: Request, basin_of_request: int) -> np.ndarray:
    """Région, département(s), a radius around their commune, or the same bassin; a remote request ignores it."""
    if request.remote:
        return np.ones(len(pool.ids), dtype=bool)
    if request.commune is None:
        return np.zeros(len(pool.ids), dtype=bool)
    with np.errstate(invalid="ignore"):  # a company visit: from their site, where the group goes
        near = pool.distances_km(request.commune, visits(pool, request)) <= pool.radius
    return (
        (pool.zone == REGION)
        | ((pool.zone == DEPARTMENT) & ((pool.departments & department_bit(request.commune.department)) != 0))
        | ((pool.zone == CITY) & near)
        | ((pool.zone == BASIN) & (pool.basin == basin_of_request) & (basin_of_request >= 0))
    )


def gives_a_site(pool: Pool, request: Request) -> np.ndarray:
    """A company visit needs the address of the site the group goes to."""
    return ~visits(pool, request) | pool.has_site


def fits_the_group(pool: Pool, request: Request) -> np.ndarray:
    """A company visit: the group is no larger than their site receives."""
    return ~visits(pool, request) | (pool.max_group == 0) | (request.participants <= pool.max_group)


def works_on(pool: Pool, day: date) -> np.ndarray:
    """The day is one of their days of availability."""
    if not is_school_day(day):
        return np.zeros(len(pool.ids), dtype=bool)
    return (pool.weekdays & (1 << day.weekday())) != 0


def free_on(pool: Pool, day: date, calendar: Calendar) -> np.ndarray:
    """No other confirmed intervention that day."""
    free = np.ones(len(pool.ids), dtype=bool)
    free[list(calendar.busy.get(day, ()))] = False
    return free


def has_remaining_volume(pool: Pool, day: date, calendar: Calendar) -> np.ndarray:
    """Fewer interventions than their yearly maximum in that school year, pending proposals included."""
    return calendar.remaining(pool, school_year(day)) > 0


def not_already_asked(pool: Pool, asked: Collection[int]) -> np.ndarray:
    fresh = np.ones(len(pool.ids), dtype=bool)
    fresh[list(asked)] = False
    return fresh


def available_on(pool: Pool, day: date | None, calendar: Calendar) -> np.ndarray:
    if day is None:
        return np.zeros(len(pool.ids), dtype=bool)
    return works_on(pool, day) & free_on(pool, day, calendar) & has_remaining_volume(pool, day, calendar)


@dataclass(frozen=True)
class Search:
    """What the hard rules look at besides the ambassadors: the request and what the run knows of the network."""

    request: Request
    sectors: Sectors
    calendar: Calendar
    asked: Collection[int] = ()  # positions already asked for this request
    basin: int = -1  # the request's bassin (-1: none known)


@dataclass(frozen=True)
class HardRule:
    """One hard rule of matching, declared once: what it keeps, and why, in words staff understand, it rules someone
    out. Candidates, the reasons given to staff, pistes and the white zones of the indicators all come from `RULES`."""

    name: str
    keeps: Callable[[Pool, Search], np.ndarray]
    reason: str  # "" : never given as a reason (being already asked is not a fault of the ambassador)
    coverage: bool  # what the network covers (a white zone when nobody passes them), not who is free that day


def _on_either_day(pool: Pool, search: Search) -> np.ndarray:
    request, calendar = search.request, search.calendar
    return available_on(pool, request.wished_date, calendar) | available_on(pool, request.alternative_date, calendar)


ELIGIBLE = HardRule(
    "eligible",
    lambda pool, _: is_eligible(pool),
    "pas actif (ou charte en vigueur non acceptée, ou formation demandée non suivie)",
    True,
)
PUBLIC = HardRule("public", lambda pool, s: serves_public(pool, s.request), "ne s'adresse pas à ce public", True)
TYPE = HardRule("type", lambda pool, s: offers_type(pool, s.request), "ne propose pas ce type d'intervention", True)
SUBJECT = HardRule(
    "subject", lambda pool, s: speaks_to(pool, s.request, s.sectors), "ni le secteur ni la thématique demandés", True
)
REMOTE = HardRule("remote", lambda pool, s: accepts_remote(pool, s.request), "n'intervient pas à distance", True)
TERRITORY = HardRule(
    "territory", lambda pool, s: covers_territory(pool, s.request, s.basin), "hors de sa zone d'intervention", True
)
SITE = HardRule(
    "site", lambda pool, s: gives_a_site(pool, s.request), "visite d'entreprise : adresse du site non renseignée", True
)
GROUP = HardRule(
    "group",
    lambda pool, s: fits_the_group(pool, s.request),
    "visite d'entreprise : groupe trop nombreux pour le site",
    True,
)
DAYS = HardRule(
    "days",
    _on_either_day,
    "indisponible aux dates demandées (jour, autre intervention ou volume annuel atteint)",
    False,
)
NOT_ASKED = HardRule("not_asked", lambda pool, s: not_already_asked(pool, s.asked), "", False)

RULES = (ELIGIBLE, PUBLIC, TYPE, SUBJECT, REMOTE, TERRITORY, SITE, GROUP, DAYS, NOT_ASKED)
RULE_OF = {rule.name: rule for rule in RULES}


@dataclass(frozen=True)
class Verdicts:
    """Each rule's verdict on every ambassador for one search; a piste swaps some of them for what it would change."""

    kept: dict[str, np.ndarray]

    @classmethod
    def of(cls, pool: Pool, search: Search) -> "Verdicts":
        return cls({rule.name: rule.keeps(pool, search) for rule in RULES})

    def allowed(self, **swapped: np.ndarray) -> np.ndarray:
        """Who passes every rule, with `swapped` verdicts (by rule name) in place of the search's own."""
        unknown = set(swapped) - set(self.kept)
        if unknown:
            raise KeyError(f"no such rule: {sorted(unknown)}")
        verdicts = {**self.kept, **swapped}
        return np.logical_and.reduce([verdicts[rule.name] for rule in RULES])

    def count(self, **swapped: np.ndarray) -> int:
        return int(np.count_nonzero(self.allowed(**swapped)))


def candidates(pool: Pool, search: Search) -> tuple[np.ndarray, np.ndarray]:
    """Who may be asked, and for which day: the wished date when they can (0), else the alternative one (1)."""
    on_wished = available_on(pool, search.request.wished_date, search.calendar)
    return Verdicts.of(pool, search).allowed(), np.where(on_wished, 0, 1)


def reasons_against(pool: Pool, position: int, search: Search) -> list[str]:
    """Which hard rules rule this ambassador out, in words staff understand."""
    return [rule.reason for rule in RULES if rule.reason and not rule.keeps(pool, search)[position]]


def covering(pool: Pool, search: Search) -> np.ndarray:
    """Who the network has for this request whatever the day: every rule of coverage passed (none: a white zone)."""
    return np.logical_and.reduce([rule.keeps(pool, search) for rule in RULES if rule.coverage])
