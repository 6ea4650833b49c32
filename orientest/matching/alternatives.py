"""Pistes: when nobody can take a request as asked, the smallest changes that would open candidates, and how many.

Each piste changes one answer of the form: another day, remote instead of on site, one more sector, another type
of intervention. It is counted with the same hard rules as the search, so a piste the requester takes is one the
next search can serve (unless those ambassadors are taken meanwhile).
"""

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np

from orientest.core.french import format_date, format_long_date
from orientest.core.options import INTERVENTION_TYPES, REMOTE
from orientest.matching.pool import Pool
from orientest.matching.rules import (
    Calendar,
    accepts_remote,
    available_on,
    covers_territory,
    is_eligible,
    not_already_asked,
    offers_type,
    serves_public,
    speaks_to,
)
from orientest.reference.sectors import Sectors
from orientest.requests.reading import Request

SHOWN = 3  # pistes offered to the requester: enough to choose, few enough to read
DAYS_AHEAD = 28  # another day: within four weeks of the wished one (of next week, if it is past)
NOTICE_DAYS = 7  # and not before an ambassador has had time to answer
PREFIX = "piste-"  # token actions: « piste-date-20261013 »; « pistes » alone declines them all
DECLINE = "pistes"


@dataclass(frozen=True)
class Alternative:
    """One change to the request: what it reads like, how many ambassadors it would open, the form cells it writes
    and the request it makes."""

    code: str  # goes into the token: letters, digits and dashes only
    label: str
    opens: int
    cells: tuple[tuple[str, str], ...]
    changes: tuple[tuple[str, object], ...]  # Request fields

    @property
    def action(self) -> str:
        return PREFIX + self.code

    def summary(self) -> str:
        plural = "s" if self.opens > 1 else ""
        return f"{self.label} : {self.opens} ambassadeur{plural} disponible{plural}"

    def applied_to(self, request: Request) -> Request:
        return replace(request, **dict(self.changes))


def alternatives(
    pool: Pool,
    request: Request,
    sectors: Sectors,
    calendar: Calendar,
    asked: Collection[int],
    basin_of_request: int,
    today: date,
    dates_only: bool = False,
) -> list[Alternative]:
    """The best piste of each kind that opens at least one ambassador, most opened first, at most `SHOWN`."""
    rules = _Rules.of(pool, request, sectors, calendar, asked, basin_of_request)
    found = [_another_day(pool, request, calendar, rules, today)]
    if not dates_only:
        found += [
            _remote(pool, request, rules),
            _another_sector(pool, request, sectors, rules),
            _another_type(pool, request, rules),
        ]
    best = sorted((a for a in found if a is not None and a.opens > 0), key=lambda a: -a.opens)
    return best[:SHOWN]


@dataclass(frozen=True)
class _Rules:
    """Each hard rule once for the request as asked: a piste swaps one of them."""

    fixed: np.ndarray  # eligible, public, not yet asked
    types: np.ndarray
    speaks: np.ndarray
    place: np.ndarray  # remote accepted and territory covered
    days: np.ndarray  # available on the wished or the alternative day

    @classmethod
    def of(cls, pool, request, sectors, calendar, asked, basin_of_request) -> "_Rules":
        return cls(
            fixed=is_eligible(pool) & serves_public(pool, request) & not_already_asked(pool, asked),
            types=offers_type(pool, request),
            speaks=speaks_to(pool, request, sectors),
            place=accepts_remote(pool, request) & covers_territory(pool, request, basin_of_request),
            days=available_on(pool, request.wished_date, calendar)
            | available_on(pool, request.alternative_date, calendar),
        )

    def count(self, **swapped: np.ndarray) -> int:
        parts = {"types": self.types, "speaks": self.speaks, "place": self.place, "days": self.days, **swapped}
        return int(np.count_nonzero(self.fixed & parts["types"] & parts["speaks"] & parts["place"] & parts["days"]))


