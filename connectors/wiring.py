"""The one place where settings become connectors."""

import json
from dataclasses import dataclass
from functools import partial
from typing import cast

from connectors import charts
from connectors.google_api import (
    BoundedHTTPClient,
    Limiter,
    Limiters,
    PrefectRateLimit,
    RetryPolicy,
    SlidingWindowLimiter,
    gmail_token,
    service_account,
    spreadsheet_key,
)
from connectors.google_sheets import GoogleWorkbook
from connectors.handover import HandoverLog
from connectors.imap import ImapMailbox
from connectors.mail import Mailer, Outbox
from connectors.referential import load_referential
from connectors.settings import ConfigurationError, Settings
from connectors.smtp import SmtpMailer
from connectors.templates import Renderer
from connectors.workbook import Workbook, WorkbookError
from connectors.xlsx import XlsxWorkbook
from orientest.context.referential import Referential

_NOT_THE_LIVE_ONE = (
    "Le classeur indiqué pour les archives {label} est le classeur principal lui-même : créez un classeur à part, "
    "nommé « Archives {label} », et mettez son adresse dans la colonne « Classeur »."
)


@dataclass(frozen=True)
class Connectors:
    settings: Settings
    workbook: Workbook
    mailer: Mailer
    handover: HandoverLog
    renderer: Renderer
    referential: Referential

    def archive(self, label: str, address: str) -> tuple[Workbook | None, str]:
        """The archive workbook of a school year and its address: an .xlsx beside the live one, named after the year;
        in Google, the spreadsheet whose address staff pasted (a service account may not create one), else None."""
        if self.settings.backend == "google":
            if not address:
                return None, ""
            if spreadsheet_key(address) == spreadsheet_key(self.settings.spreadsheet):
                raise WorkbookError(_NOT_THE_LIVE_ONE.format(label=label))
            return google_workbook(self.settings, address), address
        name = address or f"Archives {label}.xlsx"
        path = self.settings.workbook.parent / name
        if path.resolve() == self.settings.workbook.resolve():
            raise WorkbookError(_NOT_THE_LIVE_ONE.format(label=label))
        return XlsxWorkbook(path), name

    def account(self) -> str:
        """Whom a Google spreadsheet must be shared with: the service account ("" for an .xlsx)."""
        return getattr(self.workbook, "account", "")

    def replies(self) -> ImapMailbox | None:
        """The replies mailbox, to open for one run (`with`); None when no IMAP server is set."""
        return ImapMailbox(self.settings) if self.settings.replies_on else None


def _mailer(settings: Settings) -> Mailer:
    if settings.mailer == "smtp":
        if not settings.mail_from:
            raise ConfigurationError(
                "ORIENTEST_MAIL_FROM manque : l'adresse d'expédition des e-mails, une adresse du "
                "domaine du relais SMTP (ex. ne-pas-repondre@grandest.fr)."
            )
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
        token = (
            gmail_token(_credentials_json(settings), settings.smtp_username)
            if settings.smtp_auth == "xoauth2"
            else None
        )
        return SmtpMailer(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_security,
            settings.smtp_username,
            password,
            settings.smtp_timeout,
            pause=settings.smtp_retry_pause,
            oauth_token=token,
        )
    return Outbox(settings.outbox)


def _workbook(settings: Settings) -> Workbook:
    if settings.backend == "google":
        return google_workbook(settings)
    return XlsxWorkbook(settings.workbook)


def google_workbook(settings: Settings, address: str = "") -> GoogleWorkbook:
    """The live spreadsheet, or the one at `address` (an archive) through the same account and limits."""
    if not (address or settings.spreadsheet):
        raise WorkbookError("ORIENTEST_SPREADSHEET manque : l'adresse du classeur Google à utiliser.")
    credentials = service_account(_credentials_json(settings))
    policy = RetryPolicy(
        settings.google_retry_attempts, settings.google_retry_base, budget_seconds=settings.google_retry_budget
    )
    client = BoundedHTTPClient(
        credentials,
        timeout=settings.google_timeout,
        policy=policy,
        limiter=_limiter(settings),
        api_root=settings.sheets_api_root,
    )
    key = spreadsheet_key(address or settings.spreadsheet)
    return GoogleWorkbook(client, key, credentials.service_account_email)


def _limiter(settings: Settings) -> Limiter:
    """This process's own budget, and the one all workers share through Prefect when running under it."""
    own = SlidingWindowLimiter(settings.google_requests_per_minute)
    return Limiters(own, PrefectRateLimit(settings.google_rate_limit)) if settings.google_rate_limit else own


def _credentials_json(settings: Settings) -> str:
    if settings.google_credentials:
        return settings.google_credentials.get_secret_value()
    if settings.google_credentials_file:
        try:
            return settings.google_credentials_file.read_text(encoding="utf-8")
        except OSError as error:
            raise WorkbookError(
                f"Clé du compte de service illisible : {settings.google_credentials_file} ({error.strerror})."
            ) from None
    if settings.google_credentials_block:
        from prefect.blocks.system import Secret

        secret = cast(Secret, Secret.load(settings.google_credentials_block)).get()  # loaded synchronously here
        return secret if isinstance(secret, str) else json.dumps(secret)
    raise WorkbookError(
        "Aucune clé de compte de service Google : renseignez ORIENTEST_GOOGLE_CREDENTIALS_FILE (chemin "
        "du fichier JSON), ORIENTEST_GOOGLE_CREDENTIALS (son contenu) ou "
        "ORIENTEST_GOOGLE_CREDENTIALS_BLOCK (un bloc Secret Prefect)."
    )


def connect(settings: Settings) -> Connectors:
    """Build every connector from `settings`; nothing is opened until a flow uses it."""
    charts_ = {
        "bar_chart": charts.bar_chart,
        "horizontal_bars": charts.horizontal_bars,
        "department_map": partial(charts.department_map, settings.data_dir / "departements_grand_est.svg"),
        # proposals say they can be answered by e-mail only when someone reads the replies
        "replies_by_mail": settings.replies_on,
    }
    referential = load_referential(settings.data_dir)
    return Connectors(
        settings=settings,
        workbook=_workbook(settings),
        mailer=_mailer(settings),
        handover=HandoverLog(settings.state_dir),
        renderer=Renderer(settings.templates_dir, charts_, referential.forms),
        referential=referential,
    )
