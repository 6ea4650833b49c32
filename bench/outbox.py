"""What recipients get, checked on a whole outbox (`make demo`'s by default), as their calendars and mail servers would.

    python -m bench.outbox [var/demo] [--no-spam]

- Calendars: for every event (request × ambassador) and each person who received it, the last version they got must
  match the workbook: a REQUEST at the `Date confirmée` while the ambassador still comes, a CANCEL once they do not;
  every later version has a higher SEQUENCE.
- Hours: every event as Thunderbird and Nextcloud read it (ical.js, `tests/e2e/icaljs`), in Paris time, at the day
  and hour its e-mail says (cancellations: at the day and hour of the version they cancel).
- Closed days: no intervention on a Sunday, a public holiday or in the school holidays of `Paramètres`' zone unless
  its requester was told so by e-mail (a structure open that day), and no day piste ever on one.
- Reminders: « dans N jours » (or « demain ») equals the days from the e-mail's date to the intervention.
- SpamAssassin, local rules (`spamassassin -L`, Debian's package): the score of every message.
One JSON object on standard output; exit status 1 when a check fails.
"""

import argparse
import itertools
import json
import mailbox
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from datetime import date, datetime
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime
from pathlib import Path

import vobject

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from connectors.mail import KEY_HEADER  # noqa: E402
from connectors.settings import Settings  # noqa: E402
from connectors.wiring import connect  # noqa: E402
from flows import archiving  # noqa: E402
from orientest.core.cells import ids as ambassador_ids  # noqa: E402
from orientest.core.french import MONTH_NAMES as MONTHS  # noqa: E402
from orientest.core.french import parse_date  # noqa: E402
from orientest.core.journal import OFFERED  # noqa: E402
from orientest.core.parameters import read_parameters  # noqa: E402
from orientest.requests.reading import read_request  # noqa: E402
from orientest.statuses import requests as request_life  # noqa: E402
from tests.calendar_clients import MISSING, calendar_parts, icaljs_available, read_with_icaljs  # noqa: E402

_REMINDER = re.compile(r"a lieu (demain|dans (\d+) jours), le \w+ (\d+) (\w+) (\d{4})")


def messages(outbox: Path) -> list:
    return [message_from_bytes(path.read_bytes(), policy=policy.default) for path in sorted(outbox.glob("*.eml"))]


def calendars(mails: list, expected: dict[str, tuple[bool, date | None]]) -> dict:
    """Each (event, person)'s versions in the order sent; the last one against the workbook."""
    versions = defaultdict(list)
    for mail in mails:
        sent = parsedate_to_datetime(mail["Date"])
        for part in mail.walk():
            if part.get_content_type() == "text/calendar":
                calendar = vobject.readOne(part.get_content())
                for event in calendar.vevent_list:
                    for person in mail["To"].addresses:
                        versions[(event.uid.value, person.addr_spec)].append(
                            (sent, int(event.sequence.value), calendar.method.value, _day(event.dtstart.value))
                        )
    wrong, not_rising = [], []
    for (uid, person), seen in versions.items():
        seen.sort()
        if any(later[1] <= earlier[1] for earlier, later in itertools.pairwise(seen)):
            not_rising.append(uid)
        coming, day = expected.get(uid.removesuffix("@orientest"), (False, None))
        _, _, method, start = seen[-1]
        expected_last = ("REQUEST", day) if coming else ("CANCEL", None)
        if (method, start if coming else None) != expected_last:
            wrong.append(f"{uid} → {person} : {method} {start}, attendu {' '.join(map(str, expected_last))}")
    cancelled = sum(1 for seen in versions.values() if seen[-1][2] == "CANCEL")
    moved = sum(1 for seen in versions.values() if len({v[3] for v in seen if v[2] == "REQUEST"}) > 1)
    return {
        "events × persons": len(versions),
        "ending cancelled": cancelled,
        "moved to another day": moved,
        "wrong last version": wrong,
        "sequence not rising": not_rising,
    }


def _day(start: date | datetime) -> date:
    return start.date() if isinstance(start, datetime) else start  # a whole-day event: a date already


def _everywhere(directory: Path, tab: str) -> list:
    """The rows of `tab` in the demo's workbook and in its archives (the year ends archived)."""
    connectors = connect(Settings(workbook=directory / "orientest-demo.xlsx", outbox=directory / "outbox"))
    return [row for _, _, snapshot in archiving.everywhere(connectors) for row in snapshot[tab].rows]


def expected_events(directory: Path) -> dict[str, tuple[bool, date | None]]:
    """`DEM-…-AMB-…` → whether that ambassador still comes, and on which day, as the workbook says."""
    expected = {}
    for row in _everywhere(directory, "Demandes"):
        coming = row["Statut"].strip() in request_life.MATCHED  # a no-show's event stays: the day was kept
        day = parse_date(row["Date confirmée"])
        for ambassador in ambassador_ids(row["Ambassadeur"]):
            expected[f"{row['ID'].strip()}-{ambassador}"] = (coming, day)
        if row["Nombre d'ambassadeurs souhaités"].strip() not in ("", "1"):  # a forum: one event for its requester
            expected[row["ID"].strip()] = (coming and bool(row["Ambassadeur"].strip()), day)
    return expected


