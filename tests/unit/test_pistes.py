"""Pistes: when nobody fits a request as asked, the changes that would open candidates; the requester's signed choice
rewrites the request and the search resumes; « Sans solution » only once no piste is left."""

from datetime import date, datetime

from orientest.core.fingerprint import content_fingerprint
from orientest.core.schema import REQUESTS, Row
from orientest.core.tokens import REQUESTER
from tests.factories import active_ambassador, open_request
from tests.unit.test_matching_decisions import _answer, _decide, _request_update, _templates

NOW = datetime(2026, 10, 20, 18, 0)
STAFF = [{"Paramètre": "Adresse de l'équipe", "Valeur": "equipe@exemple.fr"}]
ONLY_THURSDAYS = {"Jours de disponibilité": "Jeudi"}  # the request asks for Tuesdays 10 and 17 November


def _offered(codes, at="18/10/2026 18:00"):
    return {
        "Date": at,
        "Flux": "matching",
        "Référence": "DEM-2026-00001",
        "Action": "pistes proposées",
        "Détail": " ".join(codes),
    }


def _choice(code, answer="J'accepte", person=REQUESTER):
    return _answer("DEM-2026-00001", person, answer, expires=date(2026, 10, 25), action=f"piste-{code}")


def _waiting(**values):
    return {**open_request("DEM-2026-00001", status="Pistes proposées"), **values}


def test_each_kind_of_piste_says_how_many_ambassadors_it_opens(referential):
    people = [
        active_ambassador("AMB-00001", ONLY_THURSDAYS),
        active_ambassador(
            "AMB-00002",
            {
                "Commune de rattachement": "Reims",
                "Zone d'intervention": "Ville et environs",
                "Interventions à distance": "Oui",
            },
        ),
        active_ambassador("AMB-00003", {"Secteurs": "Installation et Maintenance", "Thématiques transversales": ""}),
    ]
    plan = _decide(referential, NOW, ambassadors=people, requests=[open_request("DEM-2026-00001")], parameters=STAFF)
    assert _request_update(plan)["Pistes"].splitlines() == [
        "• le jeudi 12 novembre 2026 : 1 ambassadeur disponible",
        "• une intervention à distance (visioconférence) : 1 ambassadeur disponible",
        "• le secteur « Installation et Maintenance » en plus de ceux demandés : 1 ambassadeur disponible",
    ]


def test_the_requester_gets_each_piste_as_a_signed_choice_and_a_way_to_decline(referential):
    plan = _decide(
        referential,
        NOW,
        ambassadors=[active_ambassador("AMB-00001", ONLY_THURSDAYS)],
        requests=[open_request("DEM-2026-00001")],
        parameters=STAFF,
    )
    (email,) = plan.emails
    assert (email.template, email.to) == ("pistes", ("demandeur00001@exemple.fr",))
    (choice,) = email.context["pistes"]
    assert choice["token"].startswith("DEM-2026-00001.DEMANDEUR.piste-date-20261112.20261025.")
    assert email.context["decline_token"].startswith("DEM-2026-00001.DEMANDEUR.pistes.20261025.")
    offered = next(j for j in plan.journal if j.action == "pistes proposées")
    assert offered.detail == "date-20261112"


def test_taking_a_piste_rewrites_the_request_and_the_search_resumes_at_once(referential):
    plan = _decide(
        referential,
        NOW,
        ambassadors=[active_ambassador("AMB-00001", ONLY_THURSDAYS)],
        requests=[_waiting()],
        journal=[_offered(["date-20261112"])],
        answers=[_choice("date-20261112")],
    )
    (update,) = [u for u in plan.updates if u.tab == "Demandes"]
    assert update.edits_answers
    assert (update.values["Date souhaitée"], update.values["Date alternative"]) == ("12/11/2026", "")
    assert update.values["Statut"] == "Proposée" and update.values["Proposée à"] == "AMB-00001"
    edited = Row(
        2, {**open_request("DEM-2026-00001"), "Date souhaitée": "12/11/2026", "Date alternative": ""}, REQUESTS
    )
    assert update.values["Empreinte"] == content_fingerprint(edited, REQUESTS)  # intake sees no requester edit
    (before,) = [j.detail for j in plan.journal if j.action == "fiche mise à jour"]
    assert before == "Date souhaitée : 10/11/2026 → 12/11/2026; Date alternative : 17/11/2026 → "


