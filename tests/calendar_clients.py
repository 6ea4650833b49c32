"""Invitations read by the parsers people's calendars use: ical.js (Thunderbird, Nextcloud) through Node, icalendar
(Python); each event's start and end as the instant that client puts in the agenda, and as Paris wall time."""

import json
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

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

    def said_in(self, text: str) -> bool:
        """The e-mail states the same day and starting hour (« lundi 10 mai 2027, de 14 h »)."""
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
            Seen(event["uid"], calendar["method"], _paris(event["start"]), _paris(event["end"]))
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
            event.decoded("dtstart").astimezone(PARIS).replace(tzinfo=None),
            event.decoded("dtend").astimezone(PARIS).replace(tzinfo=None),
        )
        for event in calendar.walk("VEVENT")
    ]


def calendar_parts(message: EmailMessage) -> list[str]:
    return [part.get_content() for part in message.walk() if part.get_content_type() == "text/calendar"]


def _paris(instant: str) -> datetime:
    return datetime.fromisoformat(instant).astimezone(PARIS).replace(tzinfo=None)
