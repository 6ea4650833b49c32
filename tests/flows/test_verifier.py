"""`orientest verifier`, as an IT person runs it before going live: each line says what is ready and what is not."""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings
from typer.testing import CliRunner

from cli.main import app
from cli.verifier import Status, checks
from connectors.wiring import connect
from fakes.smtp_relay import Relay, running
from orientest.context.defaults import initial_rows
from orientest.forms.registry import FormAddress, registry_row
from tests.conftest import google_settings, local_settings
from tests.dovecot import dovecot  # noqa: F401 — the session's IMAP server
from tests.staff import XlsxStaff, set_parameter

runner = CliRunner()
TEAM = "equipe-orientest@grandest.fr"
CHARTER = "https://www.grandest.fr/orientest/charte-ambassadeurs-2026.pdf"


class LoginRelay(Relay):
    async def auth_PLAIN(self, server, args):
        from aiosmtpd.smtp import AuthResult

        return AuthResult(success=args[1] is not None)


@pytest.fixture
def published_forms(tmp_path, referential):
    """The forms' public pages, each carrying its pre-filled questions' `entry.N` as Google's pages do."""
    pages = tmp_path / "pages"
    pages.mkdir()
    registry = {}
    for number, (key, form) in enumerate(referential.forms.items()):
        prefill = {question.title: f"entry.{1_000_000 + 10 * number + n}" for n, question in enumerate(form.prefilled)}
        (pages / f"{key}.html").write_text("".join(f'<input name="{entry}">' for entry in prefill.values()))
        registry[key] = (form, prefill)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(pages)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}"
    yield [
        registry_row(form, FormAddress(key, form.title, f"{root}/{key}.html", prefill, f"id-{key}"))
        for key, (form, prefill) in registry.items()
    ]
    server.shutdown()


def _lines(settings):
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        return [(check.status, check.what, check.detail) for check in checks(settings)]


def test_a_setup_ready_to_go_live_has_nothing_blocking(tmp_path, referential, published_forms):
    with running(LoginRelay(), auth_require_tls=False) as relay:
        settings = local_settings(
            tmp_path,
            mailer="smtp",
            mail_from="ne-pas-repondre@grandest.fr",
            smtp_host="127.0.0.1",
            smtp_port=relay.port,
            smtp_security="none",
            smtp_username="orientest",
            smtp_password="mot-de-passe",
            alert_email=TEAM,
        )
        connect(settings).workbook.ensure_layout({**initial_rows(referential, TEAM), "Formulaires": published_forms})
        XlsxStaff(settings.workbook).edit("Paramètres", set_parameter("Adresse de la charte", CHARTER))
        lines = _lines(settings)
    assert {status for status, _, _ in lines} == {Status.READY}, lines
    assert (
        Status.READY,
        "Serveur SMTP",
        f"127.0.0.1:{relay.port}, connecté en tant que orientest ; expéditeur ne-pas-repondre@grandest.fr",
    ) in lines
    assert (
        Status.READY,
        "Liens pré-remplis « Répondre à une proposition »",
        "Jeton = entry.1000020, Réponse = entry.1000021",
    ) in lines


def test_a_fresh_setup_names_each_thing_left_to_do(tmp_path, referential):
    settings = local_settings(
        tmp_path,
        mailer="smtp",
        mail_from="ne-pas-repondre@exemple.fr",
        smtp_host="127.0.0.1",
        smtp_port=1,
        smtp_security="none",
        token_secret="REMPLACEZ-MOI-par-openssl-rand-hex-32",
    )
    connect(settings).workbook.ensure_layout(initial_rows(referential))
    blocking = {what: detail for status, what, detail in _lines(settings) if status is Status.BLOCKING}
    assert blocking["Valeurs d'exemple"] == (
        "encore à remplacer : ORIENTEST_MAIL_FROM, ORIENTEST_TOKEN_SECRET (voir .env.exemple)"
    )
    assert blocking["Adresse de l'équipe"].startswith("vide dans Paramètres")
    assert blocking["Formulaire « Répondre à une proposition »"].endswith("lancez « orientest formulaires --google »")
    assert blocking["Serveur SMTP"].startswith("serveur SMTP 127.0.0.1:1 injoignable")
    assert len(blocking) == 8  # the above, and the four other forms
    to_look_at = {what: detail for status, what, detail in _lines(settings) if status is Status.TO_LOOK_AT}
    assert to_look_at["Charte"].startswith("« Adresse de la charte » vide dans Paramètres")


def test_a_google_workbook_not_shared_and_a_prefect_server_down_are_blocking(tmp_path, sheets_api):
    settings = google_settings(tmp_path, sheets_api)
    sheets_api.spreadsheets[settings.spreadsheet.split("/d/")[1].split("/")[0]].shared_with.clear()
    with temporary_settings({PREFECT_API_URL: "http://127.0.0.1:1/api"}):
        lines = [(check.status, check.what, check.detail) for check in checks(settings)]
    blocking = {what: detail for status, what, detail in lines if status is Status.BLOCKING}
    assert "Partager" in blocking["Classeur"]
    assert blocking["Serveur Prefect"].startswith("http://127.0.0.1:1/api ne répond pas")


def test_a_google_workbook_whose_dates_would_read_month_first_is_blocking(tmp_path, sheets_api, referential):
    settings = google_settings(tmp_path, sheets_api)
    connect(settings).workbook.ensure_layout(initial_rows(referential))
    key = settings.spreadsheet.split("/d/")[1].split("/")[0]
    lines = _lines(settings)
    assert (Status.READY, "Paramètres régionaux du classeur", "fr_FR, Europe/Paris") in lines
    sheets_api.spreadsheets[key].locale = "en_US"
    blocking = {what: detail for status, what, detail in _lines(settings) if status is Status.BLOCKING}
    assert blocking["Paramètres régionaux du classeur"].startswith("« en_US » : les dates des formulaires")


def test_the_command_exits_non_zero_when_something_blocks(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        result = runner.invoke(app, ["verifier", "--workbook", str(tmp_path / "absent.xlsx")])
    assert result.exit_code == 1 and "point(s) bloquant(s)" in result.output


def test_the_replies_mailbox_is_opened_and_a_wrong_password_is_said(tmp_path, dovecot):  # noqa: F811
    from pydantic import SecretStr

    settings = local_settings(tmp_path, reply_address="reseau@exemple.fr", **dovecot.settings("verif"))
    found = {check.what: check for check in checks(settings)}
    assert found["Boîte des réponses"].status is Status.READY
    assert "reseau+<clé>@exemple.fr" in found["Boîte des réponses"].detail
    unchecked = found["Authentification des réponses"]
    assert unchecked.status is Status.TO_LOOK_AT and "aucune réponse par e-mail n'agit seule" in unchecked.detail
    refused = local_settings(
        tmp_path, reply_address="reseau@exemple.fr", **{**dovecot.settings("verif"), "imap_password": SecretStr("faux")}
    )
    wrong = {check.what: check for check in checks(refused)}["Boîte des réponses"]
    assert wrong.status is Status.BLOCKING and "mot de passe refusé" in wrong.detail
    too_long = local_settings(
        tmp_path, reply_address="ambassadeurs-orientest-grand-est@exemple.fr", **dovecot.settings("verif")
    )
    assert {c.what: c for c in checks(too_long)}["Adresse de réponse"].status is Status.BLOCKING
