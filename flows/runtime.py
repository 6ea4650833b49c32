"""Settings for a flow run: the environment, overridden by the run's parameters."""

from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from connectors.imap import MailboxError
from connectors.mail import MailServerError
from connectors.settings import ConfigurationError, Settings, token_secret
from connectors.wiring import Connectors, connect
from connectors.workbook import WorkbookError
from orientest.archives.register import ArchivedYear
from orientest.forms.registry import FormNotReady

__all__ = ["PERSON_ERRORS", "ConfigurationError", "connectors_for", "settings_for", "token_secret"]
# What the operator or staff must fix; each message says what to do, in French: no traceback, no « call IT ».
PERSON_ERRORS = (WorkbookError, ConfigurationError, FormNotReady, MailServerError, MailboxError, ArchivedYear)


def settings_for(**overrides) -> Settings:
    """The operator's settings; a value that cannot be used is named, in French, with what it should be."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        problems = "; ".join(
            f"ORIENTEST_{str(e['loc'][0]).upper()} : {_shown(e)} ne convient pas, {_expected(e)}"
            for e in error.errors()
        )
        raise ConfigurationError(
            f"Réglage invalide — {problems}. Corrigez l'environnement ou le fichier .env (voir .env.exemple)."
        ) from None


SECRETS = {"token_secret", "smtp_password", "google_credentials"}


def _shown(error: ErrorDetails) -> str:
    """The value as typed, unless it is a secret: an error message may end up in a log."""
    return "la valeur donnée" if error["loc"][0] in SECRETS else f"« {error.get('input')} »"


def _expected(error: ErrorDetails) -> str:
    kind, bounds = error["type"], error.get("ctx", {})
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {
            "greater_than_equal": ("au moins", "ge"),
            "greater_than": ("plus de", "gt"),
            "less_than_equal": ("au plus", "le"),
            "less_than": ("moins de", "lt"),
        }
        said, bound = words[kind]
        return f"{said} {bounds.get(bound):g} est attendu".replace(".", ",")
    if kind == "value_error":
        return str(bounds.get("error", error["msg"]))
    if kind == "int_parsing":
        return "un nombre entier est attendu"
    if kind == "float_parsing":
        return "un nombre est attendu (ex. 30 ou 2.5)"
    if kind == "literal_error":
        return f"valeurs possibles : {error.get('ctx', {}).get('expected', '')}".replace(" or ", " ou ")
    return f"({error['msg']})"


def connectors_for(
    workbook: str | Path | None = None, outbox: str | Path | None = None, **named: str | None
) -> Connectors:
    """Connectors from the environment, with the workbook and outbox (or other settings) a run or a command names."""
    overrides = {key: value for key, value in {"workbook": workbook, "outbox": outbox, **named}.items() if value}
    return connect(settings_for(**overrides))
