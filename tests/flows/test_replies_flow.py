"""Answering a proposal by replying to it, through a real IMAP server (Dovecot) and both workbooks."""

import itertools
import re
from dataclasses import replace
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from imap_tools import MailBoxUnencrypted

from connectors.workbook import WorkbookError
from flows import pipeline
from flows.intake import STEP as INTAKE
from flows.matching import STEP as MATCHING
from flows.replies import read_replies
from orientest.core.plan import RowAppend, RowKey, RowUpdate
from tests.dovecot import PASSWORD, dovecot  # noqa: F401 — the session's IMAP server
from tests.factories import ambassador_answers
from tests.flows.test_matching_flow import DAY_1, _emails, _network_with_one_request, _rows
from tests.staff import set_parameter

MORNING = datetime(2026, 10, 6, 8, 30)
EVENING = datetime(2026, 10, 6, 18, 0)
_users = itertools.count(1)


@pytest.fixture
def with_replies(connectors, staff, dovecot):  # noqa: F811
    """The connectors of the test, reading a mailbox of their own; proposals say where to reply."""
    user = f"reseau{next(_users)}"
    settings = connectors.settings.model_copy(
        update={"reply_address": f"{user}@exemple.fr", "authserv_id": "mx.exemple.fr", **dovecot.settings(user)}
    )
    staff.edit("Paramètres", set_parameter("Adresse de l'équipe", "equipe@exemple.fr"))
    return replace(connectors, settings=settings)


def _mailbox(connectors, folder="INBOX"):
    s = connectors.settings
    return MailBoxUnencrypted(s.imap_host, s.imap_port).login(s.imap_username, PASSWORD, initial_folder=folder)


def _reply_to(proposal_path, text, sender="claire.martin@exemple.fr", dkim="pass", key_from=None) -> EmailMessage:
    """What Gmail sends when the ambassador hits « Répondre » and types `text` above the quoted proposal."""
    proposal = message_from_bytes(proposal_path.read_bytes(), policy=policy.default)
    quoted = "\n".join(f"> {line}" for line in proposal.get_body(("plain",)).get_content().splitlines())
    reply = EmailMessage()
    reply["Authentication-Results"] = f"mx.exemple.fr; dkim={dkim} header.d=exemple.fr; dmarc={dkim}"
    reply["From"] = f"Claire Martin <{sender}>"
    reply["To"] = str((key_from or proposal)["Reply-To"])
    reply["Subject"] = f"Re: {proposal['Subject']}"
    reply["Date"] = format_datetime(MORNING.astimezone())
    reply["Message-ID"] = f"<reponse-{abs(hash((text, sender, dkim)))}@mail.exemple.fr>"
    reply["In-Reply-To"] = proposal["Message-ID"]
    reply.set_content(
        f"{text}\n\nClaire\n\nLe lun. 5 oct. 2026 à 18:00, Réseau Ambassadeurs Orient'Est "
        f"<{proposal['From'].addresses[0].addr_spec}> a écrit :\n{quoted}\n"
    )
    return reply


def _deliver(connectors, *messages: EmailMessage) -> None:
    with _mailbox(connectors) as box:
        for message in messages:
            box.append(message.as_bytes(), "INBOX")


def _counts(connectors, folder="Traités") -> tuple[int, int]:
    """Messages waiting in the inbox, and filed in `folder`."""
    with _mailbox(connectors) as box:
        waiting = len(list(box.fetch(mark_seen=False)))
        if not box.folder.exists(folder):
            return waiting, 0
        box.folder.set(folder)
        return waiting, len(list(box.fetch(mark_seen=False)))


def test_a_yes_by_reply_confirms_the_request_with_its_invitations_and_is_read_once(with_replies):
    _network_with_one_request(with_replies)
    pipeline.run(MATCHING, with_replies, DAY_1)
    (proposal,) = _emails(with_replies, "proposition_DEM")
    assert str(message_from_bytes(proposal.read_bytes(), policy=policy.default)["Reply-To"]).startswith(
        f"{with_replies.settings.imap_username}+dem-2026-00001.amb-00001.r."
    )
    _deliver(with_replies, _reply_to(proposal, "Oui, avec plaisir !"))

    _, _, read = read_replies(with_replies, MORNING)
    assert read == 1 and _counts(with_replies) == (0, 1)  # filed, not deleted
    (answer,) = _rows(with_replies, "Réponses")
    assert (answer["Réponse"], answer["Commentaire"]) == ("J'accepte", "par e-mail : Oui, avec plaisir !")
    pipeline.run(MATCHING, with_replies, EVENING)
    (request,) = _rows(with_replies, "Demandes")
    assert (request["Statut"], request["Ambassadeur"]) == ("Confirmée", "AMB-00001")
    assert len(_emails(with_replies, "confirmation_")) == 2
    assert all("text/calendar" in p.read_text() for p in _emails(with_replies, "confirmation_"))

    assert read_replies(with_replies, MORNING.replace(hour=9))[2] == 0  # nothing read twice
    assert len(_rows(with_replies, "Réponses")) == 1


