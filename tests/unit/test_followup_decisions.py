"""Follow-up decisions: reminders, feedback, no-shows, closing, updates, pauses and departures."""

from datetime import date, datetime

from orientest import followup
from orientest.context import Context
from orientest.core.schema import AMBASSADORS, FEEDBACK, JOURNAL, PARAMETERS, REQUESTS, UPDATES, Row, Table
from orientest.core.tokens import FEEDBACK as FEEDBACK_ACTION
from orientest.core.tokens import Claims, sign
from tests.factories import SECRET, active_ambassador, open_request


def _table(tab, rows):
    return Table(tab, tuple(Row(line, values, tab) for line, values in enumerate(rows, start=2)), tab.titles())


def _decide(referential, now, ambassadors=(), requests=(), feedback=(), updates=(), journal=(), parameters=()):
    snapshot = {
        "Ambassadeurs": _table(AMBASSADORS, ambassadors),
        "Demandes": _table(REQUESTS, requests),
        "Retours": _table(FEEDBACK, feedback),
        "Mises à jour": _table(UPDATES, updates),
        "Journal": _table(JOURNAL, journal),
        "Paramètres": _table(PARAMETERS, parameters),
    }
    return followup.decide(snapshot, Context(now, referential, SECRET))


def _confirmed(record_id="DEM-2026-00001", ambassador_id="AMB-00001", day="10/11/2026", status="Confirmée"):
    return {**open_request(record_id, status=status), "Ambassadeur": ambassador_id, "Date confirmée": day}


def _templates(plan):
    return sorted((e.template, e.to[0]) for e in plan.emails)


def _status(plan, tab="Demandes", record_id="DEM-2026-00001"):
    return next(u.values.get("Statut") for u in plan.updates if u.tab == tab and u.key.id == record_id)


def _opinion(person_id, held="Oui", satisfaction="5", record_id="DEM-2026-00001", **extra):
    token = sign(Claims(record_id, person_id, FEEDBACK_ACTION, date(2026, 12, 11)), SECRET)
    return {
        "Horodatage": "12/11/2026 17:00:00",
        "Jeton": token,
        "L'intervention a eu lieu": held,
        "Nombre de participants": "27",
        "Satisfaction": satisfaction,
        "Aide à l'orientation": "4",
        **extra,
    }


def test_a_week_before_both_sides_get_a_reminder(referential):
    plan = _decide(referential, datetime(2026, 11, 3, 7, 30), [active_ambassador("AMB-00001")], [_confirmed()])
    assert _templates(plan) == [
        ("rappel_intervention", "ambassadeur00001@exemple.fr"),
        ("rappel_intervention", "demandeur00001@exemple.fr"),
    ]
    assert {e.key for e in plan.emails} == {
        "rappel_intervention:DEM-2026-00001:7:ambassadeur",
        "rappel_intervention:DEM-2026-00001:7:demandeur",
    }


def test_reminders_are_sent_once_however_often_the_flow_runs(referential):
    first = _decide(referential, datetime(2026, 11, 9, 7, 30), [active_ambassador("AMB-00001")], [_confirmed()])
    sent = [{"Clé d'idempotence": e.key, "Résultat": "envoyé"} for e in first.emails]
    for hour in (9, 12, 18):
        again = _decide(
            referential, datetime(2026, 11, 9, hour), [active_ambassador("AMB-00001")], [_confirmed()], journal=sent
        )
        assert again.emails == []
    assert {e.key.split(":")[2] for e in first.emails} == {"1"}  # the eve: the 1-day reminder only


def test_the_day_after_it_is_done_and_both_sides_are_asked_for_feedback(referential):
    plan = _decide(referential, datetime(2026, 11, 11, 7, 30), [active_ambassador("AMB-00001")], [_confirmed()])
    assert _status(plan) == "Réalisée"
    assert _templates(plan) == [
        ("demande_retour", "ambassadeur00001@exemple.fr"),
        ("demande_retour", "demandeur00001@exemple.fr"),
    ]
    tokens = sorted(e.context["token"].split(".")[1] for e in plan.emails)
    assert tokens == ["AMB-00001", "DEMANDEUR"]


def test_feedback_is_stored_against_the_intervention(referential):
    plan = _decide(
        referential,
        datetime(2026, 11, 12, 18, 0),
        [active_ambassador("AMB-00001")],
        [_confirmed(status="Réalisée")],
        feedback=[_opinion("DEMANDEUR")],
    )
    (stored,) = [u for u in plan.updates if u.tab == "Retours"]
    assert stored.values == {
        "Traitée": "12/11/2026 18:00",
        "Anomalies": "",
        "Demande": "DEM-2026-00001",
        "Rôle": "Demandeur",
    }


