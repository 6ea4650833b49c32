"""Settings for a flow run: the environment, overridden by the run's parameters."""

from pathlib import Path

from connectors.settings import Settings
from connectors.wiring import Connectors, connect


def connectors_for(workbook: str | Path | None = None, outbox: str | Path | None = None) -> Connectors:
    """Connectors from the environment, with the workbook and outbox a run or a command names."""
    overrides = {key: value for key, value in (("workbook", workbook), ("outbox", outbox)) if value}
    return connect(Settings(**overrides))
