"""A time zone as calendar clients rebuild it: one STANDARD and one DAYLIGHT part, each with its yearly rule (RRULE),
the form Outlook writes. icalendar's own VTIMEZONE lists every change of time in one comma-separated RDATE, and
ical.js (Thunderbird, Nextcloud) reads only its first value: summer events came one hour late there."""

import re
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from pathlib import Path

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

FIRST_YEAR = 1970  # the parts' DTSTART: the rule's first change of time that year, before any event
_WEEKDAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")  # POSIX counts weekdays from Sunday
_NAME = r"(<[^>]+>|[A-Za-z]{3,})"
_OFFSET = r"([+-]?\d{1,2}(?::\d{2}){0,2})"
_RULE = r"M(\d{1,2})\.(\d)\.(\d)(?:/" + _OFFSET + ")?"
_POSIX = re.compile(rf"^{_NAME}{_OFFSET}(?:{_NAME}{_OFFSET}?,{_RULE},{_RULE})?$")


@dataclass(frozen=True)
class Change:
    """A yearly change of time: the `week`-th `weekday` of `month` (week 5: the last), at `at` local time."""

    month: int
    week: int
    weekday: int
    at: timedelta

    def rrule(self) -> dict[str, object]:
        nth = -1 if self.week == 5 else self.week
        return {"freq": "YEARLY", "bymonth": self.month, "byday": f"{nth}{_WEEKDAYS[self.weekday]}"}

    def first(self, year: int) -> datetime:
        """The change's local date and time in `year`."""
        start = date(year, self.month, 1)
        days = [start + timedelta(n) for n in range(31) if (start + timedelta(n)).month == self.month]
        matching = [day for day in days if (day.weekday() + 1) % 7 == self.weekday]
        day = matching[-1] if self.week == 5 else matching[self.week - 1]
        return datetime.combine(day, datetime.min.time()) + self.at


@cache
def vtimezone(key: str) -> Timezone:
    """The zone's VTIMEZONE from its rule for today and the years to come (the TZif file's POSIX footer)."""
    rule = _POSIX.match(_posix_rule(key))
    if rule is None:
        raise ValueError(f"fuseau horaire {key} : règle de changement d'heure illisible")
    standard_name, standard_offset = rule[1].strip("<>"), -_duration(rule[2])
    zone = Timezone()
    zone.add("tzid", key)
    if rule[3] is None:
        zone.add_component(_part(TimezoneStandard(), standard_name, standard_offset, standard_offset))
        return zone
    summer_offset = -_duration(rule[4]) if rule[4] else standard_offset + timedelta(hours=1)
    spring = Change(int(rule[5]), int(rule[6]), int(rule[7]), _duration(rule[8] or "2"))
    autumn = Change(int(rule[9]), int(rule[10]), int(rule[11]), _duration(rule[12] or "2"))
    zone.add_component(_part(TimezoneDaylight(), rule[3].strip("<>"), standard_offset, summer_offset, spring))
    zone.add_component(_part(TimezoneStandard(), standard_name, summer_offset, standard_offset, autumn))
    return zone


def _part(
    part: TimezoneStandard | TimezoneDaylight,
    name: str,
    before: timedelta,
    after: timedelta,
    change: Change | None = None,
) -> TimezoneStandard | TimezoneDaylight:
    part.add("dtstart", change.first(FIRST_YEAR) if change else datetime(FIRST_YEAR, 1, 1))
    if change:
        part.add("rrule", change.rrule())
    part.add("tzname", name)
    part.add("tzoffsetfrom", before)
    part.add("tzoffsetto", after)
    return part


def _duration(text: str) -> timedelta:
    """A POSIX offset or time, `-1` or `+5:30` or `3`: hours, then minutes and seconds."""
    sign = -1 if text.startswith("-") else 1
    hours, minutes, seconds = ([int(part) for part in text.lstrip("+-").split(":")] + [0, 0])[:3]
    return sign * timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _posix_rule(key: str) -> str:
    """The last line of the zone's TZif file (version 2 and later): its rule for every year after its table."""
    data = _tzif(key).read_bytes().rstrip(b"\n")
    return data.rsplit(b"\n", 1)[-1].decode("ascii")


def _tzif(key: str) -> Path:
    """The file `zoneinfo` itself reads: the system's tz database first, the `tzdata` package otherwise."""
    for root in zoneinfo.TZPATH:
        candidate = Path(root, key)
        if candidate.is_file():
            return candidate
    return Path(str(resources.files("tzdata").joinpath("zoneinfo", *key.split("/"))))
