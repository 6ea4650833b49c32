"""A request for several ambassadors (a forum des métiers): each place its own proposal, the sectors spread, the
request partly filled until every place is taken, a withdrawal freeing one place."""

from datetime import date, datetime

from orientest.core.tokens import CANCEL, REQUESTER
from tests.factories import active_ambassador, open_request
from tests.unit.test_matching_decisions import _answer, _decide, _request_update, _sent, _templates

FORUM = {
    "Nombre d'ambassadeurs souhaités": "3",
    "Secteurs souhaités": "Industrie, Santé, Transport et Logistique",
    "Type d'intervention": "Événement en présentiel",
    "Date alternative": "",
}
INDUSTRY, HEALTH, IT = ({"Secteurs": "Industrie"}, {"Secteurs": "Santé"}, {"Secteurs": "Transport et Logistique"})
WORDS = '{"day": "2026-11-10", "words": "J\'apporte une maquette de moteur."}'  # kept on accepting
EVERY_TYPE = {"Types d'intervention": "Intervention en établissement, Événement en présentiel"}


def _people(*sectors):
    return [
        active_ambassador(f"AMB-0000{n}", {**EVERY_TYPE, **changes, "Thématiques transversales": ""})
        for n, changes in enumerate(sectors, start=1)
    ]


def _forum(status="En recherche", **values):
    return {**open_request("DEM-2026-00001", FORUM, status=status), **values}


def test_a_forum_is_proposed_to_as_many_ambassadors_as_it_has_places(referential):
    plan = _decide(referential, ambassadors=_people(INDUSTRY, HEALTH, IT, INDUSTRY), requests=[_forum()])
    values = _request_update(plan)
    assert values["Statut"] == "Proposée"
    assert len(values["Proposée à"].split(", ")) == 3
    assert [t for t, _ in _templates(plan)] == ["proposition"] * 3


def test_places_go_to_every_sector_asked_before_a_second_ambassador_of_one_sector(referential):
    # Two from industry live nearest (they score best); the forum names three sectors.
    near = {"Commune de rattachement": "67000 Strasbourg"}
    far = {"Commune de rattachement": "Colmar", "Zone d'intervention": "Région"}
    plan = _decide(
        referential,
        ambassadors=_people({**INDUSTRY, **near}, {**INDUSTRY, **near}, {**HEALTH, **far}, {**IT, **far}),
        requests=[_forum()],
    )
    asked = set(_request_update(plan)["Proposée à"].split(", "))
    assert {"AMB-00003", "AMB-00004"} < asked and len(asked & {"AMB-00001", "AMB-00002"}) == 1


def test_a_first_acceptance_partly_fills_the_forum_and_the_requester_waits_for_the_full_list(referential):
    journal = [_sent("DEM-2026-00001", f"AMB-0000{n}") for n in (1, 2, 3)]
    plan = _decide(
        referential,
        ambassadors=_people(INDUSTRY, HEALTH, IT),
        requests=[_forum("Proposée", **{"Proposée à": "AMB-00001, AMB-00002, AMB-00003"})],
        journal=journal,
        answers=[_answer("DEM-2026-00001", "AMB-00002")],
    )
    values = _request_update(plan)
    assert (values["Statut"], values["Ambassadeur"], values["Date confirmée"]) == (
        "Partiellement pourvue",
        "AMB-00002",
        "10/11/2026",
    )
    assert values["Proposée à"] == "AMB-00001, AMB-00003"  # the other places are still asked
    (to_ambassador,) = plan.emails  # the requester hears once, when every place is filled or on the eve
    assert to_ambassador.template == "confirmation_ambassadeur"
    assert to_ambassador.invitations[0].uid == "DEM-2026-00001-AMB-00002@orientest"


