"""The white-zone table counts exactly the requests matching gave up on for lack of any ambassador who could serve
them, whatever the day: checked on generated networks against an oracle written from the charter's rules."""

from collections import Counter
from dataclasses import replace
from datetime import datetime

import pytest

from bench.matching import context as bench_context
from bench.matching import snapshot
from orientest.ambassadors.reading import Ambassador
from orientest.board import prepare
from orientest.context import Context
from orientest.core.journal import as_row
from orientest.core.schema import JOURNAL, Row, Table
from orientest.matching import run as matching
from orientest.reference.territory import DEPARTMENTS, great_circle_km
from orientest.reporting import indicators
from orientest.reporting.facts import facts_from
from orientest.requests.reading import Request
from orientest.statuses.requests import RequestStatus

NOW = datetime(2026, 10, 20, 18, 0)  # every search of the generated requests (Sept. 7–28) has run its course


def _could_serve(ambassador: Ambassador, eligible: bool, request: Request, basin_of, sectors) -> bool:
    """The oracle: the charter's hard rules read from the two records, one ambassador at a time, without the pool."""
    shared = set(ambassador.intervention_types) & set(request.intervention_types)
    visit = not request.remote and shared == {"Visite d'entreprise"}  # the group goes to the ambassador's site
    if visit and (
        ambassador.site_commune is None
        or ambassador.max_group is not None
        and request.participants > ambassador.max_group
    ):
        return False
    origin = ambassador.site_commune if visit else ambassador.commune
    if request.remote:
        place = ambassador.remote_ok
    elif request.commune is None or ambassador.commune is None and ambassador.zone != "Région":
        place = ambassador.zone == "Région"
    elif ambassador.zone == "Région":
        place = True
    elif ambassador.zone == "Département(s)":
        place = request.commune.department in ambassador.departments
    elif ambassador.zone == "Ville et environs":
        distance = great_circle_km(
            origin.latitude,
            origin.longitude,
            request.commune.latitude,
            request.commune.longitude,
        )
        place = distance <= (ambassador.radius_km or 0)
    else:  # the same employment bassin
        home = basin_of.get(ambassador.commune.insee)
        place = home is not None and home == basin_of.get(request.commune.insee)
    domains = {sectors.domain_code(label) for label in ambassador.sectors}
    subject = bool(domains & {sectors.domain_code(label) for label in request.sectors}) or bool(
        set(ambassador.themes) & set(request.themes)
    )
    return eligible and bool(set(ambassador.publics) & set(request.publics)) and bool(shared) and subject and place


def _department(request: Request) -> str:
    code = request.commune.department if request.commune else ""
    return f"{code} - {DEPARTMENTS[code]}" if code in DEPARTMENTS else "Hors Grand Est ou à distance"


@pytest.mark.parametrize("seed", [3, 17, 42])
def test_the_white_zone_table_counts_exactly_the_requests_nobody_could_serve(seed):
    tables = snapshot(ambassadors=40, requests=160, seed=seed)
    # A few ambassadors not yet active: they do not cover anything.
    people = list(tables["Ambassadeurs"].rows)
    for index in range(0, len(people), 5):
        people[index] = people[index].with_values({"Statut": "Suspendu"})
    tables["Ambassadeurs"] = replace(tables["Ambassadeurs"], rows=tuple(people))
    context = Context(NOW, bench_context().referential, b"white-zones-secret-white-zones-secret")
    board, _ = prepare(tables, context, matching.FLOW)
    plan = matching.decide(tables, context)

    given_up = {
        entry.record_id
        for entry in plan.journal
        if entry.action in ("statut : " + RequestStatus.NO_SOLUTION, "statut : " + RequestStatus.ALTERNATIVES_OFFERED)
    }
    basin_of = {row["Code INSEE"]: row["Bassin"] for row in tables["Bassins"].rows}
    sectors = context.referential.sectors
    nobody = {
        record_id
        for record_id in given_up
        if not any(
            _could_serve(member.ambassador, member.eligible, board.cases[record_id].request, basin_of, sectors)
            for member in board.pool.members
        )
    }
    # Both kinds are there: requests nobody could serve, and requests given up on though someone could (busy days).
    assert len(nobody) >= 5 and len(given_up - nobody) >= 1, (len(nobody), len(given_up))

    journal_rows = tuple(Row(line, as_row(entry), JOURNAL) for line, entry in enumerate(plan.journal, start=2))
    facts = facts_from({**tables, "Journal": Table(JOURNAL, journal_rows, JOURNAL.titles())}, context.referential)
    figures = indicators.white_zones(facts, indicators.month(2026, 10))
    expected = Counter(
        f"{_department(request)} × {subject}"
        for record_id in nobody
        for request in [board.cases[record_id].request]
        for subject in (*request.sectors, *request.themes)
    )
    assert {f.dimension: f.value for f in figures} == dict(expected)
