"""iCalendar invitations (RFC 5545) that Gmail and Outlook show as invitations: METHOD:REQUEST."""

from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from orientest.core.invitations import Invitation


def ics(invitation: Invitation, timezone: str, stamp: datetime) -> bytes:
    zone = ZoneInfo(timezone)
    calendar = Calendar()
    calendar.add("prodid", "-//Région Grand Est//orientest//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", invitation.uid)
    event.add("dtstamp", stamp.replace(tzinfo=zone))
    event.add("dtstart", invitation.start.replace(tzinfo=zone))
    event.add("dtend", invitation.end.replace(tzinfo=zone))
    event.add("summary", invitation.summary)
    event.add("location", invitation.location)
    event.add("description", invitation.description)
    event.add("sequence", 0)
    event.add("status", "CONFIRMED")
    if invitation.organizer:
        organizer = vCalAddress(f"mailto:{invitation.organizer}")
        organizer.params["cn"] = vText("Réseau Orient'Est")
        event["organizer"] = organizer
    for address in invitation.attendees:
        attendee = vCalAddress(f"mailto:{address}")
        attendee.params.update({"role": vText("REQ-PARTICIPANT"), "partstat": vText("NEEDS-ACTION"),
                                "rsvp": vText("TRUE")})
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()
