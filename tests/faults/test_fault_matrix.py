"""Every flow that sends, under every mail fault, on both workbooks, through a real SMTP server (aiosmtpd).

After the fault and one good run, the workbook and what people received are those of a run without the fault: no
answer lost, no e-mail twice. Two faults leave a trace by design, said on the record for staff: a recipient refused
for good (5xx) is not written to again, and a message whose answer never came once it had gone in full (a timeout
mid-DATA) may have arrived, so it is not sent again either (« à vérifier »).
"""

import itertools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from imap_tools import MailBoxUnencrypted

from connectors.mail import MailServerError
from connectors.settings import Settings
from connectors.wiring import connect
from fakes.smtp_relay import Relay, free_port, running
from orientest.core.parameters import Parameters
from orientest.core.plan import RowAppend
from tests.conftest import google_settings, local_settings, staff_for
from tests.dovecot import PASSWORD, dovecot  # noqa: F401 — the session's IMAP server
from tests.staff import set_parameter
from tests.worlds import WORLDS, World, clone, new_workbook

RECORD_TABS = ("Demandes", "Ambassadeurs", "Réponses", "Retours", "Mises à jour", "Indicateurs")
FAULTS = ("connexion refusée", "STARTTLS refusé", "4xx au 2e message", "5xx pour un destinataire",
          "délai dépassé pendant DATA", "plafond quotidien atteint")
_mailboxes = itertools.count(1)


@dataclass
class Outcome:
    received: list[str]  # the keys of the messages the server took, in order
    to: dict[str, str]  # key → its first recipient
    tabs: dict[str, list[dict[str, str]]]
    events: Counter  # the Journal without its e-mail bookkeeping
    journal: list[dict[str, str]]
    mailbox: tuple[int, int] = (0, 0)  # replies waiting, replies filed


@dataclass(frozen=True)
class Template:
    settings: Settings
    world: World
    reference: Outcome


@pytest.fixture(scope="module")
def relay():
    with running(Relay()) as handler:
        yield handler


@pytest.fixture(scope="module")
def templates(tmp_path_factory, referential, request, relay):
    """Each world built once per workbook, and what a run without any fault makes of it."""
    built: dict[tuple[str, str], Template] = {}

    def template(flow: str, backend: str) -> Template:
        if (flow, backend) not in built:
            folder = tmp_path_factory.mktemp(f"{flow}-{backend}") / "monde"
            folder.mkdir()
            settings = _settings(folder, backend, flow, request)
            connectors = new_workbook(settings, referential)
            world = WORLDS[flow](connectors, staff_for(connectors, _api(request, backend)))
            reference = _run_without_fault(settings, world, backend, request, relay, tmp_path_factory)
            built[(flow, backend)] = Template(settings, world, reference)
        return built[(flow, backend)]
    return template


def _api(request, backend: str):
    return request.getfixturevalue("sheets_api") if backend == "google" else None


def _settings(folder: Path, backend: str, flow: str, request) -> Settings:
    replies = {}
    if flow == "replies":
        replies = {"reply_address": "reseau@exemple.fr", "authserv_id": "mx.exemple.fr",
                   **request.getfixturevalue("dovecot").settings("modele")}
    if backend == "google":
        return google_settings(folder, request.getfixturevalue("sheets_api"), **replies)
    return local_settings(folder, **replies)


def _copy(template_settings: Settings, world: World, backend: str, request, folder: Path) -> Settings:
    """A copy of the world, with its replies (if any) waiting in a mailbox of its own."""
    settings = clone(template_settings, folder, _api(request, backend))
    if not world.messages:
        return settings
    settings = settings.model_copy(update={"imap_username": f"copie{next(_mailboxes)}"})
    with _mailbox(settings) as box:
        for message in world.messages:
            box.append(message.as_bytes(), "INBOX")
    return settings


def _mailbox(settings: Settings, folder: str = "INBOX"):
    return MailBoxUnencrypted(settings.imap_host, settings.imap_port).login(settings.imap_username, PASSWORD,
                                                                          initial_folder=folder)


def _smtp(relay: Relay, **changes) -> dict:
    return {"mailer": "smtp", "smtp_host": "127.0.0.1", "smtp_port": relay.port, "smtp_security": "none",
            "smtp_timeout": 1.0, "smtp_retry_pause": 0.0, **changes}


def _run(settings: Settings, world: World, mail: dict) -> Exception | None:
    try:
        world.run(connect(settings.model_copy(update=mail)), world.now)
    except MailServerError as error:
        return error
    return None


def _run_without_fault(settings, world, backend, request, relay, tmp_path_factory) -> Outcome:
    copy = _copy(settings, world, backend, request, tmp_path_factory.mktemp("reference") / "monde")
    relay.received.clear()
    assert _run(copy, world, _smtp(relay)) is None
    return _outcome(copy, relay)


def _outcome(settings: Settings, relay: Relay) -> Outcome:
    snapshot = connect(settings).workbook.read([*RECORD_TABS, "Journal"])
    journal = [dict(row.values) for row in snapshot["Journal"].rows]
    events = Counter(tuple(row[title] for title in ("Date", "Référence", "Action", "Destinataire", "Résultat",
                                                       "Détail"))
                     for row in journal if not row["Action"].startswith("e-mail : "))
    mailbox = (0, 0)
    if settings.replies_on:
        with _mailbox(settings) as box:
            waiting = len(list(box.fetch(mark_seen=False)))
            filed = 0
            if box.folder.exists(settings.imap_done_folder):
                box.folder.set(settings.imap_done_folder)
                filed = len(list(box.fetch(mark_seen=False)))
            mailbox = (waiting, filed)
    return Outcome([str(m["X-Orientest-Key"]) for m in relay.received],
                   {str(m["X-Orientest-Key"]): str(m["To"]) for m in relay.received},
                   {tab: [dict(row.values) for row in snapshot[tab].rows] for tab in RECORD_TABS},
                   events, journal, mailbox)