def test_declining_the_pistes_means_no_solution_and_staff_are_alerted(referential):
    plan = _decide(
        referential,
        NOW,
        ambassadors=[active_ambassador("AMB-00001", ONLY_THURSDAYS)],
        requests=[_waiting()],
        journal=[_offered(["date-20261112"])],
        parameters=STAFF,
        answers=[
            _answer(
                "DEM-2026-00001", REQUESTER, "Je ne suis pas disponible", expires=date(2026, 10, 25), action="pistes"
            )
        ],
    )
    assert _request_update(plan)["Statut"] == "Sans solution"
    assert _templates(plan) == [("escalade", "equipe@exemple.fr"), ("sans_solution", "demandeur00001@exemple.fr")]


def test_a_piste_s_link_acts_only_with_its_own_answer(referential):
    for answer in [
        _choice("date-20261112", answer="Je ne suis pas disponible"),
        _answer("DEM-2026-00001", REQUESTER, "J'accepte", expires=date(2026, 10, 25), action="pistes"),
    ]:
        plan = _decide(
            referential,
            NOW,
            ambassadors=[active_ambassador("AMB-00001", ONLY_THURSDAYS)],
            requests=[_waiting()],
            journal=[_offered(["date-20261112"])],
            answers=[answer],
        )
        (processed,) = [u for u in plan.updates if u.tab == "Réponses"]
        assert "ce lien sert à répondre" in processed.values["Anomalies"]
        assert not [u for u in plan.updates if u.tab == "Demandes"] and plan.emails == []  # no « Sans solution »


def test_a_piste_that_was_not_offered_changes_nothing(referential):
    plan = _decide(
        referential,
        NOW,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_waiting()],
        journal=[_offered(["date-20261112"])],
        answers=[_choice("distance")],
    )
    (processed,) = [u for u in plan.updates if u.tab == "Réponses"]
    assert processed.values["Anomalies"] == "piste « distance » inconnue pour DEM-2026-00001 : rien n'a été changé"
    assert not [u for u in plan.updates if u.tab == "Demandes"] and plan.emails == []


def test_only_the_requester_can_choose_a_piste(referential):
    plan = _decide(
        referential,
        NOW,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_waiting()],
        journal=[_offered(["date-20261112"])],
        answers=[_choice("date-20261112", person="AMB-00001")],
    )
    (processed,) = [u for u in plan.updates if u.tab == "Réponses"]
    assert processed.values["Anomalies"] == "ce jeton ne sert pas à choisir une piste"


def test_pistes_left_unanswered_past_the_answer_delay_mean_no_solution(referential):
    plan = _decide(
        referential,
        datetime(2026, 10, 24, 18),
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_waiting()],
        journal=[_offered(["date-20261112"])],
        parameters=STAFF,
    )
    assert _request_update(plan)["Statut"] == "Sans solution"
    assert _request_update(plan)["Motif"] == "le demandeur n'a choisi aucune des pistes proposées dans le délai"
    (told,) = [e for e in plan.emails if e.template == "sans_solution"]
    assert told.context["reason"] == "nous n'avons pas reçu votre choix parmi les pistes proposées dans le délai"


def _took(code="date-20261112", at="19/10/2026 18:00"):
    return {"Date": at, "Flux": "matching", "Référence": "DEM-2026-00001", "Action": "piste retenue", "Détail": code}


