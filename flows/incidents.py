"""A failed flow run tells staff once per incident, in plain French, and again when the flow works once more.

The incident in progress is a Prefect variable per flow, shared by every worker: `<incident>|<state>`. It is set
before the e-mail goes (so a retry or the next scheduled run of the same failure sends nothing), then says whether
the alert reached the mail server. An alert that could not go (no address known, mail server down) is tried again by
the next failing run; and a flow that works again says so only to staff who heard it was failing.
"""

import hashlib
import re

from prefect.variables import Variable

from connectors.mail import compose
from connectors.workbook import WorkbookError
from flows.logs import run_logger
from flows.pipeline import clock
from flows.runtime import PERSON_ERRORS, ConfigurationError, connectors_for
from orientest.core.email_factory import email
from orientest.core.french import format_time
from orientest.core.parameters import Parameters, read_parameters

GENERIC_ADVICE = (
    "Transmettez ce message au service informatique de la Région ; il trouvera le détail dans Prefect, "
    "exécution « {run} » du flux « {flow} »."
)
SENDING, ANNOUNCED, UNANNOUNCED = "envoi en cours", "annoncé", "non annoncé"


def alert_staff(flow, flow_run, state) -> None:
    """Prefect `on_failure` hook."""
    error = state.result(raise_on_failure=False)
    problem = str(error) if isinstance(error, Exception) else (state.message or "erreur inconnue")
    known = isinstance(error, PERSON_ERRORS)
    advice = (
        "Suivez l'indication ci-dessus, puis attendez le passage suivant (ou relancez le flux depuis Prefect)."
        if known
        else GENERIC_ADVICE.format(run=flow_run.name, flow=flow.name)
    )
    incident = _incident_key(flow.name, problem)
    variable = f"orientest_incident_{flow.name}"
    current = Variable.get(variable, default=None) or ""
    if current in (f"{incident}|{ANNOUNCED}", f"{incident}|{SENDING}"):  # a crash while sending counts as sent
        return
    Variable.set(variable, f"{incident}|{SENDING}", overwrite=True)  # recorded first: never two e-mails
    delivered = _tell_staff(flow, flow_run, {"resolved": False, "problem": problem, "advice": advice})
    Variable.set(variable, f"{incident}|{ANNOUNCED if delivered else UNANNOUNCED}", overwrite=True)


def close_incident(flow, flow_run, state) -> None:
    """Prefect `on_completion` hook."""
    variable = f"orientest_incident_{flow.name}"
    current = Variable.get(variable, default=None)
    if current is None:
        return
    Variable.unset(variable)
    if not current.endswith(f"|{UNANNOUNCED}"):
        _tell_staff(flow, flow_run, {"resolved": True})


def _incident_key(flow: str, problem: str) -> str:
    """The same failure with other counts or times is the same incident."""
    return hashlib.sha256(f"{flow}:{re.sub(r'[0-9]+', '#', problem)}".encode()).hexdigest()[:16]


def _tell_staff(flow, flow_run, context: dict) -> bool:
    """The alert handed to the mail server: to `ORIENTEST_ALERT_EMAIL`, else to the team's address in `Paramètres`."""
    log = run_logger()
    parameters = flow_run.parameters or {}
    try:
        connectors = connectors_for(parameters.get("workbook"), parameters.get("outbox"))
        team = _team(connectors)
        address = connectors.settings.alert_email or team.staff_email
    except (WorkbookError, ConfigurationError) as error:
        log.error("Impossible de prévenir l'équipe : %s", error)
        return False
    if not address:
        log.error(
            "Impossible de prévenir l'équipe : ni ORIENTEST_ALERT_EMAIL ni « Adresse de l'équipe » dans Paramètres."
        )
        return False
    now = clock(None, connectors.settings.timezone)  # staff read times in their own zone, whatever the server's
    alert = email(
        team,
        "incident",
        address,
        f"{flow.name} ({flow_run.name})",
        {
            **context,
            "flow": flow.name,
            "purpose": (flow.description or "").rstrip("."),
            "at": f"{now:%d/%m/%Y} à {format_time(now)}",
        },
        flow.name,
        flow_run.id,
        reply_to="",
    )
    message = compose(alert, connectors.renderer.render(alert), connectors.settings.from_address, now)
    (delivery,) = connectors.mailer.send([message])
    if not delivery.ok:
        log.error("Alerte à l'équipe non remise : %s", delivery.error)
    return delivery.ok


def _team(connectors) -> Parameters:
    """`Paramètres` (the team's address, the sender's name), when the workbook can still be read; else defaults."""
    try:
        return read_parameters(connectors.workbook.read(["Paramètres"])["Paramètres"])[0]
    except WorkbookError:
        return Parameters()
