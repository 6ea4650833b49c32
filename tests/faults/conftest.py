"""The worlds of `tests/worlds.py`, each built once per workbook, copied for every fault, with what a run without
any fault makes of it; and what a run leaves behind, as a person would check it."""

import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from imap_tools import MailBoxUnencrypted

from connectors.mail import MailServerError
from connectors.settings import Settings
from connectors.wiring import connect
from fakes.smtp_relay import Relay, running
from tests.conftest import google_settings, local_settings, staff_for
from tests.dovecot import PASSWORD, dovecot  # noqa: F401 — the session's IMAP server
from tests.worlds import WORLDS, World, clone, new_workbook

RECORD_TABS = ("Demandes", "Ambassadeurs", "Réponses", "Retours", "Mises à jour", "Indicateurs")
_mailboxes = itertools.count(1)


@dataclass
class Outcome:
    """What people received, and what the workbook and the replies mailbox now say."""

    received: list[str]  # the keys of the messages the server took, in order
    to: dict[str, str]  # key → its recipients
    tabs: dict[str, list[dict[str, str]]]
    events: Counter  # the Journal's events
    sendings: list[dict[str, str]]  # `Envois`: each e-mail planned, then handed over or not
    mailbox: tuple[int, int] = (0, 0)  # replies waiting, replies filed

    def with_keys(self, result: str) -> set[str]:
        """Keys of e-mails `Envois` shows with `result` (« échec », « à vérifier »…)."""
        return {row["Clé d'idempotence"] for row in self.sendings if row["Résultat"] == result}


def smtp(relay: Relay, **changes) -> dict:
    """Mail settings for `relay`: short waits, so that a fault costs a second, not minutes."""
    return {
        "mailer": "smtp",
        "smtp_host": "127.0.0.1",
        "smtp_port": relay.port,
        "smtp_security": "none",
        "smtp_timeout": 1.0,
        "smtp_retry_pause": 0.0,
        **changes,
    }


def run(settings: Settings, world: World, mail: dict) -> Exception | None:
    """The world's flow, once, at its time; the error if the mail server could take nothing."""
    try:
        world.run(connect(settings.model_copy(update=mail)), world.now)
    except MailServerError as error:
        return error
    return None


def outcome_of(settings: Settings, received: list) -> Outcome:
    snapshot = connect(settings).workbook.read([*RECORD_TABS, "Journal", "Envois"])
    assert not [row for row in snapshot["Journal"].rows if row["Action"].startswith("e-mail : ")]
    events = Counter(
        tuple(row[title] for title in ("Date", "Référence", "Action", "Destinataire", "Résultat", "Détail"))
        for row in snapshot["Journal"].rows
    )
    return Outcome(
        [str(m["X-Orientest-Key"]) for m in received],
        {str(m["X-Orientest-Key"]): str(m["To"]) for m in received},
        {tab: [dict(row.values) for row in snapshot[tab].rows] for tab in RECORD_TABS},
        events,
        [dict(row.values) for row in snapshot["Envois"].rows],
        _mailbox_counts(settings) if settings.replies_on else (0, 0),
    )


def _mailbox(settings: Settings):
    return MailBoxUnencrypted(settings.imap_host, settings.imap_port).login(settings.imap_username, PASSWORD)


def _mailbox_counts(settings: Settings) -> tuple[int, int]:
    with _mailbox(settings) as box:
        waiting = len(list(box.fetch(mark_seen=False)))
        if not box.folder.exists(settings.imap_done_folder):
            return waiting, 0
        box.folder.set(settings.imap_done_folder)
        return waiting, len(list(box.fetch(mark_seen=False)))


def assert_same_records(after: Outcome, reference: Outcome, allowed: Callable[[str], bool]) -> None:
    """Every record as a run without fault left it; its `Anomalies` may only add lines `allowed` (for staff)."""
    for tab in RECORD_TABS:
        assert len(after.tabs[tab]) == len(reference.tabs[tab]), f"{tab}: rows lost or added"
        for got, want in zip(after.tabs[tab], reference.tabs[tab], strict=True):
            got, want = dict(got), dict(want)
            noted, expected = got.pop("Anomalies", ""), want.pop("Anomalies", "")
            assert got == want, f"{tab} differs"
            extra = set(noted.splitlines()) - set(expected.splitlines())
            assert all(allowed(line) for line in extra), extra


@dataclass(frozen=True)
class Template:
    settings: Settings
    world: World
    reference: Outcome


class Worlds:
    """Each world built once per workbook (`template`), then copied for each test (`copy`)."""

    def __init__(self, request, factory, referential, relay: Relay):
        self.request, self.factory, self.referential, self.relay = request, factory, referential, relay
        self.built: dict[tuple[str, str], Template] = {}

    def api(self, backend: str):
        return self.request.getfixturevalue("sheets_api") if backend == "google" else None

    def staff(self, settings: Settings):
        return staff_for(connect(settings), self.api(settings.backend))

    def template(self, flow: str, backend: str) -> Template:
        if (flow, backend) not in self.built:
            folder = self.factory.mktemp(f"{flow}-{backend}") / "monde"
            settings = self._settings(folder, backend, flow)
            connectors = new_workbook(settings, self.referential)
            world = WORLDS[flow](connectors, staff_for(connectors, self.api(backend)))
            copy = self._copy(settings, world, self.factory.mktemp("reference") / "monde")
            self.relay.received.clear()
            assert run(copy, world, smtp(self.relay)) is None
            self.built[(flow, backend)] = Template(settings, world, outcome_of(copy, self.relay.received))
        return self.built[(flow, backend)]

    def copy(self, flow: str, backend: str, folder: Path) -> tuple[Settings, Template]:
        """A fresh copy of the world, with its replies (if any) waiting in a mailbox of its own."""
        template = self.template(flow, backend)
        return self._copy(template.settings, template.world, folder), template

    def _copy(self, settings: Settings, world: World, folder: Path) -> Settings:
        settings = clone(settings, folder, self.api(settings.backend))
        if not world.messages:
            return settings
        settings = settings.model_copy(update={"imap_username": f"copie{next(_mailboxes)}"})
        with _mailbox(settings) as box:
            for message in world.messages:
                box.append(message.as_bytes(), "INBOX")
        return settings

    def _settings(self, folder: Path, backend: str, flow: str) -> Settings:
        folder.mkdir(parents=True)
        replies = {}
        if flow == "replies":
            replies = {
                "reply_address": "reseau@exemple.fr",
                "authserv_id": "mx.exemple.fr",
                **self.request.getfixturevalue("dovecot").settings("modele"),
            }
        if backend == "google":
            return google_settings(folder, self.request.getfixturevalue("sheets_api"), **replies)
        return local_settings(folder, **replies)


@pytest.fixture(scope="session")
def relay():
    """One real SMTP server for every fault test; each sets its own faults and empties what it received."""
    with running(Relay()) as handler:
        yield handler


@pytest.fixture(scope="session")
def worlds(request, tmp_path_factory, referential, relay) -> Worlds:
    return Worlds(request, tmp_path_factory, referential, relay)
