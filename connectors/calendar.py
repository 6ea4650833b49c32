"""iCalendar invitations (RFC 5545, iTIP RFC 5546) that Gmail, Outlook and Thunderbird show as invitations:
METHOD:REQUEST to add or update the event, METHOD:CANCEL to take it out."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from connectors.vtimezone import vtimezone
from orientest.core.invitations import Invitation


def method(invitations: tuple[Invitation, ...]) -> str:
    return "CANCEL" if invitations[0].cancelled else "REQUEST"


def ics(invitations: tuple[Invitation, ...], timezone: str, stamp: datetime, organizer: tuple[str, str]) -> bytes:
    """One calendar, its events all requested or all cancelled, with the time zone they use (VTIMEZONE); the
    organizer is the sending address, and nobody is asked to reply (nothing would read it)."""
    zone = ZoneInfo(timezone)
    calendar = Calendar()
    calendar.add("prodid", "-//Région Grand Est//orientest//FR")
    calendar.add("version", "2.0")
    calendar.add("method", method(invitations))
    calendar.add_component(vtimezone(timezone))
    for invitation in invitations:
        calendar.add_component(_event(invitation, zone, stamp, organizer))
    return calendar.to_ical()


def _event(invitation: Invitation, zone: ZoneInfo, stamp: datetime, organizer: tuple[str, str]) -> Event:
    event = Event()
    event.add("uid", invitation.uid)
    event.add("dtstamp", stamp.replace(tzinfo=zone))
    if invitation.all_day:  # no hour agreed yet: the day alone, as calendars show a whole day
        event.add("dtstart", invitation.start.date())
        event.add("dtend", invitation.start.date() + timedelta(days=1))
    else:
        event.add("dtstart", invitation.start.replace(tzinfo=zone))
        event.add("dtend", invitation.end.replace(tzinfo=zone))
    event.add("summary", invitation.summary)
    event.add("location", invitation.location)
    event.add("description", invitation.description)
    event.add("sequence", invitation.sequence)
    event.add("status", "CANCELLED" if invitation.cancelled else "CONFIRMED")
    name, address = organizer
    event["organizer"] = _address(name, address)
    for attendee_name, attendee_address in invitation.attendees:
        attendee = _address(attendee_name, attendee_address)
        attendee.params.update(
            {"role": vText("REQ-PARTICIPANT"), "partstat": vText("ACCEPTED"), "rsvp": vText("FALSE")}
        )
        event.add("attendee", attendee, encode=False)
    return event


def _address(name: str, address: str) -> vCalAddress:
    value = vCalAddress(f"mailto:{address}")
    if name:
        value.params["cn"] = vText(name)
    return value
