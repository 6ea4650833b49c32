"""A line of `Rencontres` as a record: what staff planned (when, where, for whom, how many places), who registered
and who came; or why it cannot be announced yet."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from orientest.context.referential import Referential
from orientest.core.cells import ids, web_address
from orientest.core.choices import Choices
from orientest.core.fingerprint import locator
from orientest.core.plan import RowKey
from orientest.core.schema import EVENT_AUDIENCES, EVENT_KINDS, EVENTS, Row, Table
from orientest.forms.fields import FieldReader, anomalies_text
from orientest.forms.options import DEPARTMENT, PROFILES

ALL, NEWCOMERS = EVENT_AUDIENCES
TRAINING = "Formation"
KIND = Choices(EVENT_KINDS, {"Réunion": "Rencontre", "Atelier": "Formation", "Visio": "Webinaire"})
AUDIENCE = Choices(EVENT_AUDIENCES, {"Tout le réseau": ALL, "Nouveaux": NEWCOMERS, "Nouvelles recrues": NEWCOMERS})
PROFILE = Choices(PROFILES)
# French agrees with the kind: « la formation », « un webinaire ».
DEFINITE = {"Rencontre": "la rencontre", "Formation": "la formation", "Webinaire": "le webinaire"}
INDEFINITE = {"Rencontre": "une rencontre", "Formation": "une formation", "Webinaire": "un webinaire"}
_EVENT_ID = re.compile(r"^REN-(\d+)$")


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    kind: str
    day: date
    start: time | None
    end: time | None
    place: str
    video_link: str
    audience: str
    departments: tuple[str, ...]  # codes, « 67 »
    sectors: tuple[str, ...]
    profiles: tuple[str, ...]
    places: int | None  # None: as many as come

    @property
    def starts(self) -> datetime:
        return datetime.combine(self.day, self.start or time(9, 0))

    @property
    def ends(self) -> datetime:
        """As staff said, else two hours after it starts."""
        return datetime.combine(self.day, self.end) if self.end else self.starts + timedelta(hours=2)

    @property
    def is_training(self) -> bool:
        return self.kind == TRAINING


@dataclass(frozen=True)
class EventLine:
    """A line as read: the event (None while something staff typed does not read), its problems, and where the
    registrations stand on it."""

    line: int
    key: RowKey
    id: str
    title: str  # as typed: a line without one is not an event yet
    event: Event | None
    problems: str
    registered: tuple[str, ...]
    waiting: tuple[str, ...]
    attended: tuple[str, ...]
    invited: str
    anomalies: str  # as read


def read_event_lines(table: Table | None, referential: Referential) -> list[EventLine]:
    return [_line(row, referential) for row in (table.rows if table else ()) if row["Titre"].strip()]


def next_event_id(lines: list[EventLine]) -> str:
    """The next free « REN-0001 »: IDs are given once, never reused."""
    numbers = [int(found[1]) for line in lines if (found := _EVENT_ID.match(line.id))]
    return f"REN-{max(numbers, default=0) + 1:04d}"


def _line(row: Row, referential: Referential) -> EventLine:
    event, problems = _event(row, referential)
    event_id = row["ID"].strip()
    return EventLine(
        row.line,
        RowKey(id=event_id) if event_id else RowKey(locator=locator(row, EVENTS)),
        event_id,
        row["Titre"].strip(),
        event,
        problems,
        ids(row["Inscrits"]),
        ids(row["Liste d'attente"]),
        ids(row["Présents"]),
        row["Invités"].strip(),
        row["Anomalies"].strip(),
    )


def _event(row: Row, referential: Referential) -> tuple[Event | None, str]:
    read = FieldReader(row)
    title = read.text("Titre", required=True, header_safe=True, max_length=120)
    kind = read.one("Type", KIND, required=True)
    day = read.date("Date", required=True)
    start, end = read.time("Heure de début"), read.time("Heure de fin")
    if start and end and end <= start:
        read.problem("Heure de fin", "avant l'heure de début")
    place = read.text("Lieu", header_safe=True, max_length=200)
    link = read.text("Lien de la visio", header_safe=True, max_length=500)
    if link and not web_address(link):
        read.problem("Lien de la visio", f"« {link[:60]} » n'est pas une adresse de page (https://…)")
    if not place and not link:
        read.problem("Lieu", "à renseigner (ou un lien de visio)")
    audience = read.one("Pour qui", AUDIENCE) or ALL
    departments = tuple(label[:2] for label in read.many("Départements", DEPARTMENT))
    sectors = read.many("Secteurs", referential.sectors.choices)
    profiles = read.many("Profils", PROFILE)
    places = read.integer("Places", 1, 10_000)
    if read.anomalies or day is None:
        return None, anomalies_text(read.anomalies_in_column_order(EVENTS))
    event = Event(
        row["ID"].strip(), title, kind, day, start, end, place, link, audience, departments, sectors, profiles, places
    )
    return event, ""
