"""The hard rules of matching: each one says, for every ambassador at once, who may be asked for a request."""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from orientest.core.french import school_year
from orientest.core.options import INTERVENTION_TYPES, PUBLICS, THEMES, WEEKDAYS
from orientest.matching.pool import BASIN, CITY, DEPARTMENT, REGION, Pool, bits, department_bit
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
    with np.errstate(invalid="ignore"):
        near = pool.distances_km(request.commune) <= pool.radius
    return (
        (pool.zone == REGION)
        | ((pool.zone == DEPARTMENT) & ((pool.departments & department_bit(request.commune.department)) != 0))
        | ((pool.zone == CITY) & near)
        | ((pool.zone == BASIN) & (pool.basin == basin_of_request) & (basin_of_request >= 0))
    )


def works_on(pool: Pool, day: date) -> np.ndarray:
    """The day is one of their days of availability."""
    if day.weekday() >= len(WEEKDAYS):
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


def candidates(
    pool: Pool, request: Request, sectors: Sectors, calendar: Calendar, asked: Collection[int], basin_of_request: int
) -> tuple[np.ndarray, np.ndarray]:
    """Who may be asked, and for which day: the wished date when they can, else the alternative one."""
    allowed = (
        is_eligible(pool)
        & serves_public(pool, request)
        & offers_type(pool, request)
        & speaks_to(pool, request, sectors)
        & accepts_remote(pool, request)
        & covers_territory(pool, request, basin_of_request)
        & not_already_asked(pool, asked)
    )
    on_wished = available_on(pool, request.wished_date, calendar)
    on_alternative = available_on(pool, request.alternative_date, calendar)
    return allowed & (on_wished | on_alternative), np.where(on_wished, 0, 1)


def reasons_against(
    pool: Pool, position: int, request: Request, sectors: Sectors, calendar: Calendar, basin_of_request: int
) -> list[str]:
    """Which hard rules rule this ambassador out, in words staff understand."""
    day = request.wished_date
    checks = (
        (is_eligible(pool), "pas actif (ou charte en vigueur non acceptée)"),
        (serves_public(pool, request), "ne s'adresse pas à ce public"),
        (offers_type(pool, request), "ne propose pas ce type d'intervention"),
        (speaks_to(pool, request, sectors), "ni le secteur ni la thématique demandés"),
        (accepts_remote(pool, request), "n'intervient pas à distance"),
        (covers_territory(pool, request, basin_of_request), "hors de sa zone d'intervention"),
        (
            available_on(pool, day, calendar) | available_on(pool, request.alternative_date, calendar),
            "indisponible aux dates demandées (jour, autre intervention ou volume annuel atteint)",
        ),
    )
    return [reason for mask, reason in checks if not mask[position]]
