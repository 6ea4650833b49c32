"""Staff columns of `Demandes` (`Affectation manuelle`, `Action`): each way staff may type them does what it says, or
says why not in `Anomalies`, the same run."""

from datetime import datetime

from orientest.requests.staff_entries import Pick, read_manual_choice
from tests.factories import active_ambassador, open_request
from tests.unit.test_matching_decisions import _decide, _request_update, _sent, _templates

LATER = datetime(2026, 10, 20, 18, 0)


def _chosen(typed, **request):
    return {**open_request("DEM-2026-00001", request), "Affectation manuelle": typed}


def _people(*numbers, **changes):
    return [active_ambassador(f"AMB-{n:05d}", changes.get(str(n))) for n in numbers]


def test_any_separator_between_ids_is_read_and_short_ids_are_written_as_orientest_writes_them():
    assert read_manual_choice("AMB-3 AMB-1").picks == (Pick("AMB-00003", False), Pick("AMB-00001", False))
    assert read_manual_choice("amb-00003 et AMB-00001 forcer").picks == (
        Pick("AMB-00003", False),
        Pick("AMB-00001", True),
    )
    assert read_manual_choice("AMB-2 / AMB-2 !").picks == (Pick("AMB-00002", True),)
    assert read_manual_choice("AMB-2, Mme Dupont").unreadable == ("Mme Dupont",)


def test_ids_separated_by_spaces_or_et_are_all_asked(referential):
    plan = _decide(
        referential,
        ambassadors=_people(1, 2, 3),
        requests=[_chosen("AMB-3 et AMB-1", **{"Nombre d'ambassadeurs souhaités": "2"})],
    )
    assert sorted(_request_update(plan)["Proposée à"].split(", ")) == ["AMB-00001", "AMB-00003"]


def test_a_part_that_is_no_id_stops_the_whole_choice_and_says_which(referential):
    plan = _decide(referential, ambassadors=_people(1, 2), requests=[_chosen("AMB-00002 ou Mme Dupont")])
    values = _request_update(plan)
    assert plan.emails == []
    assert values["Anomalies"] == "• Affectation manuelle : « Mme Dupont » n'est pas un ID d'ambassadeur (AMB-00012)"


def test_an_unknown_id_is_said_and_nobody_else_is_asked_in_its_place(referential):
    plan = _decide(referential, ambassadors=_people(1), requests=[_chosen("AMB-00042")])
    assert plan.emails == []
    assert _request_update(plan)["Anomalies"] == (
        "• Affectation manuelle : AMB-00042 inconnu : aucune fiche lisible de `Ambassadeurs` n'a cet ID"
    )


def test_a_suspended_or_retired_ambassador_is_refused_even_forced(referential):
    for status in ("Suspendu", "Retiré"):
        person = {**active_ambassador("AMB-00002"), "Statut": status}
        plan = _decide(referential, ambassadors=[person], requests=[_chosen("AMB-00002 forcer")])
        assert plan.emails == []
        assert _request_update(plan)["Anomalies"] == (
            f"• Affectation manuelle : AMB-00002 est « {status} » : aucune proposition ne peut lui être faite, "
            "même forcée (son statut doit être « Actif »)"
        )


def test_more_ids_than_places_sends_nothing_and_says_how_many_places(referential):
    typed = ", ".join(f"AMB-{n:05d}" for n in range(1, 21))
    plan = _decide(referential, ambassadors=_people(*range(1, 21)), requests=[_chosen(typed)])
    assert plan.emails == []
    assert _request_update(plan)["Anomalies"] == (
        "• Affectation manuelle : 20 ambassadeurs indiqués pour 1 place à pourvoir : indiquez-en au plus 1 "
        "(aucune proposition envoyée)"
    )


