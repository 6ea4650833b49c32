"""Every flow that sends, under every mail fault, on both workbooks, through a real SMTP server (aiosmtpd).

After the fault and one good run, the workbook and what people received are those of a run without the fault: no
answer lost, no e-mail twice. Two faults leave a trace by design, said on the record for staff: a recipient refused
for good (5xx) is not written to again, and a message whose answer never came once it had gone in full (a timeout
mid-DATA) may have arrived, so it is not sent again either (« à vérifier »).
"""

import pytest

from connectors.settings import Settings
from connectors.wiring import connect
from fakes.smtp_relay import Relay, free_port
from orientest.core.parameters import Parameters
from orientest.core.plan import RowAppend
from tests.faults.conftest import Outcome, assert_same_records, outcome_of, run, smtp
from tests.staff import set_parameter
from tests.worlds import WORLDS

FAULTS = (
    "connexion refusée",
    "relais arrêté au 2e message",
    "STARTTLS refusé",
    "4xx au 2e message",
    "5xx pour un destinataire",
    "délai dépassé pendant DATA",
    "plafond quotidien atteint",
)
UNUSABLE = ("connexion refusée", "relais arrêté au 2e message", "STARTTLS refusé")  # the run fails, saying what to set


def _nth(reference: Outcome) -> int:
    """The message the fault strikes: the second of the run, or its only one."""
    return min(2, len(reference.received))


def _refused_address(fault: str, reference: Outcome) -> str:
    if fault != "5xx pour un destinataire":
        return ""
    return reference.to[reference.received[_nth(reference) - 1]].split(",")[0].strip()


def _inflict(fault: str, relay: Relay, reference: Outcome, settings: Settings, staff, now) -> dict:
    """Sets the fault up; returns the mail settings of the run that meets it."""
    relay.refuse_data, relay.refuse_rcpt, relay.stall_data, relay.data_count = [], {}, {}, 0
    relay.received.clear()
    nth = _nth(reference)
    if fault == "connexion refusée":
        return smtp(relay, smtp_port=free_port())  # nothing listens there: the relay is down
    if fault == "STARTTLS refusé":
        return smtp(relay, smtp_security="starttls")  # the relay offers no STARTTLS
    if fault == "relais arrêté au 2e message":
        relay.stop_at_mail = nth  # switched off in the middle of the run
    elif fault == "4xx au 2e message":
        relay.refuse_data = [None] * (nth - 1) + ["451 4.3.0 Erreur temporaire, réessayez plus tard"] * 3
    elif fault == "5xx pour un destinataire":
        relay.refuse_rcpt = {_refused_address(fault, reference): "550 5.1.1 Adresse inconnue"}
    elif fault == "délai dépassé pendant DATA":
        relay.stall_data = {nth: 1.5}  # the client waits 1 s for the answer to the message
    elif fault == "plafond quotidien atteint":  # by another flow's e-mail, earlier today
        staff.edit("Paramètres", set_parameter("Plafond quotidien d'e-mails", "1"))
        connect(settings).workbook.write(
            [],
            [
                RowAppend(
                    "Envois",
                    {
                        "Date": f"{now:%d/%m/%Y} 00:01",
                        "Flux": "intake",
                        "Référence": "AMB-09999",
                        "Modèle": "bienvenue",
                        "Clé d'idempotence": "bienvenue:AMB-09999",
                        "Résultat": "envoyé",
                    },
                )
            ],
        )
    return smtp(relay)


def _heal(fault: str, relay: Relay, staff) -> dict:
    """The relay back, the recipient's mailbox fixed, the cap lifted by staff: the next scheduled run."""
    relay.refuse_data, relay.refuse_rcpt, relay.stall_data = [], {}, {}
    if fault == "relais arrêté au 2e message":
        relay.switch_on()
    if fault == "plafond quotidien atteint":
        staff.edit("Paramètres", set_parameter("Plafond quotidien d'e-mails", str(Parameters().daily_email_cap)))
    return smtp(relay)


def _said_to_staff(fault: str):
    def allowed(line: str) -> bool:
        if fault == "5xx pour un destinataire":
            return "non remis" in line and "550 5.1.1" in line
        return fault == "délai dépassé pendant DATA" and "peut-être non reçu" in line

    return allowed


@pytest.mark.parametrize("backend", ["xlsx", "google"])
@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("flow", list(WORLDS))
def test_after_a_mail_fault_and_one_good_run_nothing_is_lost_and_nothing_sent_twice(
    worlds, tmp_path, relay, flow, fault, backend
):
    settings, template = worlds.copy(flow, backend, tmp_path / "monde")
    reference, world, staff = template.reference, template.world, worlds.staff(settings)

    failed = run(settings, world, _inflict(fault, relay, reference, settings, staff, world.now))
    relay.wait_until_idle()  # a message the server answered too late is in
    during = [str(m["X-Orientest-Key"]) for m in relay.received]
    relay.received.clear()
    assert (failed is not None) == (fault in UNUSABLE)
    assert run(settings, world, _heal(fault, relay, staff)) is None
    after = outcome_of(settings, relay.received)
    received = during + after.received

    refused = _refused_address(fault, reference)
    failed_for_good = {
        row["Clé d'idempotence"]
        for row in after.sendings
        if row["Résultat"] == "échec" and refused and refused in row["Destinataire"]
    }
    to_check = after.with_keys("à vérifier")
    # the fault did strike
    assert bool(after.with_keys("échec")) == (fault not in ("délai dépassé pendant DATA", "plafond quotidien atteint"))
    assert bool(failed_for_good) == bool(refused)
    assert (len(during) < len(reference.received)) == (fault != "délai dépassé pendant DATA")
    # and nothing was lost for it
    assert len(received) == len(set(received)), "an e-mail was sent twice"
    assert set(received) <= set(reference.received), "an e-mail nobody decided was sent"
    assert set(reference.received) - set(received) <= failed_for_good, "an e-mail was lost"
    assert bool(to_check) == (fault == "délai dépassé pendant DATA") and to_check <= set(received)
    assert after.events == reference.events, "a decision was lost, taken twice or taken otherwise"
    assert after.mailbox == reference.mailbox, "a reply was lost or left in the inbox"
    assert_same_records(after, reference, _said_to_staff(fault))