def test_a_no_by_reply_moves_on_to_the_next_ambassador(with_replies):
    _network_with_one_request(with_replies)
    with_replies.workbook.write(
        [],
        [
            RowAppend(
                "Ambassadeurs",
                ambassador_answers({"Adresse e-mail": "marc.keller@exemple.fr", "Nom": "Keller", "Prénom": "Marc"}),
            )
        ],
    )
    pipeline.run(INTAKE, with_replies, DAY_1)
    with_replies.workbook.write([RowUpdate("Ambassadeurs", RowKey(id="AMB-00002"), {"Statut": "Actif"})], [])
    pipeline.run(MATCHING, with_replies, DAY_1)
    (request,) = _rows(with_replies, "Demandes")
    first = request["Proposée à"]
    (proposal,) = _emails(with_replies, f"proposition_DEM-2026-00001_{first}")
    sender = next(r["Adresse e-mail"] for r in _rows(with_replies, "Ambassadeurs") if r["ID"] == first)
    _deliver(with_replies, _reply_to(proposal, "Non, désolé, je suis en formation.", sender=sender))
    read_replies(with_replies, MORNING)
    pipeline.run(MATCHING, with_replies, EVENING)
    (request,) = _rows(with_replies, "Demandes")
    assert request["Statut"] == "Proposée" and request["Proposée à"] not in ("", first)


