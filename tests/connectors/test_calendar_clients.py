"""Invitations land at the same hour in every agenda: Thunderbird and Nextcloud (ical.js), Python's icalendar, and Paris
wall time, in winter, in summer, on the days the clocks change and across a change."""

import os
from datetime import datetime

import icalendar
import pytest

from connectors.calendar import ics
from orientest.core.invitations import Invitation
from tests.calendar_clients import MISSING, icaljs_available, read_with_icalendar, read_with_icaljs

STAMP = datetime(2026, 12, 3, 9, 0)
ORGANIZER = ("Réseau Orient'Est", "orientest@exemple.fr")
EVENTS = {
    "winter": (datetime(2027, 1, 14, 9, 0), datetime(2027, 1, 14, 11, 0)),
    "summer": (datetime(2027, 7, 28, 9, 0), datetime(2027, 7, 28, 11, 0)),
    "eve of summer time": (datetime(2027, 3, 27, 14, 0), datetime(2027, 3, 27, 16, 0)),
    "first day of summer time": (datetime(2027, 3, 28, 9, 0), datetime(2027, 3, 28, 10, 30)),
    "first day of winter time": (datetime(2027, 10, 31, 9, 0), datetime(2027, 10, 31, 11, 0)),
    "across the autumn change": (datetime(2027, 10, 30, 22, 0), datetime(2027, 10, 31, 6, 0)),
    "across the spring change": (datetime(2028, 3, 25, 23, 0), datetime(2028, 3, 26, 5, 0)),
    "a later year": (datetime(2036, 6, 2, 14, 0), datetime(2036, 6, 2, 16, 0)),
}


def _calendar(cancelled: bool = False) -> str:
    invitations = tuple(
        Invitation(f"{name}@orientest", start, end, name, "Collège Foch, Bischwiller", "", (), 1, cancelled)
        for name, (start, end) in EVENTS.items()
    )
    return ics(invitations, "Europe/Paris", STAMP, ORGANIZER).decode()


@pytest.fixture(scope="module")
def icaljs():
    if not icaljs_available():
        pytest.fail(MISSING) if os.environ.get("CI") else pytest.skip(MISSING)
    return read_with_icaljs


@pytest.mark.parametrize("cancelled", [False, True], ids=["request", "cancel"])
def test_thunderbird_and_nextcloud_put_every_event_at_its_paris_hour(icaljs, cancelled):
    (seen,) = icaljs([_calendar(cancelled)])
    assert {event.uid.removesuffix("@orientest"): (event.start, event.end) for event in seen} == EVENTS


def test_python_s_icalendar_puts_every_event_at_its_paris_hour():
    seen = read_with_icalendar(_calendar())
    assert {event.uid.removesuffix("@orientest"): (event.start, event.end) for event in seen} == EVENTS


def test_the_time_zone_is_written_as_its_yearly_rules_not_a_list_of_dates():
    text = _calendar().replace("\r\n ", "")
    assert "RDATE" not in text
    assert text.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3") == 1
    assert text.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10") == 1
    assert text.count("BEGIN:VTIMEZONE") == 1


def test_the_checker_sees_an_hour_late_when_summer_time_is_missing(icaljs):
    """The zone icalendar writes by itself, one comma-separated RDATE: ical.js misses summer time (the old bug)."""
    calendar = icalendar.Calendar.from_ical(_calendar())
    calendar.subcomponents = [part for part in calendar.subcomponents if part.name != "VTIMEZONE"]
    calendar.add_missing_timezones()
    (seen,) = icaljs([calendar.to_ical().decode()])
    summer = next(event for event in seen if event.uid == "summer@orientest")
    assert summer.start == datetime(2027, 7, 28, 10, 0)


def test_an_event_without_an_agreed_hour_is_the_whole_day_in_every_client(icaljs):
    undecided = Invitation(
        "sans-heure@orientest",
        datetime(2027, 7, 28, 9, 0),
        datetime(2027, 7, 28, 12, 0),
        "Intervention Orient'Est – Collège Foch (horaire à convenir)",
        "Collège Foch, Bischwiller",
        "",
        (),
        1,
        all_day=True,
    )
    text = ics((undecided,), "Europe/Paris", STAMP, ORGANIZER).decode()
    assert "DTSTART;VALUE=DATE:20270728" in text
    for (event,) in (icaljs([text])[0], read_with_icalendar(text)):
        assert event.all_day and (event.start, event.end) == (datetime(2027, 7, 28), datetime(2027, 7, 29))
        assert event.said_in("- Date : mercredi 28 juillet 2027, le matin, horaire à convenir entre A et B")
        assert not event.said_in("- Date : mercredi 28 juillet 2027, de 9 h à 12 h")
