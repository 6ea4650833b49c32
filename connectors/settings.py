"""The operator's settings: environment variables `ORIENTEST_*` or a `.env` file. Secrets live only here."""

import os
import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_FILE = PROJECT_ROOT / ".env.exemple"  # every setting with its meaning, and example values to replace


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ORIENTEST_", env_file=".env", extra="ignore")

    backend: Literal["xlsx", "google"] = "xlsx"  # xlsx: the local file below; google: the spreadsheet below
    spreadsheet: str = ""  # the Google spreadsheet's address (https://docs.google.com/spreadsheets/d/…) or key
    # The service account's JSON key: its content, a file, or the name of a Prefect Secret block holding it
    google_credentials: SecretStr | None = None
    google_credentials_file: Path | None = None
    google_credentials_block: str = ""
    google_timeout: float = Field(30.0, gt=0)  # seconds for each request to Google
    google_requests_per_minute: int = Field(50, ge=1)  # Google allows 60 per user and minute: keep a margin
    google_rate_limit: str = "sheets-api"  # Prefect global rate limit shared by every worker; empty: none
    google_retry_attempts: int = Field(6, ge=0)
    google_retry_base: float = Field(1.0, gt=0)  # first pause (s) after a 429 or a 5xx; doubles each time, with jitter
    google_retry_budget: float = Field(120.0, ge=0)  # total seconds a request may spend being retried
    sheets_api_root: str = "https://sheets.googleapis.com/"  # change only for a proxy (or the tests' local fake)
    mailer: Literal["outbox", "smtp"] = "outbox"  # outbox: .eml files in a folder; smtp: the relay below
    smtp_host: str = "localhost"
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"  # "none" only for a relay on a trusted network
    smtp_username: str = ""
    smtp_password: SecretStr | None = None
    smtp_auth: Literal["password", "xoauth2"] = "password"  # xoauth2: Google Workspace, with the service account key
    smtp_timeout: float = Field(30.0, gt=0)
    smtp_retry_pause: float = Field(2.0, ge=0)  # first pause (s) before sending again after a 4xx; then 2×, 3×
    # Replies by e-mail (flow `replies`): the mailbox replies arrive in, and the address they are sent to
    reply_address: str = ""  # e.g. reseau@…: proposals are answered at reseau+<clé>@…; empty: no reply by e-mail
    imap_host: str = ""  # the reply address's mailbox; empty: the `replies` flow has nothing to read
    imap_port: int = Field(993, ge=1, le=65535)
    imap_security: Literal["ssl", "starttls", "none"] = "ssl"  # "none" only on a trusted network (or the tests)
    imap_username: str = ""
    imap_password: SecretStr | None = None
    imap_folder: str = "INBOX"
    imap_done_folder: str = "Traités"  # where read replies are moved (never deleted)
    imap_review_folder: str = "À vérifier"  # where messages a person must look at are moved (unreadable ones…)
    imap_timeout: float = Field(30.0, gt=0)
    authserv_id: str = ""  # the team's mail server's name in Authentication-Results (RFC 8601); empty: not checked
    workbook: Path = Path("var/orientest.xlsx")
    outbox: Path = Path("var/outbox")
    state_dir: Path = Path("var/etat")  # the hand-over log of e-mails: the same folder for every run that sends
    reports: Path = Path("var/rapports")  # the monthly reports, as self-contained HTML files
    mail_from: str = ""  # the From of every e-mail, an address of the relay's domain; required with smtp
    alert_email: str = ""  # who hears of a failed flow; empty: « Adresse de l'équipe » in Paramètres
    timezone: str = "Europe/Paris"
    # `orientest formulaires --google`: the OAuth client (« Application de bureau ») the team consents to once, and
    # where the consent is kept, outside the repository
    forms_client_secrets: Path | None = None
    forms_token_file: Path = Path.home() / ".config" / "orientest" / "jeton-google-forms.json"
    forms_api_root: str = "https://forms.googleapis.com/"  # change only for a proxy (or the tests' local fake)
    token_secret: SecretStr | None = None  # signs the links in e-mails; never in the repository
    templates_dir: Path = PROJECT_ROOT / "templates"
    data_dir: Path = PROJECT_ROOT / "data"

    @field_validator(
        "workbook",
        "outbox",
        "state_dir",
        "reports",
        "google_credentials_file",
        "forms_client_secrets",
        "forms_token_file",
    )
    @classmethod
    def _home_expanded(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None  # « ~/… » in .env, as in a shell

    @field_validator("token_secret")
    @classmethod
    def _long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 16:
            raise ValueError("au moins 16 caractères sont attendus : générez-en un (ex. « openssl rand -hex 32 »)")
        return value

    @property
    def replies_on(self) -> bool:
        """Replies by e-mail are read: an address to answer at, and its mailbox."""
        return bool(self.reply_address and self.imap_host)

    @property
    def from_address(self) -> str:
        """The From of every e-mail: the operator's; in a local outbox that nobody answers, a plain local one."""
        return self.mail_from or "orientest@localhost"


class ConfigurationError(Exception):
    """A setting the operator must provide; the message says which, in French."""


LOCAL_SECRET_FILE = "secret-des-liens"


def token_secret(settings: Settings) -> bytes:
    """The secret that signs e-mail links: the operator's; for a local workbook, one made on first need and kept in
    the state folder (readable by its owner only). With Google, every worker must share the operator's."""
    if settings.token_secret is not None:  # its length is checked with the other settings
        return settings.token_secret.get_secret_value().encode()
    if settings.backend == "google":
        raise ConfigurationError(
            "ORIENTEST_TOKEN_SECRET manque : c'est le secret qui signe les liens des e-mails, le "
            "même pour toutes les machines qui font tourner les flux. Générez-en un (ex. "
            "« openssl rand -hex 32 ») et placez-le dans l'environnement ou le fichier .env."
        )
    return _kept_secret(settings.state_dir / LOCAL_SECRET_FILE)


def _kept_secret(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made on an earlier run (or by another run a moment ago)
        return path.read_text(encoding="ascii").strip().encode()
    secret = secrets.token_hex(32)
    with os.fdopen(descriptor, "w", encoding="ascii") as kept:
        kept.write(secret)
    return secret.encode()
