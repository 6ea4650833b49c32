"""Who an event invites: its filters (départements, sectors, profiles) match an ambassador sharing one of their
options; empty, everyone; « Nouveaux ambassadeurs », those who signed up in the last twelve months."""

from datetime import date, timedelta

from orientest.ambassadors.reading import Ambassador
from orientest.events.reading import NEWCOMERS, Event
from orientest.forms.options import ZONES
from orientest.reference.territory import DEPARTMENTS

REGION = ZONES[0]
NEW_FOR = timedelta(days=365)


def invites(event: Event, ambassador: Ambassador, today: date) -> bool:
    return (
        _covers(event.departments, _departments(ambassador))
        and _covers(event.sectors, ambassador.sectors)
        and _covers(event.profiles, (ambassador.profile,))
        and (event.audience != NEWCOMERS or _new(ambassador, today))
    )


def _covers(wanted: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    return not wanted or bool(set(wanted) & set(theirs))


def _departments(ambassador: Ambassador) -> tuple[str, ...]:
    """Where they go: the départements of their zone, else their commune's; the whole region counts everywhere."""
    if ambassador.departments:
        return ambassador.departments
    if ambassador.commune and ambassador.zone != REGION:
        return (ambassador.commune.department,)
    return tuple(DEPARTMENTS)


def _new(ambassador: Ambassador, today: date) -> bool:
    return ambassador.submitted_at is not None and today - ambassador.submitted_at.date() <= NEW_FOR
