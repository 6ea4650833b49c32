"""The network's events as follow-up decides them: who is invited, who gets a seat or waits, a seat given back,
the eve's reminder, staff asked who came and the last training written on each record."""

from datetime import date, datetime

from cli.forms import stand_in_rows
from orientest import followup
from orientest.context import Context
from orientest.core.schema import (
    AMBASSADORS,
    EVENT_REGISTRATIONS,
    EVENTS,
    FEEDBACK,
    FORMS,
    JOURNAL,
    PARAMETERS,
    REQUESTS,
    UPDATES,
)
from orientest.core.tokens import EVENT, Claims, sign
from tests.factories import SECRET, active_ambassador, open_request
from tests.unit import test_matching_decisions as matching
from tests.unit.test_followup_decisions import _table

DAY = date(2027, 1, 14)
BEFORE = datetime(2027, 1, 5, 7, 30)
STAFF = [{"Paramètre": "Adresse de l'équipe", "Valeur": "equipe@exemple.fr"}]


def _event(**changes):
    return {
        "ID": "REN-0001",
        "Titre": "Accueillir une classe : les bons gestes",
        "Type": "Formation",
        "Date": "14/01/2027",
        "Heure de début": "14 h",
        "Heure de fin": "16 h 30",
        "Lieu": "Maison de la Région, Strasbourg",
        "Places": "3",
        **changes,
    }


def _people(count=6, **changes):
    return [active_ambassador(f"AMB-{n:05d}", changes) for n in range(1, count + 1)]


def _registration(ambassador_id, answer="Je m'inscris", at="06/01/2027 09:00:00", event_id="REN-0001"):
    return {
        "Horodatage": at,
        "Jeton": sign(Claims(event_id, ambassador_id, EVENT, DAY), SECRET),
        "Inscription": answer,
    }


def _decide(referential, now, events, ambassadors=None, registrations=(), forms=True, parameters=STAFF):
    snapshot = {
        "Ambassadeurs": _table(AMBASSADORS, _people() if ambassadors is None else ambassadors),
        "Demandes": _table(REQUESTS, []),
        "Retours": _table(FEEDBACK, []),
        "Rencontres": _table(EVENTS, events),
        "Inscriptions aux rencontres": _table(EVENT_REGISTRATIONS, registrations),
        "Mises à jour": _table(UPDATES, []),
        "Journal": _table(JOURNAL, []),
        "Paramètres": _table(PARAMETERS, parameters),
        "Formulaires": _table(FORMS, stand_in_rows(referential.forms) if forms else []),
    }
    return followup.decide(snapshot, Context(now, referential, SECRET))


def _sent(plan, template):
    return sorted(e.to[0] for e in plan.emails if e.template == template)


def _line(plan):
    (update,) = [u for u in plan.updates if u.tab == "Rencontres"]
    return update.values


def _marked(plan):
    return [u.values for u in plan.updates if u.tab == "Inscriptions aux rencontres"]


def test_a_line_staff_type_gets_an_id_and_its_audience_is_invited_once(referential):
    plan = _decide(referential, BEFORE, [_event(ID="")])
    assert len(_sent(plan, "rencontre_invitation")) == 6
    assert {e.key for e in plan.emails} == {f"rencontre_invitation:REN-0001:AMB-{n:05d}" for n in range(1, 7)}
    assert (_line(plan)["ID"], _line(plan)["Invités"]) == ("REN-0001", "6")


def test_the_departments_and_newcomers_filters_leave_the_others_uninvited(referential):
    people = [
        active_ambassador("AMB-00001"),  # Strasbourg, 67
        active_ambassador("AMB-00002", {"Commune de rattachement": "51100 Reims"}),
        active_ambassador("AMB-00003", {"Horodatage": "01/10/2024 10:00:00"}),  # joined over a year ago
    ]
    plan = _decide(referential, BEFORE, [_event(**{"Départements": "67"})], people)
    assert _sent(plan, "rencontre_invitation") == ["ambassadeur00001@exemple.fr", "ambassadeur00003@exemple.fr"]
    plan = _decide(referential, BEFORE, [_event(**{"Pour qui": "Nouveaux ambassadeurs"})], people)
    assert _sent(plan, "rencontre_invitation") == ["ambassadeur00001@exemple.fr", "ambassadeur00002@exemple.fr"]