def _nth(reference: Outcome) -> int:
    """The message the fault strikes: the second of the run, or its only one."""
    return min(2, len(reference.received))


def _inflict(fault: str, relay: Relay, reference: Outcome, settings: Settings, staff, now) -> dict:
    """Sets the fault up; returns the mail settings of the run that meets it."""
    relay.refuse_data, relay.refuse_rcpt, relay.stall_data, relay.data_count = [], {}, {}, 0
    relay.received.clear()
    nth = _nth(reference)
    if fault == "connexion refusée":
        return _smtp(relay, smtp_port=free_port())  # nothing listens there: the relay is down
    if fault == "STARTTLS refusé":
        return _smtp(relay, smtp_security="starttls")  # the relay offers no STARTTLS
    if fault == "4xx au 2e message":
        relay.refuse_data = [None] * (nth - 1) + ["451 4.3.0 Erreur temporaire, réessayez plus tard"] * 3
    elif fault == "5xx pour un destinataire":
        relay.refuse_rcpt = {_refused_address(fault, reference): "550 5.1.1 Adresse inconnue"}
    elif fault == "délai dépassé pendant DATA":
        relay.stall_data = {nth: 1.5}  # the client waits 1 s for the answer to the message
    elif fault == "plafond quotidien atteint":  # by another flow's e-mail, earlier today
        staff.edit("Paramètres", set_parameter("Plafond quotidien d'e-mails", "1"))
        connect(settings).workbook.write([], [RowAppend("Journal", {
            "Date": f"{now:%d/%m/%Y} 00:01", "Flux": "intake", "Référence": "AMB-09999", "Action": "e-mail : bienvenue",
            "Clé d'idempotence": "bienvenue:AMB-09999", "Résultat": "envoyé"})])
    return _smtp(relay)


def _heal(relay: Relay, staff) -> dict:
    relay.refuse_data, relay.refuse_rcpt, relay.stall_data = [], {}, {}
    staff.edit("Paramètres", set_parameter("Plafond quotidien d'e-mails", str(Parameters().daily_email_cap)))
    return _smtp(relay)


def _address(to: str) -> str:
    return to.split("<")[-1].rstrip(">").split(",")[0].strip()


@pytest.mark.parametrize("backend", ["xlsx", "google"])
@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("flow", list(WORLDS))
def test_after_a_mail_fault_and_one_good_run_nothing_is_lost_and_nothing_sent_twice(
        templates, tmp_path, request, relay, flow, fault, backend):
    template = templates(flow, backend)
    reference, world = template.reference, template.world
    settings = _copy(template.settings, world, backend, request, tmp_path / "monde")

    staff = staff_for(connect(settings), _api(request, backend))
    failed = _run(settings, world, _inflict(fault, relay, reference, settings, staff, world.now))
    relay.wait_until_idle()  # a message the server answered too late is in
    during = list(map(str, (m["X-Orientest-Key"] for m in relay.received)))
    relay.received.clear()
    assert (failed is not None) == (fault in ("connexion refusée", "STARTTLS refusé"))
    assert _run(settings, world, _heal(relay, staff)) is None
    after = _outcome(settings, relay)
    received = during + after.received

    assert len(received) == len(set(received)), "an e-mail was sent twice"
    assert set(received) <= set(reference.received), "an e-mail nobody decided was sent"
    refused = _refused_address(fault, reference)
    failed = {row["Clé d'idempotence"] for row in after.journal if row["Résultat"] == "échec"}
    failed_for_good = {row["Clé d'idempotence"] for row in after.journal
                       if row["Résultat"] == "échec" and refused and refused in row["Destinataire"]}
    to_check = {row["Clé d'idempotence"] for row in after.journal if row["Résultat"] == "à vérifier"}
    assert bool(failed) == (fault not in ("délai dépassé pendant DATA", "plafond quotidien atteint"))
    assert bool(failed_for_good) == bool(refused)
    assert (len(during) < len(reference.received)) == (fault != "délai dépassé pendant DATA")
    assert set(reference.received) - set(received) <= failed_for_good, "an e-mail was lost"
    assert bool(to_check) == (fault == "délai dépassé pendant DATA")
    assert to_check <= set(received)  # the server did take it, late: it is not sent again
    assert after.events == reference.events, "a decision was lost, taken twice or taken otherwise"
    assert after.mailbox == reference.mailbox
    for tab in RECORD_TABS:
        for got, want in zip(after.tabs[tab], reference.tabs[tab], strict=True):
            noted, expected = got.pop("Anomalies", ""), want.pop("Anomalies", "")
            assert got == want, f"{tab} differs"
            extra = set(noted.splitlines()) - set(expected.splitlines())
            assert all(_said_to_staff(line, fault) for line in extra), extra


def _refused_address(fault: str, reference: Outcome) -> str:
    if fault != "5xx pour un destinataire":
        return ""
    return _address(reference.to[reference.received[_nth(reference) - 1]])


def _said_to_staff(line: str, fault: str) -> bool:
    if fault == "5xx pour un destinataire":
        return "non remis" in line and "550" in line
    return fault == "délai dépassé pendant DATA" and "peut-être non reçu" in line
