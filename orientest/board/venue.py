"""Where an intervention takes place: at the structure, at the ambassador's site for a company visit, or at a distance.
One rule for matching (distances, group size), the e-mails and the calendar invitations."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from orientest.ambassadors.reading import Ambassador
from orientest.board.pool import Pool, bits
from orientest.board.state import Board, Case
from orientest.core.french import format_long_date, format_time
from orientest.forms.options import INTERVENTION_TYPES, VISIT
from orientest.requests.reading import Request

_VISIT_BIT = bits((VISIT,), INTERVENTION_TYPES)


def is_visit(request: Request, ambassador: Ambassador) -> bool:
    """A company visit: on site, a visit is the only kind of intervention the request and the ambassador share, so
    the group goes to the ambassador."""
    return not request.remote and set(request.intervention_types) & set(ambassador.intervention_types) == {VISIT}


def visits(pool: Pool, request: Request) -> np.ndarray:
    """`is_visit` for every ambassador at once."""
    if request.remote:
        return np.zeros(len(pool.ids), dtype=bool)
    return (pool.types & bits(request.intervention_types, INTERVENTION_TYPES)) == _VISIT_BIT


@dataclass(frozen=True)
class Venue:
    place: str  # after « Lieu : », and the invitation's LOCATION
    at_site: bool = False  # a company visit: the group goes to the ambassador's site
    remote: bool = False
    link: str = ""  # a remote session's address, when staff or the ambassador gave it
    safety_rules: str = ""  # the site's, for the visiting group

    @property
    def location(self) -> str:
        """What a calendar shows as the event's place."""
        return (self.link or "À distance") if self.remote else self.place


def where(case: Case, ambassador: Ambassador, given: str = "") -> Venue:
    """Where `ambassador` meets the case's group; a remote session's link is staff's « Lien de la visio », else the
    one their confirmation carried (`given`: maybe the ambassador's own)."""
    return venue(case.request, ambassador, case.staff.video_link or given)


def venue(request: Request, ambassador: Ambassador, link: str = "") -> Venue:
    if request.remote:
        return Venue("à distance", remote=True, link=link)
    if is_visit(request, ambassador):
        host = ambassador.structure or ambassador.full_name
        return Venue(_joined(host, ambassador.site_address), at_site=True, safety_rules=ambassador.safety_rules)
    return Venue(_joined(request.structure, request.address, request.commune.name if request.commune else ""))


def _joined(*parts: str) -> str:
    return ", ".join(part for part in parts if part)


def venue_of(board: Board, case: Case, ambassador: Ambassador) -> Venue:
    """Where they meet, with the link their confirmation carried if staff give none now."""
    accepted = board.ledger.proposals.get((case.id, ambassador.id))
    return where(case, ambassador, accepted.video_link if accepted else "")


SLOT_WORDS = {"Matin": "le matin", "Après-midi": "l'après-midi", "Journée": "sur la journée"}
TO_AGREE = "horaire à convenir"  # what e-mails and invitations say when the request gave no hour


def to_agree(request: Request, ambassador: Ambassador) -> str:
    """« le matin, horaire à convenir entre Claire Martin et Julien Weber »: no hour is made up (a forum's hours are
    its structure's)."""
    slot = SLOT_WORDS.get(request.slot, "")
    between = (
        f"fixé par {request.structure}"
        if request.places > 1
        else f"entre {ambassador.full_name} et {request.contact_name}"
    )
    return f"{slot}{', ' if slot else ''}{TO_AGREE} {between}"


def when_where(board: Board, case: Case, ambassador: Ambassador, day: date) -> dict[str, Any]:
    """What `_when_where` shows: the day, the times, and the place: the structure, the ambassador's site for a
    company visit (with its safety rules), or the remote session's link. With it, `_summary` drops the dates the
    request asked for: the day agreed is the only one shown."""
    start, end = case.request.interval(day)
    place = venue_of(board, case, ambassador)
    given = case.request.hour_given
    return {
        "day": format_long_date(day),
        "start": format_time(start),
        "end": format_time(end),
        "hour_given": given,
        "hours": f"de {format_time(start)} à {format_time(end)}" if given else to_agree(case.request, ambassador),
        "place": place.place,
        "remote": place.remote,
        "video_link": place.link,
        "at_site": place.at_site,
        "safety_rules": place.safety_rules,
        "fixed_day": True,
        "closed": board.closed(day, case.request),
    }
