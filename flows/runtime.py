"""Settings for a flow run: the environment, overridden by the run's parameters."""

from pathlib import Path

from connectors.settings import Settings
from connectors.wiring import Connectors, connect


class ConfigurationError(Exception):
    """A setting the operator must provide; the message says which, in French."""


def token_secret(settings: Settings) -> bytes:
    if settings.token_secret is None or len(settings.token_secret.get_secret_value()) < 16:
        raise ConfigurationError("ORIENTEST_TOKEN_SECRET manque (ou fait moins de 16 caractères) : c'est le secret qui "
                                 "signe les liens des e-mails. Générez-en un (ex. « openssl rand -hex 32 ») et "
                                 "placez-le dans l'environnement ou le fichier .env.")
    return settings.token_secret.get_secret_value().encode()


def connectors_for(workbook: str | Path | None = None, outbox: str | Path | None = None, **named: str) -> Connectors:
    """Connectors from the environment, with the workbook and outbox (or other settings) a run or a command names."""
    overrides = {key: value for key, value in {"workbook": workbook, "outbox": outbox, **named}.items() if value}
    return connect(Settings(**overrides))