def closed_days(directory: Path, mails: list) -> dict:
    """Interventions and day pistes on days schools are closed, as the workbook and the Journal hold them."""
    connectors = connect(Settings(workbook=directory / "orientest-demo.xlsx", outbox=directory / "outbox"))
    parameters, _ = read_parameters(connectors.workbook.read(["Paramètres"])["Paramètres"])
    requests, journal = _everywhere(directory, "Demandes"), _everywhere(directory, "Journal")
    school = connectors.referential.calendar.in_zone(parameters.school_holiday_zone)
    bodies = defaultdict(list)  # record ID → the plain text of every e-mail about it
    for mail in mails:
        about = str(mail.get(KEY_HEADER, "")).split(":")[1:2]  # template:record:…
        bodies["".join(about).strip()].append(mail.get_body(("plain",)).get_content())
    departments, told, untold = {}, [], []
    for row in requests:
        record_id, request = row["ID"].strip(), read_request(row, connectors.referential, lenient=True)[0]
        departments[record_id] = request.department if request else ""
        day = parse_date(row["Date confirmée"])
        if row["Statut"].strip() not in request_life.MATCHED or day is None:
            continue
        if why := school.closed(day, departments[record_id]):
            said = any(why in body for body in bodies[record_id])
            (told if said else untold).append(f"{record_id} le {day:%d/%m/%Y} : {why}")
    pistes = [
        f"{row['Référence']} : {code}"
        for row in journal
        if row["Action"] == OFFERED
        for code in row["Détail"].split()
        if code.startswith("date-")
        and school.closed(date.fromisoformat(code.removeprefix("date-")), departments.get(row["Référence"], ""))
    ]
    return {"interventions told": told, "interventions not told": untold, "day pistes": pistes}


def hours(mails: list) -> dict:
    """Each event's start as ical.js computes it, against the « lundi 10 mai 2027, de 14 h » of its e-mail."""
    if not icaljs_available():
        return {"skipped": MISSING}
    parts = [(mail, text) for mail in mails for text in calendar_parts(mail)]
    checked, wrong, starts = 0, [], {}
    for (mail, _), events in zip(parts, read_with_icaljs([text for _, text in parts]), strict=True):
        body = mail.get_body(("plain",)).get_content()
        for event in events:
            checked += 1
            if event.method == "REQUEST" and not event.said_in(body):
                wrong.append(f"{mail['Subject']} : {event.uid} lu à {event.start:%d/%m/%Y %H:%M}")
            elif event.method == "CANCEL" and starts.get(event.uid, event.start) != event.start:
                wrong.append(f"{mail['Subject']} : {event.uid} annulé à {event.start:%d/%m/%Y %H:%M}")
            starts[event.uid] = event.start
    return {"events read by ical.js": checked, "wrong hour": wrong}


def reminders(mails: list) -> dict:
    """« dans N jours » against the days really left from the e-mail's date."""
    checked, wrong = 0, []
    for mail in mails:
        text = mail.get_body(("plain",)).get_content()
        if (found := _REMINDER.search(text)) is None:
            continue
        said = 1 if found[1] == "demain" else int(found[2])
        day = date(int(found[5]), MONTHS.index(found[4]) + 1, int(found[3]))
        real = (day - parsedate_to_datetime(mail["Date"]).date()).days
        checked += 1
        if said != real:
            wrong.append(f"{mail['Subject']} : « {found[1]} », {real} jours en réalité")
    return {"reminders": checked, "wrong": wrong}


def spam_scores(mails: list) -> dict:
    """Every message through SpamAssassin's local rules in one run."""
    spamassassin = shutil.which("spamassassin")
    if spamassassin is None:
        return {"skipped": "spamassassin n'est pas installé (apt-get install spamassassin)"}
    with tempfile.TemporaryDirectory() as folder:
        box = mailbox.mbox(Path(folder) / "outbox.mbox")
        for mail in mails:
            box.add(mailbox.mboxMessage(mail.as_bytes()))
        box.flush()
        with open(Path(folder) / "outbox.mbox", "rb") as stream:
            checked = subprocess.run(
                [spamassassin, "-L", "-t", "--mbox"], stdin=stream, capture_output=True, check=True
            ).stdout.decode(errors="replace")
    found = re.findall(r"^X-Spam-Status: \w+, score=(-?[\d.]+) .*?tests=(.*?)\s+autolearn", checked, re.M | re.S)
    scores = sorted(((float(score), " ".join(tests.split())) for score, tests in found), reverse=True)
    return {
        "messages": len(scores),
        "max": scores[0][0] if scores else None,
        "at least 2": [f"{score} {tests}" for score, tests in scores if score >= 2],
        "highest rules": scores[0][1] if scores else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default="var/demo", type=Path)
    parser.add_argument("--no-spam", action="store_true", help="without SpamAssassin (a minute or two)")
    arguments = parser.parse_args()
    mails = messages(arguments.directory / "outbox")
    result = {
        "messages": len(mails),
        "calendars": calendars(mails, expected_events(arguments.directory)),
        "hours": hours(mails),
        "closed days": closed_days(arguments.directory, mails),
        "reminders": reminders(mails),
    }
    if not arguments.no_spam:
        result["spamassassin"] = spam_scores(mails)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    failed = (
        result["calendars"]["wrong last version"]
        or result["calendars"]["sequence not rising"]
        or result["hours"].get("wrong hour")
        or result["closed days"]["interventions not told"]
        or result["closed days"]["day pistes"]
        or result["reminders"]["wrong"]
        or result.get("spamassassin", {}).get("at least 2")
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
