"""The service-account key, the SMTP password and the token secret never leave the settings; no pupil is named."""

import logging
from contextlib import contextmanager

import pytest

from connectors.wiring import connect
from connectors.workbook import WorkbookError
from fakes.accounts import service_account
from fakes.smtp_relay import Relay, running
from flows import pipeline
from flows.registry import STEPS
from orientest.context.defaults import initial_rows
from orientest.core.plan import RowAppend
from orientest.core.schema import TABS
from tests.conftest import google_settings
from tests.factories import ambassador_answers, request_answers
from tests.flows.test_matching_flow import DAY_1
from tests.staff import SheetsStaff

SMTP_PASSWORD = "mot-de-passe-smtp-tres-secret"
TOKEN_SECRET = "secret-des-jetons-0123456789abcdef"


class LoginRelay(Relay):
    async def auth_PLAIN(self, server, args):
        from aiosmtpd.smtp import AuthResult

        return AuthResult(success=True)


@contextmanager
def _revocable(api):
    try:
        yield
    finally:
        api.revoked.clear()


def _secrets() -> list[str]:
    key = service_account().private_key_pem
    return [SMTP_PASSWORD, TOKEN_SECRET, key.splitlines()[1], "BEGIN PRIVATE KEY"]


def test_secrets_appear_nowhere_a_run_writes(tmp_path, sheets_api, referential, caplog):
    with running(LoginRelay(), auth_require_tls=False) as relay, _revocable(sheets_api):
        settings = google_settings(
            tmp_path,
            sheets_api,
            mailer="smtp",
            smtp_host="127.0.0.1",
            smtp_port=relay.port,
            smtp_security="none",
            smtp_username="orientest",
            smtp_password=SMTP_PASSWORD,
            token_secret=TOKEN_SECRET,
        )
        connectors = connect(settings)
        connectors.workbook.ensure_layout(initial_rows(referential))
        connectors.workbook.write(
            [], [RowAppend("Demandes", request_answers()), RowAppend("Ambassadeurs", ambassador_answers())]
        )
        with caplog.at_level(logging.DEBUG):
            for name in STEPS:
                pipeline.run(STEPS[name], connect(settings), DAY_1)
            sheets_api.revoked.add(service_account().email)
            with pytest.raises(WorkbookError) as refused:
                connect(settings).workbook.read(["Demandes"])
    staff = SheetsStaff(sheets_api, connectors.workbook.key)
    written = [str(cell) for tab in TABS for line in staff.grid(tab) for cell in line]
    mails = [message.as_string() for message in relay.received]
    assert relay.received, "the run sent nothing: the check would prove nothing"
    places = {
        "journaux": caplog.text,
        "classeur": "\n".join(written),
        "e-mails": "\n".join(mails),
        "erreur": str(refused.value) + repr(refused.value),
        "réglages": repr(settings) + str(settings),
    }
    for place, text in places.items():
        for secret in _secrets():
            assert secret not in text, f"secret found in {place}"


def test_no_column_of_the_workbook_holds_pupils():
    """Requests give a level and a head count: never a pupil's name, birth date or contact."""
    titles = " ".join(title.lower() for tab in TABS.values() for title in tab.titles())
    assert not any(word in titles for word in ("nom de l'élève", "élève :", "date de naissance", "élèves inscrits"))
    assert "nombre de participants" in titles and "niveau ou classe" in titles
