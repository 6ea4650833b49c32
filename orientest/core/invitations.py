"""Calendar invitations for a confirmed intervention: times from the slot; one event per (request, ambassador),
sent again, with a higher sequence, when it is cancelled."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

SLOT_STARTS = {"Matin": time(9, 0), "Après-midi": time(14, 0), "Journée": time(9, 0)}
DEFAULT_HOURS = {"Matin": Decimal(3), "Après-midi": Decimal(3), "Journée": Decimal(7)}
_EPOCH = datetime(2026, 1, 1)


@dataclass(frozen=True)
class Invitation:
    """One event in the calendars of the ambassador and the requester; `cancelled`: METHOD:CANCEL, it leaves them."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str
    description: str
    attendees: tuple[tuple[str, str], ...]  # (name, address)
    sequence: int
    cancelled: bool = False
    all_day: bool = False  # no hour was given: the day only, « horaire à convenir » in its title


def interval(day: date, slot: str, hours: Decimal | None, start_time: time | None = None) -> tuple[datetime, datetime]:
    """When it takes place: the hour given (else the slot's usual start) and the duration (else the slot's length)."""
    start = datetime.combine(day, start_time or SLOT_STARTS.get(slot, time(9, 0)))
    length = hours or DEFAULT_HOURS.get(slot, Decimal(2))
    return start, start + timedelta(minutes=int(length * 60))


def sequence_at(now: datetime) -> int:
    """Minutes since 2026: every later version of an event gets a higher SEQUENCE, with no counter to keep (calendars
    only compare them)."""
    return max(int((now.replace(tzinfo=None) - _EPOCH).total_seconds() // 60), 0)