def test_without_the_registration_form_nobody_is_invited_and_the_line_says_what_to_do(referential):
    plan = _decide(referential, BEFORE, [_event()], forms=False)
    assert _sent(plan, "rencontre_invitation") == []
    assert "invitations en attente" in _line(plan)["Anomalies"] and "formulaires --google" in _line(plan)["Anomalies"]


def test_three_places_five_registrations_two_wait_in_order_of_registration(referential):
    registrations = [_registration(f"AMB-{n:05d}", at=f"06/01/2027 09:0{n}:00") for n in (5, 1, 2, 3, 4)]
    plan = _decide(referential, BEFORE, [_event()], registrations=registrations)
    assert (_line(plan)["Inscrits"], _line(plan)["Liste d'attente"]) == (
        "AMB-00001, AMB-00002, AMB-00003",
        "AMB-00004, AMB-00005",
    )
    assert len(_sent(plan, "rencontre_inscription")) == 3 and len(_sent(plan, "rencontre_attente")) == 2
    (seat,) = [
        e for e in plan.emails if e.template == "rencontre_inscription" and e.to[0].startswith("ambassadeur00001")
    ]
    assert seat.invitations[0].start == datetime(2027, 1, 14, 14, 0) and not seat.invitations[0].cancelled
    assert all(m["Rencontre"] == "REN-0001" and m["Anomalies"] == "" for m in _marked(plan))


def test_a_seat_given_back_goes_to_the_first_in_line_who_is_told_with_the_event(referential):
    seated = _event(**{"Inscrits": "AMB-00001, AMB-00002, AMB-00003", "Liste d'attente": "AMB-00004, AMB-00005"})
    plan = _decide(referential, BEFORE, [seated], registrations=[_registration("AMB-00002", "Je me désinscris")])
    assert (_line(plan)["Inscrits"], _line(plan)["Liste d'attente"]) == ("AMB-00001, AMB-00003, AMB-00004", "AMB-00005")
    (gone,) = [e for e in plan.emails if e.template == "rencontre_desinscription"]
    assert gone.to == ("ambassadeur00002@exemple.fr",) and gone.invitations[0].cancelled
    (promoted,) = [e for e in plan.emails if e.template == "rencontre_inscription"]
    assert promoted.to == ("ambassadeur00004@exemple.fr",) and promoted.context["promoted"]


def test_registering_twice_changes_nothing_and_sends_nothing_more(referential):
    seated = _event(**{"Inscrits": "AMB-00001", "Invités": "6"})
    plan = _decide(referential, BEFORE, [seated], registrations=[_registration("AMB-00001")])
    assert _sent(plan, "rencontre_inscription") == [] and not [u for u in plan.updates if u.tab == "Rencontres"]


def test_places_staff_add_seat_the_waiting_list(referential):
    full = _event(**{"Places": "4", "Inscrits": "AMB-00001, AMB-00002, AMB-00003", "Liste d'attente": "AMB-00004"})
    plan = _decide(referential, BEFORE, [full])
    assert _line(plan)["Inscrits"].endswith("AMB-00004") and _line(plan)["Liste d'attente"] == ""
    assert _sent(plan, "rencontre_inscription") == ["ambassadeur00004@exemple.fr"]


def test_a_link_of_another_kind_or_an_unknown_answer_does_not_register(referential):
    other = {**_registration("AMB-00001"), "Jeton": sign(Claims("REN-0001", "AMB-00001", "reponse", DAY), SECRET)}
    plan = _decide(referential, BEFORE, [_event()], registrations=[other, _registration("AMB-00002", "Peut-être")])
    first, second = _marked(plan)
    assert "ne sert pas à s'inscrire" in first["Anomalies"] and "« Peut-être »" in second["Anomalies"]


