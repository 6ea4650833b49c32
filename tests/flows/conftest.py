from pathlib import Path

import pytest

from connectors.wiring import Connectors
from orientest.context.referential import Referential
from tests.conftest import google_settings, initialised, local_settings, staff_for


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect API for the whole session: entering it costs seconds, so only once."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(params=["xlsx", "google"])
def connectors(request, tmp_path: Path, referential: Referential) -> Connectors:
    """Every flow test runs on both workbooks: the local .xlsx and the Google spreadsheet (local fake API)."""
    if request.param == "google":
        return initialised(google_settings(tmp_path, request.getfixturevalue("sheets_api")), referential)
    return initialised(local_settings(tmp_path), referential)


@pytest.fixture
def staff(request, connectors: Connectors):
    """Edits made by hand in the workbook the test runs on."""
    api = request.getfixturevalue("sheets_api") if connectors.settings.backend == "google" else None
    return staff_for(connectors, api)
