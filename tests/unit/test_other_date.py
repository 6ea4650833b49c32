"""« Je propose une autre date »: the requester's signed click confirms the ambassador on that day or resumes the
search; staff may take it with `Action`; the ambassador is not reminded of the day they declined."""

from datetime import date, datetime

from orientest.core.tokens import REQUESTER, Claims, sign
from tests.factories import SECRET, active_ambassador, open_request
from tests.unit.test_matching_decisions import _answer, _decide, _request_update, _sent, _templates

OFFERED_AT = datetime(2026, 10, 6, 9, 0)
STAFF = [{"Paramètre": "Adresse de l'équipe", "Valeur": "equipe@exemple.fr"}]


def _offered(day="17/11/2026"):
    other = {**_sent("DEM-2026-00001", "AMB-00001", at=OFFERED_AT, state="Autre date proposée")}
    other["Données"] = f'{{"day": "2026-11-10", "other_day": "{day[6:]}-{day[3:5]}-{day[:2]}"}}'
    return [_sent("DEM-2026-00001", "AMB-00001"), other]


def _requester_says(answer, day="20261117", ambassador="AMB-00001"):
    token = sign(Claims("DEM-2026-00001", REQUESTER, f"autredate-{ambassador}-{day}", date(2026, 10, 13)), SECRET)
    return {"Horodatage": "07/10/2026 10:00:00", "Jeton": token, "Réponse": answer}


def _run(referential, now=datetime(2026, 10, 7, 18, 0), answers=(), action=""):
    request = {**open_request("DEM-2026-00001", status="Proposée"), "Proposée à": "AMB-00001", "Action": action}
    return _decide(
        referential,
        now=now,
        ambassadors=[active_ambassador("AMB-00001"), active_ambassador("AMB-00002")],
        requests=[request],
        journal=_offered(),
        answers=answers,
        parameters=STAFF,
    )


def test_the_requester_taking_the_other_day_confirms_the_ambassador_on_that_day(referential):
    plan = _run(referential, answers=[_requester_says("J'accepte")])
    values = _request_update(plan)
    assert (values["Statut"], values["Ambassadeur"], values["Date confirmée"]) == (
        "Confirmée",
        "AMB-00001",
        "17/11/2026",
    )
    assert ("confirmation_demandeur", "demandeur00001@exemple.fr") in _templates(plan)
    confirmation = next(e for e in plan.emails if e.template == "confirmation_ambassadeur")
    assert confirmation.context["day"] == "mardi 17 novembre 2026"


def test_the_requester_declining_the_other_day_resumes_the_search(referential):
    plan = _run(referential, answers=[_requester_says("Je ne suis pas disponible")])
    assert ("proposition", "ambassadeur00002@exemple.fr") in _templates(plan)
    (refused,) = [e for e in plan.journal if e.result == "Déclinée"]
    assert refused.detail == "le 17/11/2026 ne convient pas au demandeur"


def test_a_choice_for_a_day_no_longer_offered_changes_nothing(referential):
    plan = _run(referential, answers=[_requester_says("J'accepte", day="20261118")])
    (row,) = [u for u in plan.updates if u.tab == "Réponses"]
    assert (
        row.values["Anomalies"]
        == "cette date n'attend plus de choix (une autre date attend un choix) : rien n'a été changé"
    )
    assert "confirmation_demandeur" not in [t for t, _ in _templates(plan)]


def test_staff_can_take_the_other_day_with_an_action(referential):
    plan = _run(referential, action="Accepter l'autre date")
    values = _request_update(plan)
    assert (values["Statut"], values["Date confirmée"]) == ("Confirmée", "17/11/2026")


def test_taking_an_other_day_nobody_offered_says_so(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[{**open_request("DEM-2026-00001"), "Action": "Accepter l'autre date"}],
    )
    assert _request_update(plan)["Anomalies"] == (
        "• Action : « Accepter l'autre date » sans effet : aucune autre date proposée par un ambassadeur n'attend de "
        "choix"
    )


def test_the_ambassador_who_offered_another_day_gets_no_reminder_of_the_first(referential):
    half_way = datetime(2026, 10, 9, 18, 0)
    plan = _run(referential, now=half_way)
    assert "proposition_relance" not in [t for t, _ in _templates(plan)]
    staff_remind = _run(referential, action="Relancer")
    assert "proposition_relance" not in [t for t, _ in _templates(staff_remind)]


def test_an_other_day_that_does_not_read_goes_to_staff_only(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[open_request("DEM-2026-00001", status="Proposée")],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        parameters=STAFF,
        answers=[
            _answer("DEM-2026-00001", "AMB-00001", "Je propose une autre date", **{"Date proposée": "fin novembre"})
        ],
    )
    assert _templates(plan) == [("autre_date", "equipe@exemple.fr")]