PASS_ON = "Transmettre votre avis à l'ambassadeur"
PRAISE = "Les élèves ont adoré la démonstration,\n et deux veulent faire un stage."


def _thanks(referential, *feedback, people=("AMB-00001",), request=None):
    plan = _decide(
        referential,
        datetime(2026, 11, 12, 18, 0),
        [active_ambassador(person) for person in people],
        [request or _confirmed(status="Réalisée")],
        feedback=list(feedback),
    )
    return [e for e in plan.emails if e.template == "remerciement"]


def test_the_ambassador_is_thanked_with_the_requesters_words_only_when_they_agreed(referential):
    (agreed,) = _thanks(referential, _opinion("DEMANDEUR", Commentaire=PRAISE, **{PASS_ON: "Oui"}))
    assert agreed.to == ("ambassadeur00001@exemple.fr",) and agreed.key == "remerciement:DEM-2026-00001:AMB-00001"
    assert agreed.context["satisfaction"] == 5
    assert agreed.context["comment"] == "Les élèves ont adoré la démonstration, et deux veulent faire un stage."
    for answer in ("Non", ""):
        (kept,) = _thanks(referential, _opinion("DEMANDEUR", Commentaire=PRAISE, **{PASS_ON: answer}))
        assert (kept.context["satisfaction"], kept.context["comment"]) == (None, "")
    # an answer the form cannot have given: the feedback waits for staff, nothing is passed on a guess
    assert _thanks(referential, _opinion("DEMANDEUR", Commentaire=PRAISE, **{PASS_ON: "Peut-être"})) == []


def test_no_thanks_when_it_did_not_take_place_or_from_an_ambassadors_own_feedback(referential):
    assert _thanks(referential, _opinion("DEMANDEUR", held="Non, annulée", satisfaction="", **{PASS_ON: "Oui"})) == []
    assert _thanks(referential, _opinion("AMB-00001", **{PASS_ON: "Oui"})) == []
    done = {**_opinion("DEMANDEUR"), "Traitée": "11/11/2026 18:00", "Demande": "DEM-2026-00001", "Rôle": "Demandeur"}
    assert _thanks(referential, done) == []  # thanked when it was read, the run before


def test_every_ambassador_of_a_forum_is_thanked(referential):
    people = ("AMB-00001", "AMB-00002")
    forum = _forum("Réalisée")
    thanked = _thanks(referential, _opinion("DEMANDEUR", **{PASS_ON: "Oui"}), people=people, request=forum)
    assert sorted(e.to[0] for e in thanked) == ["ambassadeur00001@exemple.fr", "ambassadeur00002@exemple.fr"]


def test_out_of_range_figures_are_refused_with_what_is_expected(referential):
    plan = _decide(
        referential,
        datetime(2026, 11, 12, 18, 0),
        [active_ambassador("AMB-00001")],
        [_confirmed(status="Réalisée")],
        feedback=[_opinion("DEMANDEUR", satisfaction="9", **{"Nombre de participants": "-3"})],
    )
    (stored,) = [u for u in plan.updates if u.tab == "Retours"]
    assert stored.values["Anomalies"].splitlines() == [
        "• Nombre de participants : « -3 » : un nombre entier entre 0 et 2000 est attendu",
        "• Satisfaction : « 9 » : un nombre entier entre 1 et 5 est attendu",
    ]


def test_both_opinions_in_close_the_request(referential):
    ambassador_done = {
        **_opinion("AMB-00001"),
        "Traitée": "11/11/2026 18:00",
        "Demande": "DEM-2026-00001",
        "Rôle": "Ambassadeur",
    }
    plan = _decide(
        referential,
        datetime(2026, 11, 12, 18, 0),
        [active_ambassador("AMB-00001")],
        [_confirmed(status="Réalisée")],
        feedback=[ambassador_done, _opinion("DEMANDEUR")],
    )
    assert _status(plan) == "Clôturée"


def test_without_feedback_the_request_is_closed_after_thirty_days(referential):
    quiet = _decide(
        referential, datetime(2026, 12, 9, 7, 0), [active_ambassador("AMB-00001")], [_confirmed(status="Réalisée")]
    )
    assert all(u.tab != "Demandes" for u in quiet.updates)
    closed = _decide(
        referential, datetime(2026, 12, 10, 7, 0), [active_ambassador("AMB-00001")], [_confirmed(status="Réalisée")]
    )
    assert _status(closed) == "Clôturée"


