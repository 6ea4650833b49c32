"""Each hard rule, table-driven, on a small pool: it excludes exactly what it should."""

from datetime import date

import numpy as np
import pytest

from orientest.ambassadors.reading import read_ambassador
from orientest.board.pool import Member, build_pool
from orientest.matching import rules
from orientest.requests.reading import read_request
from tests.factories import active_ambassador, request_answers, row

TUESDAY = date(2026, 11, 10)


def _pool(referential, *changes_list, eligible=None):
    members = []
    for n, changes in enumerate(changes_list):
        ambassador, anomalies = read_ambassador(row(active_ambassador(f"AMB-{n:05d}", changes)), referential)
        assert anomalies == []
        members.append(Member(ambassador, True if eligible is None else eligible[n]))
    return build_pool(members, referential.sectors, {"67482": 0, "68066": 1})


def _request(referential, changes=None):
    request, anomalies = read_request(row({**request_answers(changes), "ID": "DEM-2026-00001"}), referential)
    assert anomalies == []
    return request


def _kept(mask) -> list[int]:
    return list(np.flatnonzero(mask))


@pytest.mark.parametrize(
    "rule, ambassadors, asked_for, kept",
    [
        ("serves_public", [{"Publics": "Lycéens"}, {"Publics": "Collégiens, Lycéens"}], {"Public": "Collégiens"}, [1]),
        ("offers_type", [{"Types d'intervention": "Démonstration"}, {}], {}, [1]),
        (
            "speaks_to",
            [{"Secteurs": "Santé", "Thématiques transversales": ""}, {"Secteurs": "Santé"}, {}],
            {"Secteurs souhaités": "Industrie", "Thématique souhaitée": "Mixité des métiers"},
            [1, 2],
        ),
        ("accepts_remote", [{"Interventions à distance": "Non"}, {}], {"Modalité": "À distance"}, [1]),
        ("accepts_remote", [{"Interventions à distance": "Non"}, {}], {"Modalité": "Présentiel"}, [0, 1]),
    ],
)
def test_rule_on_answers(referential, rule, ambassadors, asked_for, kept):
    pool = _pool(referential, *ambassadors)
    subject = _request(referential, asked_for)
    mask = (
        getattr(rules, rule)(pool, subject, referential.sectors)
        if rule == "speaks_to"
        else getattr(rules, rule)(pool, subject)
    )
    assert _kept(mask) == kept


TERRITORIES = [
    {"Zone d'intervention": "Région", "Commune de rattachement": "08105 Charleville-Mézières"},
    {"Zone d'intervention": "Département(s)", "Départements": "67 - Bas-Rhin"},
    {"Zone d'intervention": "Département(s)", "Départements": "68 - Haut-Rhin, 57 - Moselle"},
    {
        "Zone d'intervention": "Ville et environs",
        "Commune de rattachement": "Colmar",
        "Rayon de déplacement (km)": "60",
    },
    {
        "Zone d'intervention": "Ville et environs",
        "Commune de rattachement": "Colmar",
        "Rayon de déplacement (km)": "50",
    },
    {"Zone d'intervention": "Bassin d'emploi", "Commune de rattachement": "67000 Strasbourg"},
    {"Zone d'intervention": "Bassin d'emploi", "Commune de rattachement": "Colmar"},
]


def test_territory_for_a_request_in_strasbourg(referential):
    pool = _pool(referential, *TERRITORIES)
    # Colmar is 57.8 km from Strasbourg: inside a 60 km radius, outside a 50 km one.
    assert _kept(rules.covers_territory(pool, _request(referential), basin_of_request=0)) == [0, 1, 3, 5]


def test_remote_request_ignores_territory(referential):
    pool = _pool(referential, *TERRITORIES)
    remote = _request(referential, {"Modalité": "À distance"})
    assert _kept(rules.covers_territory(pool, remote, basin_of_request=0)) == list(range(len(TERRITORIES)))


def test_only_eligible_ambassadors_are_asked(referential):
    pool = _pool(referential, {}, {}, eligible=[False, True])
    assert _kept(rules.is_eligible(pool)) == [1]


def test_the_date_must_be_one_of_their_days(referential):
    pool = _pool(referential, {"Jours de disponibilité": "Lundi"}, {"Jours de disponibilité": "Mardi, Jeudi"})
    assert _kept(rules.works_on(pool, TUESDAY)) == [1]


def test_no_second_confirmed_intervention_that_day(referential):
    pool = _pool(referential, {}, {})
    calendar = rules.Calendar(busy={TUESDAY: frozenset({0})})
    assert _kept(rules.free_on(pool, TUESDAY, calendar)) == [1]
    assert _kept(rules.free_on(pool, date(2026, 11, 12), calendar)) == [0, 1]


def test_remaining_volume_counts_the_school_year_of_the_date(referential):
    pool = _pool(referential, {"Nombre maximal d'interventions par an": "2"}, {})
    calendar = rules.Calendar(load={(0, 2026): 2, (1, 2025): 9})
    assert _kept(rules.has_remaining_volume(pool, TUESDAY, calendar)) == [1]
    assert _kept(rules.has_remaining_volume(pool, date(2027, 9, 7), calendar)) == [0, 1]  # a new school year


def test_someone_already_asked_is_not_asked_again(referential):
    pool = _pool(referential, {}, {}, {})
    assert _kept(rules.not_already_asked(pool, {0, 2})) == [1]


def test_alternative_date_is_used_when_the_wished_one_does_not_suit(referential):
    pool = _pool(
        referential,
        {"Jours de disponibilité": "Mardi"},
        {"Jours de disponibilité": "Jeudi"},
        {"Jours de disponibilité": "Vendredi"},
    )
    request = _request(referential, {"Date souhaitée": "10/11/2026", "Date alternative": "12/11/2026"})
    allowed, use_alternative = rules.candidates(
        pool, rules.Search(request, referential.sectors, rules.Calendar(), basin=0)
    )
    assert _kept(allowed) == [0, 1] and list(use_alternative[:2]) == [0, 1]


def test_staff_are_told_why_someone_does_not_fit(referential):
    pool = _pool(referential, {"Publics": "Lycéens", "Jours de disponibilité": "Lundi"})
    search = rules.Search(_request(referential), referential.sectors, rules.Calendar(), basin=0)
    reasons = rules.reasons_against(pool, 0, search)
    assert reasons == [
        "ne s'adresse pas à ce public",
        "indisponible aux dates demandées (jour, autre intervention ou volume annuel atteint)",
    ]
