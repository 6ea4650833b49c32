"""Calendar invitations for a confirmed intervention: times from the slot, the same event for both sides."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

SLOT_STARTS = {"Matin": time(9, 0), "Après-midi": time(14, 0), "Journée": time(9, 0)}
DEFAULT_HOURS = {"Matin": Decimal(3), "Après-midi": Decimal(3), "Journée": Decimal(7)}


@dataclass(frozen=True)
class Invitation:
    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str
    description: str
    organizer: str
    attendees: tuple[str, ...]


def interval(day: date, slot: str, hours: Decimal | None) -> tuple[datetime, datetime]:
    """When it takes place: the slot gives the start, the duration (or the slot's length) the end."""
    start = datetime.combine(day, SLOT_STARTS.get(slot, time(9, 0)))
    length = hours or DEFAULT_HOURS.get(slot, Decimal(2))
    return start, start + timedelta(minutes=int(length * 60))
