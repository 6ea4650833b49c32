"""Pistes: when nobody can take a request as asked, the smallest changes that would open candidates, and how many.

Each piste changes one answer of the form: another day, remote instead of on site, one more sector, another type
of intervention. It is counted with the same hard rules as the search, so a piste the requester takes is one the
next search can serve (unless those ambassadors are taken meanwhile).
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy as np

from orientest.board.pool import Pool
from orientest.core.french import format_date, format_long_date
from orientest.forms.options import INTERVENTION_TYPES, REMOTE
from orientest.matching.rules import RULE_OF, Search, Verdicts, available_on
from orientest.reference.sectors import Sectors
from orientest.requests.reading import Request

SHOWN = 3  # pistes offered to the requester: enough to choose, few enough to read
DAYS_AHEAD = 28  # another day: within four weeks of the wished one (of next week, if it is past)
NOTICE_DAYS = 7  # and not before an ambassador has had time to answer
PREFIX = "piste-"  # token actions: « piste-date-20261013 »; « pistes » alone declines them all
DECLINE = "pistes"
Closed = Callable[[date, Request], str]  # why schools are closed that day for the request ("": open)


@dataclass(frozen=True)
class Alternative:
    """One change to the request: what it reads like, how many ambassadors it would open, the form cells it writes
    and the request it makes."""

    code: str  # goes into the token: letters, digits and dashes only
    label: str
    opens: int
    cells: tuple[tuple[str, str], ...]
    change: Callable[[Request], Request] = field(compare=False)

    @property
    def action(self) -> str:
        return PREFIX + self.code

    def summary(self) -> str:
        plural = "s" if self.opens > 1 else ""
        return f"{self.label} : {self.opens} ambassadeur{plural} disponible{plural}"

    def applied_to(self, request: Request) -> Request:
        return self.change(request)


def alternatives(
    pool: Pool, search: Search, today: date, closed: Closed, dates_only: bool = False
) -> list[Alternative]:
    """The best piste of each kind that opens at least one ambassador, most opened first, at most `SHOWN`."""
    verdicts = Verdicts.of(pool, search)
    found = [_another_day(pool, search, verdicts, today, closed)]
    if not dates_only:
        found += [
            _remote(pool, search.request, verdicts),
            _another_sector(pool, search, verdicts),
            _another_type(pool, search, verdicts),
        ]
    best = sorted((a for a in found if a is not None and a.opens > 0), key=lambda a: -a.opens)
    return best[:SHOWN]


def _another_day(pool: Pool, search: Search, verdicts: Verdicts, today: date, closed: Closed) -> Alternative | None:
    """The school day opening the most ambassadors, the nearest to the wished one on a tie; never a Sunday, a public
    holiday nor a day of the school holidays."""
    request = search.request
    first = max(today + timedelta(days=NOTICE_DAYS), request.wished_date - timedelta(days=DAYS_AHEAD))
    last = max(request.wished_date, first) + timedelta(days=DAYS_AHEAD)  # dates past: the weeks ahead
    days = [first + timedelta(days=n) for n in range((last - first).days)]
    counted = [
        (verdicts.count(days=available_on(pool, day, search.calendar)), day)
        for day in days
        if day not in (request.wished_date, request.alternative_date) and not closed(day, request)
    ]
    if not counted:
        return None
    opens, day = max(counted, key=lambda c: (c[0], -abs((c[1] - request.wished_date).days)))
    return _day(day, opens)


def _remote(pool: Pool, request: Request, verdicts: Verdicts) -> Alternative | None:
    """At a distance, territory no longer matters: only whether they accept remote interventions."""
    if request.remote:
        return None
    everyone = np.ones(len(pool.ids), dtype=bool)  # nor does the site of a company visit
    return _at_a_distance(verdicts.count(remote=pool.remote_ok, territory=everyone, site=everyone, group=everyone))


def _another_sector(pool: Pool, search: Search, verdicts: Verdicts) -> Alternative | None:
    """One more professional domain close to those asked (any, for a request naming none), the one opening the most
    ambassadors, the closest on a tie."""
    sectors = search.sectors
    asked = [sectors.domain_code(label) for label in search.request.sectors]
    offered = sectors.close_to(asked) if asked else tuple(sectors.domains)
    positions = {code: position for position, code in enumerate(sectors.domains)}
    counted = [
        (verdicts.count(subject=verdicts.kept["subject"] | ((pool.domains >> positions[code]) & 1 == 1)), -rank, code)
        for rank, code in enumerate(offered)
    ]
    if not counted:
        return None
    opens, _, code = max(counted)
    return _sector(search.request, sectors, code, opens)


def _another_type(pool: Pool, search: Search, verdicts: Verdicts) -> Alternative | None:
    """Another type of intervention, the one opening the most ambassadors; a company visit brings its own rules of
    place (the site, its distance, the group's size)."""
    request = search.request
    counted = [
        (verdicts.count(type=(pool.types >> position) & 1 == 1, **_where(pool, search, kind)), position)
        for position, kind in enumerate(INTERVENTION_TYPES)
        if kind not in request.intervention_types
    ]
    if not counted:
        return None
    opens, position = max(counted, key=lambda c: c[0])
    return _type(position, opens)


def _where(pool: Pool, search: Search, kind: str) -> dict[str, np.ndarray]:
    """The verdicts of the rules of place for the request turned into `kind`."""
    turned = replace(search, request=replace(search.request, intervention_types=(kind,)))
    return {name: RULE_OF[name].keeps(pool, turned) for name in ("territory", "site", "group")}


def _day(day: date, opens: int) -> Alternative:
    return Alternative(
        f"date-{day:%Y%m%d}",
        f"le {format_long_date(day)}",
        opens,
        (("Date souhaitée", format_date(day)), ("Date alternative", "")),
        lambda request: replace(request, wished_date=day, alternative_date=None),
    )


def _at_a_distance(opens: int) -> Alternative:
    return Alternative(
        "distance",
        "une intervention à distance (visioconférence)",
        opens,
        (("Modalité", REMOTE),),
        lambda request: replace(request, remote=True),
    )


def _sector(request: Request, sectors: Sectors, code: str, opens: int) -> Alternative:
    label = sectors.domains[code]
    return Alternative(
        f"secteur-{code}",
        f"le secteur « {label} » en plus de ceux demandés",
        opens,
        (("Secteurs souhaités", ", ".join([*request.sectors, label])),),
        lambda request: replace(request, sectors=(*request.sectors, label)),
    )


def _type(position: int, opens: int) -> Alternative:
    kind = INTERVENTION_TYPES[position]
    return Alternative(
        f"type-{position}",
        f"une intervention de type « {kind} »",
        opens,
        (("Type d'intervention", kind),),
        lambda request: replace(request, intervention_types=(kind,)),
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