def _another_day(pool: Pool, request: Request, calendar: Calendar, rules: _Rules, today: date) -> Alternative | None:
    """The school day (Monday to Friday) opening the most ambassadors, the nearest to the wished one on a tie."""
    first = max(today + timedelta(days=NOTICE_DAYS), request.wished_date - timedelta(days=DAYS_AHEAD))
    last = max(request.wished_date, first) + timedelta(days=DAYS_AHEAD)  # dates past: the weeks ahead
    days = [first + timedelta(days=n) for n in range((last - first).days)]
    counted = [
        (rules.count(days=available_on(pool, day, calendar)), day)
        for day in days
        if day.weekday() < 5 and day not in (request.wished_date, request.alternative_date)
    ]
    if not counted:
        return None
    opens, day = max(counted, key=lambda c: (c[0], -abs((c[1] - request.wished_date).days)))
    return _day(day, opens)


def _remote(pool: Pool, request: Request, rules: _Rules) -> Alternative | None:
    return None if request.remote else _at_a_distance(rules.count(place=pool.remote_ok))


def _another_sector(pool: Pool, request: Request, sectors: Sectors, rules: _Rules) -> Alternative | None:
    """One more professional domain, the one opening the most ambassadors."""
    asked = {sectors.domain_code(label) for label in request.sectors}
    counted = [
        (rules.count(speaks=rules.speaks | ((pool.domains >> position) & 1 == 1)), code)
        for position, code in enumerate(sectors.domains)
        if code not in asked
    ]
    if not counted:
        return None
    opens, code = max(counted, key=lambda c: c[0])
    return _sector(request, sectors, code, opens)


def _another_type(pool: Pool, request: Request, rules: _Rules) -> Alternative | None:
    """Another type of intervention, the one opening the most ambassadors."""
    counted = [
        (rules.count(types=(pool.types >> position) & 1 == 1), position)
        for position, kind in enumerate(INTERVENTION_TYPES)
        if kind not in request.intervention_types
    ]
    if not counted:
        return None
    opens, position = max(counted, key=lambda c: c[0])
    return _type(position, opens)


def _day(day: date, opens: int) -> Alternative:
    return Alternative(
        f"date-{day:%Y%m%d}",
        f"le {format_long_date(day)}",
        opens,
        (("Date souhaitée", format_date(day)), ("Date alternative", "")),
        (("wished_date", day), ("alternative_date", None)),
    )


def _at_a_distance(opens: int) -> Alternative:
    return Alternative(
        "distance", "une intervention à distance (visioconférence)", opens, (("Modalité", REMOTE),), (("remote", True),)
    )


def _sector(request: Request, sectors: Sectors, code: str, opens: int) -> Alternative:
    label = sectors.domains[code]
    return Alternative(
        f"secteur-{code}",
        f"le secteur « {label} » en plus de ceux demandés",
        opens,
        (("Secteurs souhaités", ", ".join([*request.sectors, label])),),
        (("sectors", (*request.sectors, label)),),
    )


def _type(position: int, opens: int) -> Alternative:
    kind = INTERVENTION_TYPES[position]
    return Alternative(
        f"type-{position}",
        f"une intervention de type « {kind} »",
        opens,
        (("Type d'intervention", kind),),
        (("intervention_types", (kind,)),),
    )


def from_code(code: str, request: Request, sectors: Sectors) -> Alternative | None:
    """The piste a token names, rebuilt from its code (None if the code means nothing)."""
    kind, _, value = code.partition("-")
    try:
        if kind == "date":
            return _day(date(int(value[:4]), int(value[4:6]), int(value[6:8])), 0)
        if kind == "distance" and not value:
            return _at_a_distance(0)
        if kind == "secteur":
            return _sector(request, sectors, value, 0)
        if kind == "type" and value.isdigit():
            return _type(int(value), 0)
    except (ValueError, KeyError, IndexError):
        return None
    return None
