"""A request in play whose form cell someone mistyped goes on with its last valid answer, says so, and loses no
answer; without a kept value, its answers wait rather than being marked done."""

import json

from orientest.core.schema import PERSONAL, REQUESTS, Row
from orientest.requests.retained import RETAINED, retained
from tests.factories import active_ambassador, open_request, request_answers
from tests.unit import test_intake_decisions as intake
from tests.unit.test_matching_decisions import _answer, _decide, _request_update, _sent

FORUM = {"Nombre d'ambassadeurs souhaités": "3"}


def _forum_in_play(typed: str, keep: bool = True) -> dict[str, str]:
    """A forum proposed to its ambassadors, its headcount then mistyped by staff."""
    valid = open_request("DEM-2026-00001", FORUM, status="Proposée")
    kept = {RETAINED: retained(Row(2, valid, REQUESTS))} if keep else {}
    return {**valid, **kept, "Nombre d'ambassadeurs souhaités": typed, "Proposée à": "AMB-00001"}


def test_intake_keeps_the_answers_of_a_valid_request_but_nothing_that_identifies_a_person(referential):
    plan = intake._decide(referential, requests=[request_answers(FORUM)])
    (update,) = [u for u in plan.updates if u.tab == "Demandes"]
    kept = json.loads(update.values[RETAINED])
    assert kept["Nombre d'ambassadeurs souhaités"] == "3" and kept["Date souhaitée"] == "10/11/2026"
    assert not set(kept) & set(PERSONAL["Demandes"])


def test_a_mistyped_cell_of_a_request_in_play_keeps_its_last_valid_value_and_its_answers_act(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_forum_in_play("deux")],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        answers=[_answer("DEM-2026-00001", "AMB-00001")],
    )
    values = _request_update(plan)
    assert values["Statut"] == "Partiellement pourvue"  # one of three places: the forum is still a forum
    assert (
        "Nombre d'ambassadeurs souhaités : « deux » ne se lit pas, la valeur retenue « 3 » reste appliquée"
        in values["Anomalies"]
    )
    (answer,) = [u for u in plan.updates if u.tab == "Réponses"]
    assert answer.values["Traitée"] and answer.values["Anomalies"] == ""


def test_without_a_kept_value_the_answers_of_an_unreadable_request_wait_and_say_why(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_forum_in_play("deux", keep=False)],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        answers=[_answer("DEM-2026-00001", "AMB-00001")],
    )
    (answer,) = [u for u in plan.updates if u.tab == "Réponses"]
    assert "Traitée" not in answer.values
    assert answer.values["Anomalies"].startswith("en attente : la demande DEM-2026-00001 ne se lit plus")
    assert not [u for u in plan.updates if u.tab == "Demandes"] and plan.emails == []


def test_a_request_validated_before_values_were_kept_gets_them_once(referential):
    from orientest.core.fingerprint import content_fingerprint

    earlier = open_request("DEM-2026-00001", status="Proposée")
    earlier["Empreinte"] = content_fingerprint(Row(2, earlier, REQUESTS), REQUESTS)
    plan = intake._decide(referential, requests=[earlier])
    (update,) = [u for u in plan.updates if u.tab == "Demandes"]
    assert update.key.id == "DEM-2026-00001" and set(update.values) == {RETAINED}
    kept = {**earlier, RETAINED: update.values[RETAINED]}
    assert not [u for u in intake._decide(referential, requests=[kept]).updates if u.tab == "Demandes"]


def test_the_answer_of_an_ambassador_whose_record_no_longer_reads_waits(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001", {"Rayon de déplacement (km)": "trente"})],
        requests=[open_request("DEM-2026-00001", status="Proposée")],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        answers=[_answer("DEM-2026-00001", "AMB-00001")],
    )
    (answer,) = [u for u in plan.updates if u.tab == "Réponses"]
    assert "Traitée" not in answer.values and "la fiche AMB-00001 ne se lit plus" in answer.values["Anomalies"]


def test_two_mistyped_cells_are_said_once_whatever_the_number_of_runs(referential):
    row = {**_forum_in_play("deux"), "Date alternative": "le 17"}
    first = _request_update(
        _decide(
            referential,
            ambassadors=[active_ambassador("AMB-00001")],
            requests=[row],
            journal=[_sent("DEM-2026-00001", "AMB-00001")],
        )
    )["Anomalies"]
    assert len(first.splitlines()) == 2
    again = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[{**row, "Anomalies": first}],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
    )
    assert not [u for u in again.updates if u.tab == "Demandes" and "Anomalies" in u.values]