def test_an_answer_for_a_line_that_no_longer_reads_waits_for_it(referential):
    plan = _decide(referential, BEFORE, [_event(Date="le 14")], registrations=[_registration("AMB-00001")])
    (marked,) = _marked(plan)
    assert "Traitée" not in marked and "ne se lit pas" in marked["Anomalies"]
    assert "« le 14 » n'est pas une date lisible" in _line(plan)["Anomalies"]


def test_the_eve_those_seated_are_reminded(referential):
    seated = _event(**{"Inscrits": "AMB-00001, AMB-00002"})
    plan = _decide(referential, datetime(2027, 1, 13, 7, 30), [seated])
    assert _sent(plan, "rencontre_rappel") == ["ambassadeur00001@exemple.fr", "ambassadeur00002@exemple.fr"]


def test_after_the_day_staff_are_asked_who_came_and_what_they_type_is_each_last_training(referential):
    seated = _event(**{"Inscrits": "AMB-00001, AMB-00002, AMB-00003"})
    plan = _decide(referential, datetime(2027, 1, 15, 7, 30), [seated])
    assert _sent(plan, "rencontre_presences") == ["equipe@exemple.fr"]
    came = {**seated, "Présents": "AMB-00001, AMB-00003, Claire Martin"}
    plan = _decide(referential, datetime(2027, 1, 16, 7, 30), [came])
    assert _sent(plan, "rencontre_presences") == []
    trained = {u.key.id: u.values["Dernière formation"] for u in plan.updates if u.tab == "Ambassadeurs"}
    assert trained == {
        "AMB-00001": "14/01/2027 – Accueillir une classe : les bons gestes",
        "AMB-00003": "14/01/2027 – Accueillir une classe : les bons gestes",
    }
    assert "Présents : Claire Martin inconnu(s)" in _line(plan)["Anomalies"]


TRAINING_FIRST = [{"Paramètre": "Formation avant la première proposition", "Valeur": "Oui"}]


def test_when_paramètres_ask_for_a_first_training_only_the_trained_are_proposed(referential):
    untrained = active_ambassador("AMB-00001")
    trained = active_ambassador("AMB-00002", {"Adresse e-mail": "b@exemple.fr"})
    trained["Dernière formation"] = "14/01/2027 – Accueillir une classe : les bons gestes"
    request = [open_request("DEM-2026-00001")]
    plan = matching._decide(referential, ambassadors=[untrained, trained], requests=request, parameters=TRAINING_FIRST)
    assert [e.to[0] for e in plan.emails if e.template == "proposition"] == ["b@exemple.fr"]
    plan = matching._decide(referential, ambassadors=[untrained], requests=request, parameters=TRAINING_FIRST)
    assert not [e for e in plan.emails if e.template == "proposition"]
    plan = matching._decide(referential, ambassadors=[untrained], requests=request)
    assert [e.to[0] for e in plan.emails if e.template == "proposition"] == ["ambassadeur00001@exemple.fr"]


def test_a_later_training_staff_typed_by_hand_is_not_replaced_by_an_earlier_one_of_the_tab(referential):
    came = _event(**{"Inscrits": "AMB-00001, AMB-00002", "Présents": "AMB-00001, AMB-00002"})
    people = _people(2)
    people[0]["Dernière formation"] = "03/03/2027 – Formation de la branche métallurgie"
    people[1]["Dernière formation"] = "10/10/2026 – Journée d'accueil"
    plan = _decide(referential, datetime(2027, 3, 10, 7, 30), [came], people)
    trained = {u.key.id: u.values["Dernière formation"] for u in plan.updates if u.tab == "Ambassadeurs"}
    assert trained == {"AMB-00002": "14/01/2027 – Accueillir une classe : les bons gestes"}
