"""Settings for a flow run: the environment, overridden by the run's parameters."""

from connectors.settings import Settings
from connectors.wiring import Connectors, connect


def connectors_for(workbook: str | None = None, outbox: str | None = None) -> Connectors:
    overrides = {key: value for key, value in (("workbook", workbook), ("outbox", outbox)) if value}
    return connect(Settings(**overrides))