def test_someone_who_already_declined_is_not_asked_again_unless_forced_and_staff_are_told_how(referential):
    declined = [_sent("DEM-2026-00001", "AMB-00002"), _sent("DEM-2026-00001", "AMB-00002", state="Déclinée")]
    plan = _decide(referential, now=LATER, ambassadors=_people(1, 2), requests=[_chosen("AMB-00002")], journal=declined)
    values = _request_update(plan)
    assert values["Anomalies"] == (
        "• Affectation manuelle : AMB-00002 a déjà été sollicité pour cette demande : « déclinée » (proposition du "
        "05/10/2026) ; écrivez « AMB-00002 forcer » pour la lui proposer de nouveau"
    )
    assert _templates(plan) == [("proposition", "ambassadeur00001@exemple.fr")]  # the search went on

    forced = _decide(
        referential, now=LATER, ambassadors=_people(1, 2), requests=[_chosen("AMB-00002 forcer")], journal=declined
    )
    assert _templates(forced) == [("proposition", "ambassadeur00002@exemple.fr")]
    assert "Anomalies" not in _request_update(forced) or not _request_update(forced)["Anomalies"]


def test_a_forced_second_proposal_is_made_once_and_its_answer_said_to_staff(referential):
    journal = [
        _sent("DEM-2026-00001", "AMB-00002"),
        _sent("DEM-2026-00001", "AMB-00002", state="Déclinée"),
        {**_sent("DEM-2026-00001", "AMB-00002", at=datetime(2026, 10, 12, 9, 0)), "Données": '{"again": "1"}'},
        {**_sent("DEM-2026-00001", "AMB-00002", state="Déclinée"), "Date": "13/10/2026 09:00"},
    ]
    plan = _decide(
        referential, now=LATER, ambassadors=_people(2), requests=[_chosen("AMB-00002 forcer")], journal=journal
    )
    assert "proposition" not in [template for template, _ in _templates(plan)]
    assert _request_update(plan)["Anomalies"] == (
        "• Affectation manuelle : AMB-00002, sollicité de nouveau à votre demande, a répondu « déclinée » "
        "(proposition du 12/10/2026) ; effacez son ID ou indiquez quelqu'un d'autre"
    )


def test_the_one_asked_by_hand_and_still_to_answer_is_left_waiting_without_a_word(referential):
    journal = [_sent("DEM-2026-00001", "AMB-00002")]
    request = {**_chosen("AMB-00002"), "Statut": "Proposée", "Proposée à": "AMB-00002"}
    plan = _decide(referential, ambassadors=_people(1, 2), requests=[request], journal=journal)
    assert plan.emails == []
    assert [u for u in plan.updates if u.tab == "Demandes" and u.values.get("Anomalies")] == []


def test_a_corrected_choice_takes_its_old_anomaly_away(referential):
    request = {**_chosen("AMB-00001"), "Anomalies": "• Affectation manuelle : AMB-00042 inconnu : aucune fiche"}
    plan = _decide(referential, ambassadors=_people(1), requests=[request])
    assert _request_update(plan)["Anomalies"] == ""


def test_cancelling_a_closed_request_says_there_is_nothing_to_cancel(referential):
    closed = {**open_request("DEM-2026-00001", status="Clôturée"), "Action": "Annuler", "Ambassadeur": "AMB-00001"}
    plan = _decide(referential, ambassadors=_people(1), requests=[closed])
    assert plan.emails == []
    assert _request_update(plan)["Anomalies"] == (
        "• Action : « Annuler » sans effet, la demande est « Clôturée » : rien à annuler"
    )


def test_reopening_a_confirmed_request_says_which_requests_reopen(referential):
    confirmed = {
        **open_request("DEM-2026-00001", status="Confirmée"),
        "Action": "Rouvrir",
        "Ambassadeur": "AMB-00001",
        "Date confirmée": "10/11/2026",
    }
    plan = _decide(referential, ambassadors=_people(1), requests=[confirmed])
    assert _request_update(plan)["Anomalies"] == (
        "• Action : « Rouvrir » sans effet, la demande est « Confirmée » (se rouvre : « En recherche », "
        "« Pistes proposées », « Sans solution », « Annulée »)"
    )
