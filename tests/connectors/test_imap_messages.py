"""Messages of the replies mailbox as the connector reads them: whatever arrives is read or set aside, never fails."""

import pytest

from connectors.imap import read_message

BASE = (
    b"From: Claire Martin <claire.martin@exemple.fr>\r\nTo: reseau+cle@exemple.fr\r\nSubject: Re: Proposition\r\n"
    b"Date: Tue, 6 Oct 2026 08:12:00 +0200\r\nMessage-ID: <m1@exemple.fr>\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\nOui, avec plaisir\r\n"
)


def _with(old: bytes, new: bytes) -> bytes:
    assert old in BASE
    return BASE.replace(old, new)


def test_a_plain_reply_is_read_with_its_one_sender_and_local_time():
    message = read_message(BASE, "Europe/Paris")
    assert (message.senders, message.problem) == (("claire.martin@exemple.fr",), "")
    assert message.sent_at.isoformat() == "2026-10-06T08:12:00" and message.body.strip() == "Oui, avec plaisir"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (
            _with(b"charset=utf-8", b"charset=unknown-8bit").replace(b"Oui", b"Caf\xe9"),
            "jeu de caractères inconnu « unknown-8bit »",
        ),
        (
            _with(b"Claire Martin <", b"=?utf-8?q?Claire=0D=0ABcc=3A_x=40pirate=2Efr?= <"),
            "une adresse contient un retour à la ligne, comme pour glisser un destinataire",
        ),
        (b"", "mise en forme non conforme (ValueError)"),
    ],
    ids=["unknown charset", "CR/LF in an address", "nothing at all"],
)
def test_a_message_that_cannot_be_read_comes_with_its_problem_and_what_staff_need_to_find_it(raw, problem):
    message = read_message(raw, "Europe/Paris", uid="7")
    assert message.problem == problem and message.identity
    if raw:
        assert message.subject == "Re: Proposition" and "claire.martin@exemple.fr" in message.shown_sender


def test_a_date_out_of_any_calendar_or_unreadable_is_no_date_and_a_broken_message_id_still_identifies():
    assert (
        read_message(
            _with(b"Tue, 6 Oct 2026 08:12:00 +0200", b"Fri, 31 Dec 9999 23:59:59 -1200"), "Europe/Paris"
        ).sent_at
        is None
    )
    assert read_message(_with(b"Tue, 6 Oct 2026 08:12:00 +0200", b"demain"), "Europe/Paris").sent_at is None
    broken = read_message(_with(b"<m1@exemple.fr>", b"<<<@@>>> ]["), "Europe/Paris")
    assert broken.problem == "" and broken.identity != read_message(BASE, "Europe/Paris").identity


@pytest.mark.parametrize(
    "sender",
    [
        b"claire.martin@exemple.fr <pirate@ailleurs.fr>",
        b"claire.martin@exemple.fr, pirate@ailleurs.fr",
        b"Claire <claire.martin@exemple.fr>\r\nFrom: Claire <claire.martin@exemple.fr>",
    ],
)
def test_a_from_that_two_readers_could_read_differently_gives_more_than_one_sender(sender):
    message = read_message(_with(b"Claire Martin <claire.martin@exemple.fr>", sender), "Europe/Paris")
    assert len(message.senders) > 1 and message.sender == ""