def test_the_last_place_taken_confirms_the_forum(referential):
    journal = [_sent("DEM-2026-00001", f"AMB-0000{n}") for n in (1, 2, 3)]
    journal += [_sent("DEM-2026-00001", f"AMB-0000{n}", state="Acceptée") for n in (1, 2)]
    forum = _forum(
        "Partiellement pourvue",
        **{"Ambassadeur": "AMB-00001, AMB-00002", "Date confirmée": "10/11/2026", "Proposée à": "AMB-00003"},
    )
    plan = _decide(
        referential,
        ambassadors=_people(INDUSTRY, HEALTH, IT),
        requests=[forum],
        journal=journal,
        answers=[_answer("DEM-2026-00001", "AMB-00003")],
    )
    values = _request_update(plan)
    assert (values["Statut"], values["Ambassadeur"]) == ("Confirmée", "AMB-00001, AMB-00002, AMB-00003")
    (requester,) = [e for e in plan.emails if e.to == ("demandeur00001@exemple.fr",)]
    assert requester.template == "confirmation_forum" and requester.context["complete"]
    assert [speaker["name"] for speaker in requester.context["speakers"]] == [
        "Claire Nom00001",
        "Claire Nom00002",
        "Claire Nom00003",
    ]
    (event,) = requester.invitations  # one event in the requester's calendar, every ambassador among its guests
    assert event.uid == "DEM-2026-00001@orientest" and len(event.attendees) == 4


def test_a_forum_not_full_on_the_eve_tells_its_requester_who_comes_once(referential):
    journal = [_sent("DEM-2026-00001", f"AMB-0000{n}") for n in (1, 2)]
    journal += [
        {**_sent("DEM-2026-00001", "AMB-00001", state="Acceptée"), "Données": WORDS},
        _sent("DEM-2026-00001", "AMB-00002", state="Acceptée"),
    ]
    forum = _forum("Partiellement pourvue", **{"Ambassadeur": "AMB-00001, AMB-00002", "Date confirmée": "10/11/2026"})
    eve = datetime(2026, 11, 9, 18)
    plan = _decide(referential, eve, ambassadors=_people(INDUSTRY, HEALTH), requests=[forum], journal=journal)
    (told,) = [e for e in plan.emails if e.template == "confirmation_forum"]
    assert not told.context["complete"]
    assert [s["comment"] for s in told.context["speakers"]] == ["J'apporte une maquette de moteur.", ""]

    handed_over = {"Date": "09/11/2026 18:00", "Clé d'idempotence": told.key, "Résultat": "envoyé"}
    again = _decide(
        referential, eve, ambassadors=_people(INDUSTRY, HEALTH), requests=[forum], journal=[*journal, handed_over]
    )
    assert [e for e in again.emails if e.template == "confirmation_forum"] == []


def test_a_partly_filled_forum_asks_others_for_its_places_left_on_its_day(referential):
    journal = [_sent("DEM-2026-00001", "AMB-00001"), _sent("DEM-2026-00001", "AMB-00001", state="Acceptée")]
    forum = _forum("Partiellement pourvue", **{"Ambassadeur": "AMB-00001", "Date confirmée": "10/11/2026"})
    plan = _decide(referential, ambassadors=_people(INDUSTRY, HEALTH, IT), requests=[forum], journal=journal)
    assert sorted(_request_update(plan)["Proposée à"].split(", ")) == ["AMB-00002", "AMB-00003"]
    assert {e.context["day"] for e in plan.emails} == {"mardi 10 novembre 2026"}
    assert "Statut" not in _request_update(plan)


def test_one_ambassador_of_a_forum_withdrawing_frees_only_their_place(referential):
    journal = [_sent("DEM-2026-00001", f"AMB-0000{n}") for n in (1, 2, 3)]
    journal += [_sent("DEM-2026-00001", f"AMB-0000{n}", state="Acceptée") for n in (1, 2, 3)]
    forum = _forum("Confirmée", **{"Ambassadeur": "AMB-00001, AMB-00002, AMB-00003", "Date confirmée": "10/11/2026"})
    withdrawal = _answer("DEM-2026-00001", "AMB-00002", "Je dois annuler", expires=date(2026, 11, 10), action=CANCEL)
    plan = _decide(
        referential,
        ambassadors=_people(INDUSTRY, HEALTH, IT, HEALTH),
        requests=[forum],
        journal=journal,
        answers=[withdrawal],
    )
    values = _request_update(plan)
    assert (values["Statut"], values["Ambassadeur"]) == ("Partiellement pourvue", "AMB-00001, AMB-00003")
    assert values["Proposée à"] == "AMB-00004"  # the freed place is sought in the same run, same sector
    assert ("desistement", "demandeur00001@exemple.fr") in _templates(plan)


