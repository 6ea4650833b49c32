import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from cli.forms import stand_in_layout, stand_in_registry  # noqa: E402
from connectors.referential import load_referential  # noqa: E402
from connectors.settings import PROJECT_ROOT, Settings  # noqa: E402
from connectors.wiring import Connectors, connect  # noqa: E402
from fakes.accounts import service_account  # noqa: E402
from fakes.google import fake_google_settings, settings_in  # noqa: E402
from fakes.sheets_api import FakeSheetsApi  # noqa: E402
from fakes.smtp_relay import Relay, running  # noqa: E402
from orientest.context.referential import Referential  # noqa: E402
from tests.staff import SheetsStaff, XlsxStaff  # noqa: E402


@pytest.fixture(scope="session")
def referential() -> Referential:
    return load_referential(PROJECT_ROOT / "data")


@pytest.fixture(scope="session")
def forms(referential):
    """The forms the test workbooks record (`initialised`), as the flows read them."""
    return stand_in_registry(referential.forms)


@pytest.fixture
def relay():
    """A real SMTP server on 127.0.0.1, recording what it accepts."""
    with running(Relay()) as handler:
        yield handler


@pytest.fixture(scope="session")
def sheets_api():
    """The local Google Sheets API, one for the session; each test gets its own spreadsheet in it."""
    account = service_account()
    with FakeSheetsApi() as api:
        api.add_account(account.email, account.public_key_pem)
        yield api


def local_settings(tmp_path: Path, **overrides) -> Settings:
    return settings_in(tmp_path, **overrides)


def google_settings(tmp_path: Path, api: FakeSheetsApi, **overrides) -> Settings:
    """Settings for a new spreadsheet in the fake, shared with the test service account, fast retries."""
    return fake_google_settings(api, tmp_path, **overrides)


def initialised(settings: Settings, referential: Referential) -> Connectors:
    """Connectors on a workbook made as `orientest init` makes it, its forms recorded, and an empty outbox."""
    built = connect(settings)
    built.workbook.ensure_layout(stand_in_layout(referential))
    return built


@pytest.fixture
def connectors(tmp_path: Path, referential: Referential) -> Connectors:
    """A fresh .xlsx workbook made as `orientest init` makes it, and an empty outbox."""
    return initialised(local_settings(tmp_path), referential)


def staff_for(connectors: Connectors, api: FakeSheetsApi | None):
    if connectors.settings.backend == "google":
        return SheetsStaff(api, connectors.workbook.key)
    return XlsxStaff(connectors.settings.workbook)