def test_a_second_opinion_from_the_same_side_is_refused(referential):
    done = {**_opinion("DEMANDEUR"), "Traitée": "11/11/2026 18:00", "Demande": "DEM-2026-00001", "Rôle": "Demandeur"}
    plan = _decide(
        referential,
        datetime(2026, 11, 12, 18, 0),
        [active_ambassador("AMB-00001")],
        [_confirmed(status="Réalisée")],
        feedback=[done, _opinion("DEMANDEUR", satisfaction="1")],
    )
    (stored,) = [u for u in plan.updates if u.tab == "Retours"]
    assert stored.values["Anomalies"] == "• avis déjà reçu pour DEM-2026-00001 (demandeur)"


def test_a_second_no_show_suspends_the_ambassador_and_staff_are_told(referential):
    earlier = {
        **_opinion("DEMANDEUR", held="Non, ambassadeur absent", satisfaction="", record_id="DEM-2026-00002"),
        "Traitée": "01/10/2026 18:00",
        "Demande": "DEM-2026-00002",
        "Rôle": "Demandeur",
    }
    plan = _decide(
        referential,
        datetime(2026, 11, 12, 18, 0),
        [active_ambassador("AMB-00001")],
        [_confirmed(status="Réalisée"), _confirmed("DEM-2026-00002", day="01/10/2026", status="Clôturée")],
        feedback=[earlier, _opinion("DEMANDEUR", held="Non, ambassadeur absent", satisfaction="")],
        parameters=[{"Paramètre": "Adresse de l'équipe", "Valeur": "equipe@exemple.fr"}],
    )
    assert _status(plan, "Ambassadeurs", "AMB-00001") == "Suspendu"
    assert ("suspension", "equipe@exemple.fr") in _templates(plan)


def _update(changes, subject="Coordonnées", address="ambassadeur00001@exemple.fr", until=""):
    return {
        "Horodatage": "05/10/2026 10:00:00",
        "Adresse e-mail": address,
        "Objet": subject,
        "Nouvelles informations": changes,
        "Pause jusqu'au": until,
    }


def test_an_update_is_applied_to_the_record_and_the_old_value_journalled(referential):
    plan = _decide(
        referential,
        datetime(2026, 10, 5, 18, 0),
        [active_ambassador("AMB-00001")],
        updates=[_update("Téléphone : 07 61 23 45 67\nNombre maximal d'interventions par an : 6")],
    )
    (record,) = [u for u in plan.updates if u.tab == "Ambassadeurs"]
    assert record.edits_answers and record.key.id == "AMB-00001"
    assert (record.values["Téléphone"], record.values["Nombre maximal d'interventions par an"]) == (
        "07 61 23 45 67",
        "6",
    )
    (entry,) = [j for j in plan.journal if j.action == "fiche mise à jour"]
    assert entry.detail.startswith("Téléphone : 06 12 34 56 78 → 07 61 23 45 67")
    assert _templates(plan) == [("mise_a_jour_confirmee", "ambassadeur00001@exemple.fr")]


def test_an_update_that_would_make_the_record_invalid_changes_nothing(referential):
    plan = _decide(
        referential, datetime(2026, 10, 5, 18, 0), [active_ambassador("AMB-00001")], updates=[_update("Téléphone : 12")]
    )
    assert [u.tab for u in plan.updates] == ["Mises à jour"]
    assert "Téléphone : « 12 » n'est pas un numéro de téléphone valide" in plan.updates[0].values["Anomalies"]


def test_an_update_to_a_question_the_older_workbook_lacks_changes_nothing_and_says_which_column(referential):
    snapshot = {
        "Ambassadeurs": Table(
            AMBASSADORS,
            (Row(2, active_ambassador("AMB-00001"), AMBASSADORS),),
            tuple(t for t in AMBASSADORS.titles() if t != "Adresse du site (visites d'entreprise)"),
        ),
        **{
            tab.name: _table(tab, rows)
            for tab, rows in [(REQUESTS, ()), (FEEDBACK, ()), (UPDATES, [_update(SITE_CHANGE)]), (JOURNAL, ())]
        },
        "Paramètres": _table(PARAMETERS, ()),
    }
    plan = followup.decide(snapshot, Context(datetime(2026, 10, 5, 18, 0), referential, SECRET))
    assert [u.tab for u in plan.updates] == ["Mises à jour"]
    assert "pas de colonne « Adresse du site (visites d'entreprise) »" in plan.updates[0].values["Anomalies"]
    assert not [e for e in plan.emails if e.template == "mise_a_jour_confirmee"]


SITE_CHANGE = "Adresse du site (visites d'entreprise) : 3 rue des Forges, 67240 Bischwiller"