def test_an_unclear_reply_reaches_staff_and_the_sender_hears_it_was_passed_on(with_replies):
    _network_with_one_request(with_replies)
    pipeline.run(MATCHING, with_replies, DAY_1)
    (proposal,) = _emails(with_replies, "proposition_DEM")
    _deliver(with_replies, _reply_to(proposal, "Volontiers, mais à quelle heure faut-il arriver ?"))
    read_replies(with_replies, MORNING)
    assert not _rows(with_replies, "Réponses")
    (to_staff,) = _emails(with_replies, "reponse_a_lire")
    body = message_from_bytes(to_staff.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert "Volontiers, mais à quelle heure faut-il arriver ?" in body and "J'accepte :" not in body
    assert len(_emails(with_replies, "reponse_transmise")) == 1
    assert _counts(with_replies) == (0, 1)


def test_a_forged_key_or_another_sender_or_a_failed_dkim_changes_nothing(with_replies):
    _network_with_one_request(with_replies)
    pipeline.run(MATCHING, with_replies, DAY_1)
    (proposal,) = _emails(with_replies, "proposition_DEM")
    forged = _reply_to(proposal, "Oui")
    forged.replace_header("To", str(forged["To"]).replace(".amb-00001.", ".amb-00002."))
    _deliver(
        with_replies,
        forged,
        _reply_to(proposal, "Oui !", sender="usurpateur@exemple.fr"),
        _reply_to(proposal, "Oui.", dkim="fail"),
    )
    read_replies(with_replies, MORNING)
    pipeline.run(MATCHING, with_replies, EVENING)
    assert not _rows(with_replies, "Réponses")
    (request,) = _rows(with_replies, "Demandes")
    assert request["Statut"] == "Proposée"
    results = sorted(r["Résultat"] for r in _rows(with_replies, "Journal") if r["Action"] == "réponse par e-mail")
    assert results == ["refusée", "refusée", "refusée"]


def test_a_run_cut_short_between_reading_and_writing_loses_no_reply(with_replies):
    _network_with_one_request(with_replies)
    pipeline.run(MATCHING, with_replies, DAY_1)
    (proposal,) = _emails(with_replies, "proposition_DEM")
    _deliver(with_replies, _reply_to(proposal, "Oui"))
    broken = replace(with_replies, workbook=_FailingWrites(with_replies.workbook))
    with pytest.raises(WorkbookError):
        read_replies(broken, MORNING)
    assert _counts(with_replies) == (1, 0) and not _rows(with_replies, "Réponses")
    read_replies(with_replies, MORNING.replace(minute=35))
    assert _counts(with_replies) == (0, 1) and len(_rows(with_replies, "Réponses")) == 1


class _FailingWrites:
    """The workbook, its writes failing (a network cut, Google down) after a read that went well."""

    def __init__(self, workbook):
        self.workbook = workbook

    def read(self, tabs):
        return self.workbook.read(tabs)

    def write(self, updates, appends, replaced=()):
        raise WorkbookError("coupure réseau simulée")

    def remove(self, removals):
        raise WorkbookError("coupure réseau simulée")


POISONS = {  # what real mailboxes hold: each once made every run fail, every time
    "unknown-8bit": lambda raw: raw.replace(b'charset="utf-8"', b'charset="unknown-8bit"'),
    "year 9999": lambda raw: re.sub(rb"Date: [^\r\n]+", b"Date: Fri, 31 Dec 9999 23:59:59 -1200", raw),
    "malformed Message-ID": lambda raw: re.sub(rb"Message-ID: [^\r\n]+", b"Message-ID: <<<@@>>> ][", raw),
    "CR/LF in an address": lambda raw: re.sub(
        rb"From: [^\r\n]+", b"From: =?utf-8?q?Claire=0D=0ABcc=3A_x=40pirate=2Efr?= <claire.martin@exemple.fr>", raw
    ),
}


def test_poisoned_messages_among_valid_ones_are_set_aside_staff_told_once_and_the_valid_ones_act(with_replies):
    _network_with_one_request(with_replies)
    pipeline.run(MATCHING, with_replies, DAY_1)
    (proposal,) = _emails(with_replies, "proposition_DEM")
    valid = _reply_to(proposal, "Oui, avec plaisir !")
    poisoned = []
    for n, (name, poison) in enumerate(POISONS.items()):
        message = _reply_to(proposal, f"Oui ({name})")
        message.replace_header("Message-ID", f"<poison-{n}@mail.exemple.fr>")
        poisoned.append(poison(message.as_bytes()))
    with _mailbox(with_replies) as box:
        for raw in [*poisoned[:2], valid.as_bytes(), *poisoned[2:]]:
            box.append(raw, "INBOX")

    read_replies(with_replies, MORNING)
    (answer,) = _rows(with_replies, "Réponses")
    assert answer["Réponse"] == "J'accepte"  # the valid one acted in the same run
    (digest,) = _emails(with_replies, "reponses_a_lire")
    text = message_from_bytes(digest.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert text.count("Pourquoi : message illisible") == 2, text  # unknown-8bit, CR/LF; the others could be read
    assert "De Claire Martin <claire.martin@exemple.fr>" in text and "Objet : DEM-2026-00001 – Proposition" in text
    assert _counts(with_replies, "À vérifier") == (0, 2) and _counts(with_replies) == (0, 3)
    read_replies(with_replies, MORNING.replace(hour=9))
    assert len(_emails(with_replies, "reponses_a_lire")) == 1  # told once


def test_a_team_address_refused_for_good_leaves_the_messages_to_read_in_the_mailbox_and_says_so(with_replies):
    from connectors.mail import MailServerError
    from connectors.smtp import SmtpMailer
    from fakes.smtp_relay import Relay, running

    _network_with_one_request(with_replies)
    pipeline.run(MATCHING, with_replies, DAY_1)
    (proposal,) = _emails(with_replies, "proposition_DEM")
    _deliver(with_replies, _reply_to(proposal, "Volontiers, mais à quelle heure faut-il arriver ?"))
    with running(Relay()) as relay:
        relay.refuse_rcpt = {"equipe@exemple.fr": "550 5.1.1 Adresse inconnue"}
        refusing = replace(with_replies, mailer=SmtpMailer("127.0.0.1", relay.port, security="none", pause=0))
        with pytest.raises(MailServerError, match="corrigez « Adresse de l'équipe »"):
            read_replies(refusing, MORNING)
    assert _counts(with_replies) == (1, 0)  # not filed: nobody has read it yet
    read_replies(with_replies, MORNING.replace(hour=9))  # the address fixed: the next run passes it on
    assert len(_emails(with_replies, "reponse_a_lire")) == 1 and _counts(with_replies) == (0, 1)
