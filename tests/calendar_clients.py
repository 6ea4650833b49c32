"""Invitations read by the parsers people's calendars use: ical.js (Thunderbird, Nextcloud) through Node, icalendar
(Python); each event's start and end as the instant that client puts in the agenda, and as Paris wall time."""

import json
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, time
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from orientest.board.venue import TO_AGREE
from orientest.core.french import format_long_date, format_time

PARIS = ZoneInfo("Europe/Paris")
ICALJS = Path(__file__).resolve().parent / "e2e" / "icaljs"
MISSING = "ical.js manque : `make test` l'installe avec npm (npm ci --prefix tests/e2e/icaljs)"


@dataclass(frozen=True)
class Seen:
    """One event as a client shows it: in Paris wall time, from the instants it computed."""

    uid: str
    method: str
    start: datetime
    end: datetime
    all_day: bool = False

    def said_in(self, text: str) -> bool:
        """The e-mail states the same day and starting hour (« lundi 10 mai 2027, de 14 h »); for a whole-day event,
        the same day and that the hour is still to agree."""
        if self.all_day:
            return f"{format_long_date(self.start.date())}, " in text and TO_AGREE in text
        return f"{format_long_date(self.start.date())}, de {format_time(self.start)}" in text


def icaljs_available() -> bool:
    return shutil.which("node") is not None and (ICALJS / "node_modules" / "ical.js").is_dir()


def read_with_icaljs(calendars: list[str]) -> list[list[Seen]]:
    """Every calendar in one Node process: ical.js resolves each TZID from the calendar's own VTIMEZONE."""
    if not calendars:
        return []
    read = subprocess.run(
        ["node", str(ICALJS / "read.mjs")], input=json.dumps(calendars), capture_output=True, text=True, check=True
    )
    return [
        [
            Seen(
                event["uid"],
                calendar["method"],
                *(_day(event[end]) if event["allDay"] else _paris(event[end]) for end in ("start", "end")),
                event["allDay"],
            )
            for event in calendar["events"]
        ]
        for calendar in json.loads(read.stdout)
    ]


def read_with_icalendar(text: str) -> list[Seen]:
    calendar = icalendar.Calendar.from_ical(text)
    return [
        Seen(
            str(event["uid"]),
            str(calendar["method"]),
            *(_wall(event.decoded(end)) for end in ("dtstart", "dtend")),
            not isinstance(event.decoded("dtstart"), datetime),
        )
        for event in calendar.walk("VEVENT")
    ]


def _wall(moment: date | datetime) -> datetime:
    if isinstance(moment, datetime):
        return moment.astimezone(PARIS).replace(tzinfo=None)
    return datetime.combine(moment, time())  # a whole day: no instant, no zone


def calendar_parts(message: EmailMessage) -> list[str]:
    return [part.get_content() for part in message.walk() if part.get_content_type() == "text/calendar"]


def _day(instant: str) -> datetime:
    """A whole day as ical.js gives it: midnight UTC of that day, no zone applied."""
    return datetime.fromisoformat(instant).replace(tzinfo=None)


def _paris(instant: str) -> datetime:
    return datetime.fromisoformat(instant).astimezone(PARIS).replace(tzinfo=None)
