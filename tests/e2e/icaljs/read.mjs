// Reads calendars as Thunderbird and Nextcloud do (ical.js): stdin, a JSON array of iCalendar texts; stdout, for
// each calendar, its events with their start and end as UTC instants, each computed from the calendar's own VTIMEZONE.
import ICAL from "ical.js";

const texts = JSON.parse(await new Promise((done) => {
  let input = "";
  process.stdin.on("data", (chunk) => (input += chunk));
  process.stdin.on("end", () => done(input));
}));

const instant = (time) => new Date(time.toUnixTime() * 1000).toISOString();

const read = (text) => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  return {
    method: calendar.getFirstPropertyValue("method"),
    events: calendar.getAllSubcomponents("vevent").map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        zone: event.startDate.zone.tzid,
        start: instant(event.startDate),
        end: instant(event.endDate),
        allDay: event.startDate.isDate,
        summary: event.summary,
        location: event.location,
      };
    }),
  };
};

process.stdout.write(JSON.stringify(texts.map(read)));
