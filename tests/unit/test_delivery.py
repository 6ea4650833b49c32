from datetime import datetime

from orientest.core.plan import Email, JournalEntry, Plan, RowKey, RowUpdate
from orientest.core.schema import AMBASSADORS, REQUESTS, Row, Table
from orientest.sending.delivery import Failure, settle
from tests.factories import active_ambassador, open_request


def _table(tab, rows):
    return Table(tab, tuple(Row(line, values, tab) for line, values in enumerate(rows, start=2)), tab.titles())


SNAPSHOT = {
    "Demandes": _table(
        REQUESTS,
        [
            open_request("DEM-2026-00001", {"Adresse e-mail": "cpe@exemple.fr"}),
            open_request("DEM-2026-00002", {"Anomalies": "Date souhaitée : passée"}),
        ],
    ),
    "Ambassadeurs": _table(AMBASSADORS, [active_ambassador("AMB-00007", {"Adresse e-mail": "claire@exemple.fr"})]),
}


def _proposal_plan():
    plan = Plan("matching")
    plan.updates.append(RowUpdate("Demandes", RowKey(id="DEM-2026-00001"), {"Statut": "Proposée"}))
    plan.journal.append(JournalEntry(datetime(2026, 10, 5, 9), "matching", "DEM-2026-00001", "statut : Proposée"))
    plan.emails.append(Email("proposition:1", "proposition", ("claire@exemple.fr",), "DEM-2026-00001", {}))
    return plan


def test_all_delivered_writes_the_plan_as_it_is():
    plan = _proposal_plan()
    settled, held = settle(plan, [], SNAPSHOT)
    assert settled.updates == plan.updates and settled.journal == plan.journal and held == set()


def test_a_temporary_failure_holds_the_record_back_for_the_next_run():
    settled, held = settle(_proposal_plan(), [Failure("proposition:1", "451 plus tard", permanent=False)], SNAPSHOT)
    assert held == {"DEM-2026-00001"} and settled.updates == [] and settled.journal == []


def test_a_permanent_refusal_moves_on_and_tells_staff_on_the_record_of_the_person_not_reached():
    settled, held = settle(_proposal_plan(), [Failure("proposition:1", "550 inconnu", permanent=True)], SNAPSHOT)
    assert held == set()
    status, anomaly = settled.updates
    assert status.values == {"Statut": "Proposée"}
    assert (anomaly.tab, anomaly.key.id) == ("Ambassadeurs", "AMB-00007")
    assert anomaly.values["Anomalies"] == (
        "E-mail « proposition » non remis à claire@exemple.fr (550 inconnu) : vérifiez l'adresse."
    )


def test_a_refusal_adds_to_the_anomalies_already_there_or_planned():
    plan = Plan("matching", emails=[Email("k2", "relance", ("dem2@exemple.fr",), "DEM-2026-00002", {})])
    snapshot = {
        **SNAPSHOT,
        "Demandes": _table(
            REQUESTS,
            [
                open_request(
                    "DEM-2026-00002", {"Adresse e-mail": "dem2@exemple.fr", "Anomalies": "Date souhaitée : passée"}
                )
            ],
        ),
    }
    settled, _ = settle(plan, [Failure("k2", "550 non", permanent=True)], snapshot)
    assert settled.updates[0].values["Anomalies"].splitlines() == [
        "Date souhaitée : passée",
        "E-mail « relance » non remis à dem2@exemple.fr (550 non) : vérifiez l'adresse.",
    ]
    planned = Plan(
        "intake",
        updates=[RowUpdate("Demandes", RowKey(locator="abc"), {"ID": "DEM-2026-00003", "Anomalies": ""})],
        emails=[Email("k3", "demande_recue", ("new@exemple.fr",), "DEM-2026-00003", {})],
    )
    settled, _ = settle(planned, [Failure("k3", "550 non", permanent=True)], SNAPSHOT)
    (update,) = settled.updates
    assert update.key.locator == "abc" and "non remis à new@exemple.fr" in update.values["Anomalies"]


def test_what_reaches_a_person_only_by_this_e_mail_is_never_written_off_even_refused_for_good():
    from orientest.core.plan import RowAppend

    plan = Plan(
        "replies",
        journal=[
            JournalEntry(
                datetime(2026, 10, 6, 9), "replies", "boîte des réponses", "réponse par e-mail", key="reponse_email:k1"
            )
        ],
        emails=[
            Email(
                "reponses_a_lire:x",
                "reponses_a_lire",
                ("equipe@exemple.fr",),
                "boîte des réponses",
                {},
                must_reach=True,
            )
        ],
        appends=[RowAppend("Réponses", {"Réponse": "J'accepte"}, concerns=frozenset({"DEM-2026-00001"}))],
    )
    settled, held = settle(plan, [Failure("reponses_a_lire:x", "550 inconnu", permanent=True)], SNAPSHOT)
    assert held == {"boîte des réponses"} and settled.journal == [] and settled.emails == []
    assert settled.appends == plan.appends  # what is about another record goes on
