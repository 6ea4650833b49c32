"""The days schools are closed: public holidays checked against the `holidays` package, Alsace-Moselle's own, and
the school holidays of zone B shipped in `data/`."""

from datetime import date, timedelta

import holidays
import pytest

from orientest.reference.school_calendar import easter, public_holidays


@pytest.mark.parametrize("year", range(2024, 2036))
@pytest.mark.parametrize("department, subdivision", [("54", None), ("57", "57"), ("67", "6AE"), ("68", "6AE")])
def test_public_holidays_are_those_of_france_and_of_alsace_moselle(year, department, subdivision):
    expected = holidays.France(years=year, subdiv=subdivision, language="fr")
    assert public_holidays(year, department) == dict(expected)


def test_easter_falls_on_its_known_sundays():
    assert [easter(year) for year in (2027, 2028, 2038)] == [date(2027, 3, 28), date(2028, 4, 16), date(2038, 4, 25)]


def test_good_friday_closes_schools_in_strasbourg_and_metz_only(referential):
    good_friday = date(2027, 3, 26)
    assert referential.calendar.closed(good_friday, "67") == "Vendredi saint, jour férié"
    assert referential.calendar.closed(good_friday, "57") == "Vendredi saint, jour férié"
    assert referential.calendar.closed(good_friday, "51") == ""


def test_school_holidays_of_zone_b_close_every_day_from_first_to_last(referential):
    christmas = [date(2026, 12, 19) + timedelta(days=n) for n in range(16)]
    assert {referential.calendar.closed(day, "54") for day in christmas} - {
        "Noël, jour férié",
        "Jour de l'an, jour férié",
        "un dimanche",
    } == {"Vacances de Noël, zone B"}
    assert referential.calendar.closed(date(2026, 12, 18), "54") == ""
    assert referential.calendar.closed(date(2027, 1, 4), "54") == ""
    assert referential.calendar.closed(date(2027, 7, 28), "08") == "Vacances d'été, zone B"


def test_sundays_are_closed_whatever_the_zone(referential):
    assert referential.calendar.in_zone("").closed(date(2027, 3, 14), "54") == "un dimanche"


def test_another_zone_has_its_own_school_holidays(referential):
    winter_a, winter_b = date(2027, 2, 15), date(2027, 3, 1)  # zone A from 13/02, zone B from 20/02
    assert referential.calendar.in_zone("B").closed(winter_b, "54") == "Vacances d'hiver, zone B"
    assert referential.calendar.in_zone("A").closed(winter_a, "54") == "Vacances d'hiver, zone A"
    assert referential.calendar.in_zone("B").closed(winter_a, "54") == ""


def test_without_a_zone_only_sundays_and_public_holidays_close(referential):
    calendar = referential.calendar.in_zone("")
    assert calendar.closed(date(2027, 7, 28), "08") == ""
    assert calendar.closed(date(2027, 7, 14), "08") == "Fête nationale, jour férié"