def test_one_ambassador_of_a_forum_calling_off_on_the_day_leaves_the_requester_s_calendar_too(referential):
    journal = [_sent("DEM-2026-00001", f"AMB-0000{n}", state="Acceptée") for n in (1, 2)]
    forum = _forum("Confirmée", **{"Ambassadeur": "AMB-00001, AMB-00002", "Date confirmée": "10/11/2026"})
    withdrawal = _answer("DEM-2026-00001", "AMB-00002", "Je dois annuler", expires=date(2026, 11, 10), action=CANCEL)
    plan = _decide(
        referential,
        datetime(2026, 11, 10, 7, 30),
        ambassadors=_people(INDUSTRY, HEALTH),
        requests=[forum],
        journal=journal,
        answers=[withdrawal],
    )
    assert _request_update(plan)["Ambassadeur"] == "AMB-00001"  # the forum goes on with the other one
    assert _templates(plan) == [
        ("desistement", "demandeur00001@exemple.fr"),
        ("desistement_enregistre", "ambassadeur00002@exemple.fr"),
    ]
    told = next(e for e in plan.emails if e.template == "desistement")
    assert (told.context["searching"], told.context["others"]) == (False, ["Claire Nom00001"])
    forum_event, theirs = told.invitations  # the forum's event updated; theirs, of a forum confirmed before
    assert (forum_event.uid, forum_event.cancelled, len(forum_event.attendees)) == (
        "DEM-2026-00001@orientest",
        False,
        2,
    )
    assert theirs.cancelled and theirs.uid == "DEM-2026-00001-AMB-00002@orientest"


def test_the_requester_cancelling_a_forum_tells_every_ambassador_coming(referential):
    journal = [_sent("DEM-2026-00001", f"AMB-0000{n}") for n in (1, 2)]
    journal += [_sent("DEM-2026-00001", f"AMB-0000{n}", state="Acceptée") for n in (1, 2)]
    forum = _forum("Partiellement pourvue", **{"Ambassadeur": "AMB-00001, AMB-00002", "Date confirmée": "10/11/2026"})
    cancel = _answer("DEM-2026-00001", REQUESTER, "Je dois annuler", expires=date(2026, 11, 10), action=CANCEL)
    plan = _decide(
        referential, ambassadors=_people(INDUSTRY, HEALTH), requests=[forum], journal=journal, answers=[cancel]
    )
    assert _request_update(plan)["Statut"] == "Annulée"
    assert _templates(plan) == [
        ("annulation", "ambassadeur00001@exemple.fr"),
        ("annulation", "ambassadeur00002@exemple.fr"),
        ("annulation", "demandeur00001@exemple.fr"),
    ]
    requester = next(e for e in plan.emails if e.to == ("demandeur00001@exemple.fr",))
    assert [(event.uid, event.cancelled) for event in requester.invitations] == [
        ("DEM-2026-00001@orientest", True),
        ("DEM-2026-00001-AMB-00001@orientest", True),
        ("DEM-2026-00001-AMB-00002@orientest", True),
    ]


def test_staff_can_name_several_ambassadors_in_affectation_manuelle(referential):
    forum = {**_forum(), "Affectation manuelle": "AMB-00002, AMB-00003 forcer"}
    people = _people(INDUSTRY, HEALTH, {"Secteurs": "Spectacle"})
    plan = _decide(referential, ambassadors=people, requests=[forum])
    assert sorted(_request_update(plan)["Proposée à"].split(", ")) == ["AMB-00002", "AMB-00003"]


def test_a_manual_choice_the_rules_refuse_is_explained_and_the_others_are_asked(referential):
    forum = {**_forum(), "Affectation manuelle": "AMB-00002; AMB-00003"}
    people = _people(INDUSTRY, HEALTH, {"Secteurs": "Spectacle"})
    values = _request_update(_decide(referential, ambassadors=people, requests=[forum]))
    assert values["Proposée à"] == "AMB-00002"
    assert values["Anomalies"].startswith("• Affectation manuelle : AMB-00003 ne convient pas (ni le secteur")


def test_once_the_day_is_past_a_partly_filled_forum_asks_nobody_more(referential):
    forum = _forum("Partiellement pourvue", **{"Ambassadeur": "AMB-00001", "Date confirmée": "10/11/2026"})
    plan = _decide(
        referential,
        now=datetime(2026, 11, 10, 18),
        ambassadors=_people(INDUSTRY, HEALTH, IT),
        requests=[forum],
        journal=[_sent("DEM-2026-00001", "AMB-00001", state="Acceptée")],
    )
    assert plan.emails == []