def test_an_update_from_an_unknown_address_changes_no_record_and_gets_a_polite_answer(referential):
    plan = _decide(
        referential,
        datetime(2026, 10, 5, 18, 0),
        [active_ambassador("AMB-00001")],
        updates=[_update("Téléphone : 07 61 23 45 67", address="inconnu@exemple.fr")],
    )
    assert [u.tab for u in plan.updates] == ["Mises à jour"]
    assert plan.updates[0].values["Anomalies"] == "adresse inconnue du réseau : aucune fiche n'a été modifiée"
    assert _templates(plan) == [("mise_a_jour_inconnue", "inconnu@exemple.fr")]


def test_a_pause_suspends_until_the_date_then_the_ambassador_is_active_again(referential):
    paused = _decide(
        referential,
        datetime(2026, 10, 5, 18, 0),
        [active_ambassador("AMB-00001")],
        updates=[_update("", subject="Pause", until="30/10/2026")],
    )
    assert _status(paused, "Ambassadeurs", "AMB-00001") == "Suspendu"
    journal = [
        {
            "Date": "05/10/2026 18:00",
            "Référence": "AMB-00001",
            "Action": "statut : Suspendu",
            "Détail": "pause jusqu'au 30/10/2026",
        }
    ]
    suspended = {**active_ambassador("AMB-00001"), "Statut": "Suspendu"}
    during = _decide(referential, datetime(2026, 10, 30, 7, 0), [suspended], journal=journal)
    assert all(u.tab != "Ambassadeurs" for u in during.updates)
    after = _decide(referential, datetime(2026, 10, 31, 7, 0), [suspended], journal=journal)
    assert _status(after, "Ambassadeurs", "AMB-00001") == "Actif"


def test_leaving_retires_the_ambassador_and_hands_their_interventions_over(referential):
    plan = _decide(
        referential,
        datetime(2026, 10, 5, 18, 0),
        [active_ambassador("AMB-00001")],
        [_confirmed()],
        updates=[_update("", subject="Quitter le réseau")],
    )
    assert _status(plan, "Ambassadeurs", "AMB-00001") == "Retiré"
    assert _status(plan) == "En recherche"
    assert _templates(plan) == [
        ("depart_confirme", "ambassadeur00001@exemple.fr"),  # one e-mail to them, not two
        ("desistement", "demandeur00001@exemple.fr"),
    ]
    assert all(e.invitations[0].cancelled for e in plan.emails)  # the event leaves both calendars


FORUM_OF_TWO = {"Nombre d'ambassadeurs souhaités": "2"}


def _forum(status="Confirmée"):
    return {
        **open_request("DEM-2026-00001", FORUM_OF_TWO, status=status),
        "Ambassadeur": "AMB-00001, AMB-00002",
        "Date confirmée": "10/11/2026",
    }


def test_every_ambassador_of_a_forum_gets_a_reminder_and_the_requester_hears_who_comes(referential):
    plan = _decide(
        referential, datetime(2026, 11, 3, 7, 30), [active_ambassador(f"AMB-0000{n}") for n in (1, 2)], [_forum()]
    )
    assert {e.key for e in plan.emails} == {
        "rappel_intervention:DEM-2026-00001:7:ambassadeur:AMB-00001",
        "rappel_intervention:DEM-2026-00001:7:ambassadeur:AMB-00002",
        "rappel_intervention:DEM-2026-00001:7:demandeur",
    }
    requester = next(e for e in plan.emails if e.key.endswith("demandeur"))
    assert [s["email"] for s in requester.context["speakers"]] == [
        "ambassadeur00001@exemple.fr",
        "ambassadeur00002@exemple.fr",
    ]


def test_a_forum_partly_filled_on_its_day_takes_place_with_those_confirmed(referential):
    partly = {**_forum("Partiellement pourvue"), "Ambassadeur": "AMB-00001"}
    plan = _decide(referential, datetime(2026, 11, 11, 7, 30), [active_ambassador("AMB-00001")], [partly])
    assert _status(plan) == "Réalisée"
    assert _templates(plan) == [
        ("demande_retour", "ambassadeur00001@exemple.fr"),
        ("demande_retour", "demandeur00001@exemple.fr"),
    ]