def test_a_piste_taken_that_still_finds_nobody_brings_new_pistes_after_a_new_search(referential):
    taken = open_request(
        "DEM-2026-00001", {"Date souhaitée": "12/11/2026", "Date alternative": "", "Horodatage": "01/10/2026 09:00:00"}
    )
    people = [active_ambassador("AMB-00001", {"Jours de disponibilité": "Vendredi"})]
    plan = _decide(
        referential,
        NOW,
        ambassadors=people,
        requests=[taken],
        journal=[_offered(["date-20261112"]), _took()],
        parameters=STAFF,
    )
    assert "Statut" not in _request_update(plan)  # a week of search again first, counted from the choice
    later = _decide(
        referential,
        datetime(2026, 10, 27, 18),
        ambassadors=people,
        requests=[taken],
        journal=[_offered(["date-20261112"]), _took()],
        parameters=STAFF,
    )
    assert _request_update(later)["Statut"] == "Pistes proposées"
    assert [e.key for e in later.emails] == ["pistes:DEM-2026-00001:2"]


def test_after_three_rounds_of_pistes_the_request_has_no_solution(referential):
    taken = open_request(
        "DEM-2026-00001", {"Date souhaitée": "12/11/2026", "Date alternative": "", "Horodatage": "01/10/2026 09:00:00"}
    )
    rounds = [
        row
        for n in (1, 2, 3)
        for row in (_offered(["date-20261112"], at=f"1{n}/10/2026 18:00"), _took(at=f"1{n}/10/2026 20:00"))
    ]
    plan = _decide(
        referential,
        datetime(2026, 10, 27, 18),
        requests=[taken],
        parameters=STAFF,
        journal=rounds,
        ambassadors=[active_ambassador("AMB-00001", {"Jours de disponibilité": "Vendredi"})],
    )
    assert _request_update(plan)["Statut"] == "Sans solution"


def test_pistes_without_a_choice_are_recalled_halfway_through_the_delay_with_the_same_choices(referential):
    plan = _decide(
        referential,
        datetime(2026, 10, 21, 18),
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_waiting()],
        journal=[_offered(["date-20261112", "distance"])],
        parameters=STAFF,
    )
    (reminder,) = plan.emails
    assert (reminder.template, reminder.key) == ("pistes_relance", "pistes_relance:DEM-2026-00001:1")
    assert [p["token"].split(".")[2] for p in reminder.context["pistes"]] == ["piste-date-20261112", "piste-distance"]
    assert reminder.context["pistes"][0]["token"].split(".")[3] == "20261023"  # the delay is not extended


def test_another_day_is_any_day_the_forms_accept_saturdays_included(referential):
    """One school-day rule for the form, matching and pistes: an ambassador free only on Saturdays opens a Saturday."""
    people = [active_ambassador("AMB-00001", {"Jours de disponibilité": "Samedi"})]
    plan = _decide(referential, NOW, ambassadors=people, requests=[open_request("DEM-2026-00001")], parameters=STAFF)
    assert _request_update(plan)["Pistes"].splitlines()[0] == "• le samedi 7 novembre 2026 : 1 ambassadeur disponible"


def test_another_day_is_never_a_public_holiday_nor_in_the_school_holidays(referential):
    """Free only on Wednesdays, for a Tuesday 10 November: not Armistice the day after, not the Toussaint holidays."""
    people = [active_ambassador("AMB-00001", {"Jours de disponibilité": "Mercredi"})]
    plan = _decide(referential, NOW, ambassadors=people, requests=[open_request("DEM-2026-00001")], parameters=STAFF)
    assert _request_update(plan)["Pistes"].splitlines()[0] == "• le mercredi 4 novembre 2026 : 1 ambassadeur disponible"


def test_a_day_piste_taken_is_served_by_the_next_search(referential):
    people = [active_ambassador("AMB-00001", {"Jours de disponibilité": "Samedi"})]
    taken = open_request("DEM-2026-00001", {"Date souhaitée": "07/11/2026", "Date alternative": ""})
    plan = _decide(referential, NOW, ambassadors=people, requests=[taken], parameters=STAFF)
    assert [email.template for email in plan.emails] == ["proposition"]
