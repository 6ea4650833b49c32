"""The one place where settings become connectors."""

from dataclasses import dataclass
from functools import partial

from connectors import charts
from connectors.forms import answer_links, feedback_links
from connectors.mail import Mailer, Outbox
from connectors.referential import load_referential
from connectors.settings import Settings
from connectors.smtp import SmtpMailer
from connectors.templates import Renderer
from connectors.workbook import Workbook
from connectors.xlsx import XlsxWorkbook
from orientest.referential import Referential


@dataclass(frozen=True)
class Connectors:
    settings: Settings
    workbook: Workbook
    mailer: Mailer
    renderer: Renderer
    referential: Referential


def _mailer(settings: Settings) -> Mailer:
    if settings.mailer == "smtp":
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
        return SmtpMailer(settings.smtp_host, settings.smtp_port, settings.smtp_security, settings.smtp_username,
                          password, settings.smtp_timeout)
    return Outbox(settings.outbox)


def connect(settings: Settings) -> Connectors:
    """Build every connector from `settings`; nothing is opened until a flow uses it."""
    links = {"signup_form_url": settings.signup_form_url, "request_form_url": settings.request_form_url,
             "update_form_url": settings.update_form_url, "answer_link": answer_links(settings),
             "feedback_link": feedback_links(settings), "bar_chart": charts.bar_chart,
             "horizontal_bars": charts.horizontal_bars,
             "department_map": partial(charts.department_map, settings.data_dir / "departements_grand_est.svg")}
    return Connectors(
        settings=settings,
        workbook=XlsxWorkbook(settings.workbook),
        mailer=_mailer(settings),
        renderer=Renderer(settings.templates_dir, links),
        referential=load_referential(settings.data_dir),
    )
