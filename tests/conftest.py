import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from connectors.referential import load_referential  # noqa: E402
from connectors.settings import PROJECT_ROOT, Settings  # noqa: E402
from connectors.wiring import Connectors, connect  # noqa: E402
from orientest.defaults import initial_rows  # noqa: E402
from orientest.referential import Referential  # noqa: E402
from tests.factories import SECRET  # noqa: E402


@pytest.fixture(scope="session")
def referential() -> Referential:
    return load_referential(PROJECT_ROOT / "data")


@pytest.fixture
def connectors(tmp_path: Path, referential: Referential) -> Connectors:
    """A fresh workbook made as `orientest init` makes it, and an empty outbox."""
    built = connect(Settings(workbook=tmp_path / "classeur.xlsx", outbox=tmp_path / "outbox",
                             reports=tmp_path / "rapports", _env_file=None, token_secret=SECRET.decode()))
    built.workbook.ensure_layout(initial_rows(referential))
    return built