def test_a_forum_closes_once_the_requester_and_every_ambassador_gave_feedback(referential):
    first = {**_opinion("AMB-00001"), "Traitée": "11/11/2026 18:00", "Demande": "DEM-2026-00001", "Rôle": "Ambassadeur"}
    people = [active_ambassador(f"AMB-0000{n}") for n in (1, 2)]
    waiting = _decide(
        referential, datetime(2026, 11, 12, 18), people, [_forum("Réalisée")], feedback=[first, _opinion("DEMANDEUR")]
    )
    assert not [u for u in waiting.updates if u.tab == "Demandes" and "Statut" in u.values]  # AMB-00002 missing
    closed = _decide(
        referential,
        datetime(2026, 11, 12, 18),
        people,
        [_forum("Réalisée")],
        feedback=[first, _opinion("DEMANDEUR"), _opinion("AMB-00002")],
    )
    assert _status(closed) == "Clôturée"
    stored = [u.values["Anomalies"] for u in closed.updates if u.tab == "Retours"]
    assert stored == ["", ""]  # a second ambassador's feedback is not « already received »


def test_a_reminder_says_the_days_really_left_and_the_time(referential):
    plan = _decide(referential, datetime(2026, 11, 5, 7, 30), [active_ambassador("AMB-00001")], [_confirmed()])
    assert {e.key.split(":")[2] for e in plan.emails} == {"7"}  # the 7-day reminder, sent 5 days before
    assert {(e.context["days_left"], e.context["start"]) for e in plan.emails} == {(5, "9 h")}


def test_an_intervention_staff_moved_gets_its_reminders_again_for_the_new_day(referential):
    reminded = [
        {"Clé d'idempotence": f"rappel_intervention:DEM-2026-00001:7:{side}", "Résultat": "envoyé"}
        for side in ("ambassadeur", "demandeur")
    ]
    moved = {
        "Date": "04/11/2026 12:00",
        "Flux": "matching",
        "Référence": "DEM-2026-00001",
        "Action": "date modifiée",
        "Détail": "intervention le 17/11/2026",
    }
    plan = _decide(
        referential,
        datetime(2026, 11, 10, 7, 30),
        [active_ambassador("AMB-00001")],
        [_confirmed(day="17/11/2026")],
        journal=[*reminded, moved],
    )
    assert {e.key for e in plan.emails} == {
        "rappel_intervention:DEM-2026-00001:7:2026-11-17:ambassadeur",
        "rappel_intervention:DEM-2026-00001:7:2026-11-17:demandeur",
    }
    assert {e.context["days_left"] for e in plan.emails} == {7}


def test_a_no_show_is_its_own_outcome_journalled_and_staff_hear_of_it_once(referential):
    def run(status):
        return _decide(
            referential,
            datetime(2026, 11, 12, 18, 0),
            [active_ambassador("AMB-00001")],
            [_confirmed(status=status)],
            feedback=[_opinion("DEMANDEUR", held="Non, ambassadeur absent", satisfaction="")],
            parameters=[{"Paramètre": "Adresse de l'équipe", "Valeur": "equipe@exemple.fr"}],
        )

    plan = run("Réalisée")
    assert _status(plan) == "Ambassadeur absent"
    assert [(e.record_id, e.action) for e in plan.journal if e.action.startswith("statut")] == [
        ("DEM-2026-00001", "statut : Ambassadeur absent")
    ]
    (told,) = [e for e in plan.emails if e.template == "absence_signalee"]
    assert told.to == ("equipe@exemple.fr",)
    assert [e.template for e in run("Ambassadeur absent").emails if e.template == "absence_signalee"] == []


def test_a_no_show_reported_on_a_forum_stays_done_since_it_does_not_say_who(referential):
    forum = {
        **_confirmed(status="Réalisée"),
        "Ambassadeur": "AMB-00001, AMB-00002",
        "Nombre d'ambassadeurs souhaités": "2",
    }
    plan = _decide(
        referential,
        datetime(2026, 11, 12, 18, 0),
        [active_ambassador("AMB-00001"), active_ambassador("AMB-00002")],
        [forum],
        feedback=[_opinion("DEMANDEUR", held="Non, ambassadeur absent", satisfaction="")],
    )
    assert "Ambassadeur absent" not in [u.values.get("Statut") for u in plan.updates if u.tab == "Demandes"]


def test_a_no_show_staff_put_back_to_done_stays_done(referential):
    accepted = {
        **_opinion("DEMANDEUR", held="Non, ambassadeur absent", satisfaction=""),
        "Traitée": "12/11/2026 18:00",
        "Demande": "DEM-2026-00001",
        "Rôle": "Demandeur",
    }
    plan = _decide(
        referential,
        datetime(2026, 11, 13, 18, 0),
        [active_ambassador("AMB-00001")],
        [_confirmed(status="Réalisée")],
        feedback=[accepted],
    )
    assert "Ambassadeur absent" not in [u.values.get("Statut") for u in plan.updates if u.tab == "Demandes"]
