"""The SMTP mailer against a real SMTP server (aiosmtpd) on 127.0.0.1."""

import base64
from datetime import datetime

import pytest

from connectors.mail import Rendered, compose
from connectors.smtp import SmtpMailer
from connectors.wiring import connect
from fakes.smtp_relay import Relay, running
from orientest.core.plan import Email
from tests.conftest import google_settings


def _messages(count, to="a@exemple.fr"):
    emails = [Email(f"cle:{n}", "t", (to,), f"DEM-{n}", {}) for n in range(count)]
    return [
        compose(
            e,
            Rendered(f"Objet {n}", f"Texte {n}", f"<p>HTML {n}</p>"),
            "orientest@exemple.fr",
            datetime(2026, 10, 5, 18),
        )
        for n, e in enumerate(emails)
    ]


def _mailer(relay):
    return SmtpMailer("127.0.0.1", relay.port, security="none", pause=0.01)


def test_a_whole_run_goes_through_one_connection_with_real_text_and_html_parts(relay):
    deliveries = _mailer(relay).send(_messages(5))
    assert [d.ok for d in deliveries] == [True] * 5 and len(relay.sessions) == 1
    first = relay.received[0]
    assert first.get_body(("plain",)).get_content().strip() == "Texte 0"
    assert first.get_body(("html",)).get_content().strip() == "<p>HTML 0</p>"
    assert first["X-Orientest-Key"] == "cle:0"


def test_a_temporary_refusal_is_retried(relay):
    relay.refuse_data = ["451 Réessayez plus tard"]
    (delivery,) = _mailer(relay).send(_messages(1))
    assert delivery.ok and len(relay.received) == 1


def test_a_permanent_refusal_fails_that_message_and_the_run_goes_on(relay):
    relay.refuse_data = ["550 Boîte inconnue"]
    deliveries = _mailer(relay).send(_messages(2))
    assert [d.ok for d in deliveries] == [False, True]
    assert deliveries[0].error.startswith("550")


def test_a_refused_recipient_is_a_failure(relay):
    relay.refuse_rcpt = {"inconnu@exemple.fr": "550 Destinataire inconnu"}
    (delivery,) = _mailer(relay).send(_messages(1, to="inconnu@exemple.fr"))
    assert not delivery.ok and "inconnu@exemple.fr" in delivery.error


def test_a_refused_recipient_says_the_server_s_reason_for_staff(relay):
    relay.refuse_rcpt = {"inconnu@exemple.fr": "550 5.1.1 Destinataire inconnu"}
    (delivery,) = _mailer(relay).send(_messages(1, to="inconnu@exemple.fr"))
    assert delivery.permanent
    assert delivery.error == "adresse refusée par le serveur : inconnu@exemple.fr (550 5.1.1 Destinataire inconnu)"


def test_an_answer_that_never_comes_once_the_message_went_is_not_sent_again_but_said_uncertain(relay):
    relay.stall_data = {1: 1.0}  # the server has the message, and answers after the client stopped waiting
    mailer = SmtpMailer("127.0.0.1", relay.port, security="none", timeout=0.3, pause=0.01)
    first, second = mailer.send(_messages(2))
    relay.wait_until_idle()
    assert (first.ok, first.uncertain, first.permanent) == (False, True, False)
    assert second.ok
    assert [str(m["X-Orientest-Key"]) for m in relay.received] == ["cle:0", "cle:1"]  # each once


def test_too_many_temporary_refusals_fail_without_hanging(relay):
    relay.refuse_data = ["451 Occupé"] * 3
    (delivery,) = _mailer(relay).send(_messages(1))
    assert not delivery.ok and delivery.error.startswith("451")


def test_nobody_listening_fails_every_message_at_once_saying_what_to_check():
    deliveries = SmtpMailer("127.0.0.1", 1, security="none", timeout=2, pause=30).send(_messages(2))
    assert [(d.ok, d.server_unusable) for d in deliveries] == [(False, True), (False, True)]
    assert deliveries[0].error.startswith("serveur SMTP 127.0.0.1:1 injoignable")
    assert "ORIENTEST_SMTP_HOST" in deliveries[0].error


def test_a_relay_refusing_the_expeditor_is_a_setting_to_fix_not_a_bad_address_for_every_message(relay):
    relay.refuse_mail = "550 5.7.1 Expéditeur non autorisé sur ce relais"
    deliveries = _mailer(relay).send(_messages(3))
    assert {(d.ok, d.permanent, d.server_unusable) for d in deliveries} == {(False, False, True)}
    assert "ORIENTEST_MAIL_FROM" in deliveries[0].error and "550" in deliveries[0].error


def test_a_server_without_starttls_is_tried_once_and_the_reason_given_for_every_message(relay):
    deliveries = SmtpMailer("127.0.0.1", relay.port, security="starttls", pause=30).send(_messages(19))
    assert len(relay.sessions) == 1 and relay.received == []
    assert {(d.ok, d.server_unusable) for d in deliveries} == {(False, True)} and len(deliveries) == 19
    assert deliveries[0].error == (
        f"le serveur SMTP 127.0.0.1:{relay.port} ne propose pas STARTTLS : réglez "
        "ORIENTEST_SMTP_SECURITY=ssl (port 465 en général), ou none pour un relais sur un "
        "réseau de confiance"
    )


class WorkspaceRelay(Relay):
    """smtp.gmail.com as far as XOAUTH2 goes: the bearer must be a token Google issued for that user."""

    def __init__(self, issued_for):
        super().__init__()
        self.issued_for = issued_for
        self.logins = []

    async def auth_XOAUTH2(self, server, args):
        from aiosmtpd.smtp import AuthResult

        fields = base64.b64decode(args[1]).decode().split("\x01")
        user, bearer = fields[0].removeprefix("user="), fields[1].removeprefix("auth=Bearer ")
        if self.issued_for.get(bearer) != user:
            return AuthResult(success=False, handled=False, message="535 5.7.8 Username and Password not accepted")
        self.logins.append(user)
        return AuthResult(success=True)


@pytest.fixture
def workspace(sheets_api):
    with running(WorkspaceRelay(sheets_api.mail_tokens), auth_require_tls=False) as handler:
        yield handler


def test_a_google_workspace_account_sends_with_xoauth2(workspace, sheets_api, tmp_path):
    settings = google_settings(
        tmp_path,
        sheets_api,
        mailer="smtp",
        smtp_host="127.0.0.1",
        smtp_port=workspace.port,
        smtp_security="none",
        smtp_auth="xoauth2",
        smtp_username="orientest@region.fr",
    )
    deliveries = connect(settings).mailer.send(_messages(2))
    assert [d.ok for d in deliveries] == [True, True]
    assert workspace.logins == ["orientest@region.fr"] and len(workspace.received) == 2


def test_a_refused_xoauth2_token_fails_every_message(workspace, sheets_api, tmp_path):
    settings = google_settings(
        tmp_path,
        sheets_api,
        mailer="smtp",
        smtp_host="127.0.0.1",
        smtp_port=workspace.port,
        smtp_security="none",
        smtp_auth="xoauth2",
        smtp_username="orientest@region.fr",
    )
    mailer = connect(settings).mailer
    mailer.pause = 0.01
    workspace.issued_for = {}
    deliveries = mailer.send(_messages(3))
    assert [d.ok for d in deliveries] == [False] * 3 and workspace.received == []
    assert all("authentification refusée par le serveur SMTP (535)" in d.error for d in deliveries)
