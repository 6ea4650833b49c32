from datetime import datetime

from orientest import intake
from orientest.context import Context
from orientest.core.fingerprint import content_fingerprint
from orientest.core.schema import AMBASSADORS, JOURNAL, PARAMETERS, REQUESTS, Row, Table
from orientest.requests.retained import RETAINED, retained
from tests.factories import ambassador_answers, request_answers

NOW = datetime(2026, 10, 2, 18, 0)


def _snapshot(ambassadors=(), requests=(), journal=(), parameters=()):
    def table(tab, rows):
        return Table(tab, tuple(Row(line, values, tab) for line, values in enumerate(rows, start=2)), tab.titles())

    return {
        "Ambassadeurs": table(AMBASSADORS, ambassadors),
        "Demandes": table(REQUESTS, requests),
        "Journal": table(JOURNAL, journal),
        "Paramètres": table(PARAMETERS, parameters),
    }


def _decide(referential, **tabs):
    return intake.decide(_snapshot(**tabs), Context(NOW, referential))


def _processed(answers, tab, record_id, status):
    fingerprint = content_fingerprint(Row(0, answers), tab)
    kept = {RETAINED: retained(Row(0, answers, REQUESTS))} if tab is REQUESTS else {}
    return {**answers, "ID": record_id, "Statut": status, "Empreinte": fingerprint, **kept}


def test_valid_request_gets_an_id_is_searching_and_acknowledged(referential):
    plan = _decide(referential, requests=[request_answers()])
    (update,) = plan.updates
    assert update.values["ID"] == "DEM-2026-00001" and update.values["Statut"] == "En recherche"
    assert update.values["Anomalies"] == "" and update.key.locator and not update.key.id
    (email,) = plan.emails
    assert email.template == "demande_recue" and email.to == ("cpe.college-pasteur@exemple.fr",)
    assert email.key == "demande_recue:DEM-2026-00001"
    assert ("Commune", "Strasbourg") in email.context["summary"]


def test_invalid_request_is_incomplete_with_every_anomaly_and_the_requester_is_told(referential):
    plan = _decide(referential, requests=[request_answers({"Commune": "", "Public": ""})])
    (update,) = plan.updates
    assert update.values["Statut"] == "Incomplète"
    assert update.values["Anomalies"].splitlines() == [
        "• Commune : à renseigner (ex. « 67000 Strasbourg »)",
        "• Public : au moins une réponse parmi « Collégiens », « Lycéens », « Étudiants », « Demandeurs d'emploi », "
        "« Personnes en formation », « Salariés en reconversion », « Parents et familles » ou "
        "« Professionnels de l'orientation »",
    ]
    (email,) = plan.emails
    assert email.template == "demande_incomplete" and len(email.context["anomalies"]) == 2


def test_valid_signup_waits_for_staff_validation_with_the_charter_version(referential):
    plan = _decide(
        referential,
        ambassadors=[ambassador_answers()],
        parameters=[{"Paramètre": "Version de la charte", "Valeur": "2027"}],
    )
    (update,) = plan.updates
    assert update.values["ID"] == "AMB-00001" and update.values["Statut"] == "À valider"
    assert update.values["Charte acceptée (version)"] == "2027"
    assert [email.template for email in plan.emails] == ["inscription_recue"]


def test_ids_follow_submission_order_after_the_highest_existing_one(referential):
    done = _processed(
        request_answers({"Horodatage": "01/10/2026 08:00:00"}), REQUESTS, "DEM-2026-00041", "En recherche"
    )
    later = request_answers({"Horodatage": "02/10/2026 11:00:00", "Adresse e-mail": "b@exemple.fr"})
    earlier = request_answers({"Horodatage": "02/10/2026 10:00:00", "Adresse e-mail": "a@exemple.fr"})
    plan = _decide(referential, requests=[done, later, earlier])
    assert [(u.values["ID"], u.key.locator != "") for u in plan.updates] == [
        ("DEM-2026-00042", True),
        ("DEM-2026-00043", True),
    ]
    assert [e.to for e in plan.emails] == [("a@exemple.fr",), ("b@exemple.fr",)]


def test_processed_rows_are_left_alone(referential):
    done = _processed(request_answers(), REQUESTS, "DEM-2026-00001", "En recherche")
    plan = _decide(referential, requests=[done], journal=[])
    assert plan.is_empty()


def test_blank_rows_are_skipped(referential):
    plan = _decide(referential, requests=[{title: "" for title in request_answers()}, {"Message": "   "}])
    assert plan.is_empty()


def test_second_identical_submission_within_a_day_is_a_duplicate_not_processed_twice(referential):
    first = request_answers({"Horodatage": "02/10/2026 09:00:00"})
    again = request_answers({"Horodatage": "02/10/2026 09:02:10"})
    plan = _decide(referential, requests=[first, again])
    assert [u.values["Statut"] for u in plan.updates] == ["En recherche", "Doublon"]
    assert "même adresse et même contenu que DEM-2026-00001" in plan.updates[1].values["Anomalies"]
    assert len(plan.emails) == 1


def test_same_content_a_week_later_is_a_new_request(referential):
    first = _processed(
        request_answers({"Horodatage": "24/09/2026 09:00:00"}), REQUESTS, "DEM-2026-00001", "En recherche"
    )
    plan = _decide(referential, requests=[first, request_answers({"Horodatage": "02/10/2026 09:00:00"})])
    assert [u.values["Statut"] for u in plan.updates] == ["En recherche"]


def test_corrected_incomplete_request_is_validated_again_and_acknowledged(referential):
    fixed = {
        **_processed(request_answers({"Commune": ""}), REQUESTS, "DEM-2026-00007", "Incomplète"),
        "Commune": "67000 Strasbourg",
    }
    plan = _decide(referential, requests=[fixed])
    (update,) = plan.updates
    assert update.key.id == "DEM-2026-00007" and "ID" not in update.values
    assert update.values["Statut"] == "En recherche" and update.values["Anomalies"] == ""
    assert [e.key for e in plan.emails] == ["demande_recue:DEM-2026-00007"]


def test_edit_after_matching_keeps_the_status_and_flags_it_for_staff(referential):
    edited = {**_processed(request_answers(), REQUESTS, "DEM-2026-00003", "Confirmée"), "Nombre de participants": "40"}
    plan = _decide(referential, requests=[edited])
    (update,) = plan.updates
    assert update.values["Statut"] == "Confirmée"
    assert "réponse modifiée le 02/10/2026 18:00, après traitement" in update.values["Anomalies"]
    assert plan.emails == [] and plan.journal == []


def test_status_typed_by_staff_on_a_new_row_is_kept(referential):
    plan = _decide(referential, ambassadors=[{**ambassador_answers(), "Statut": "Actif"}])
    (update,) = plan.updates
    assert update.values["Statut"] == "Actif" and update.values["ID"] == "AMB-00001"


def test_email_already_sent_is_not_planned_again(referential):
    incomplete = request_answers({"Public": ""})
    first = _decide(referential, requests=[incomplete])
    sent = [{"Clé d'idempotence": first.emails[0].key, "Résultat": "envoyé"}]
    again = _decide(referential, requests=[incomplete], journal=sent)
    assert again.emails == [] and len(again.updates) == 1


def test_welcome_goes_once_to_ambassadors_staff_made_active(referential):
    active = _processed(ambassador_answers(), AMBASSADORS, "AMB-00005", "Actif")
    received = [{"Clé d'idempotence": "inscription_recue:AMB-00005", "Résultat": "envoyé"}]
    plan = _decide(referential, ambassadors=[active], journal=received)
    assert [(e.template, e.key) for e in plan.emails] == [("bienvenue", "bienvenue:AMB-00005")]
    welcomed = received + [{"Clé d'idempotence": "bienvenue:AMB-00005", "Résultat": "envoyé"}]
    assert _decide(referential, ambassadors=[active], journal=welcomed).emails == []


def test_imported_active_ambassadors_get_no_welcome(referential):
    active = _processed(ambassador_answers(), AMBASSADORS, "AMB-00005", "Actif")
    assert _decide(referential, ambassadors=[active]).emails == []


def test_unreachable_requester_gets_anomalies_but_no_email(referential):
    plan = _decide(referential, requests=[request_answers({"Adresse e-mail": "pas-une-adresse"})])
    assert plan.updates[0].values["Statut"] == "Incomplète" and plan.emails == []


def test_every_status_change_is_journalled(referential):
    plan = _decide(referential, requests=[request_answers()], ambassadors=[ambassador_answers({"Charte": ""})])
    assert [(j.record_id, j.action) for j in plan.journal] == [
        ("AMB-00001", "statut : Incomplète"),
        ("DEM-2026-00001", "statut : En recherche"),
    ]


def test_the_run_summary_counts_rows_by_status_after_the_plan(referential):
    from orientest.core.run_summary import anomalies_found, statuses_after

    snapshot = _snapshot(
        requests=[request_answers(), request_answers({"Adresse e-mail": "b@exemple.fr", "Public": ""})]
    )
    plan = intake.decide(snapshot, Context(NOW, referential))
    assert statuses_after(snapshot, plan)["Demandes"] == {"En recherche": 1, "Incomplète": 1}
    assert statuses_after(snapshot, plan)["Ambassadeurs"] == {}
    assert anomalies_found(plan) == 1


def _status_row(record_id, status):
    return {
        "Date": "01/10/2026 10:00",
        "Flux": "intake",
        "Référence": record_id,
        "Action": f"statut : {status}",
        "Résultat": "",
    }


def test_a_status_typed_another_way_is_written_as_the_list_writes_it(referential):
    signup = _processed(ambassador_answers(), AMBASSADORS, "AMB-00001", "actif")
    plan = _decide(referential, ambassadors=[signup], journal=[_status_row("AMB-00001", "À valider")])
    (update,) = plan.updates
    assert (update.key.id, update.values["Statut"]) == ("AMB-00001", "Actif")
    assert "Anomalies" not in update.values


def test_a_status_outside_the_list_is_left_as_typed_and_staff_are_told_nothing_acts_on_it(referential):
    signup = _processed(ambassador_answers(), AMBASSADORS, "AMB-00001", "Validé")
    plan = _decide(referential, ambassadors=[signup], journal=[_status_row("AMB-00001", "À valider")])
    (update,) = plan.updates
    assert "Statut" not in update.values
    assert update.values["Anomalies"] == (
        "• Statut : « Validé » n'est pas un statut de la liste ; aucun flux n'agit sur cette ligne tant qu'il n'est "
        "pas corrigé. Statuts possibles : Incomplète, À valider, Actif, Suspendu, Retiré, Doublon"
    )
    said_once = {**signup, "Anomalies": update.values["Anomalies"]}
    assert _decide(referential, ambassadors=[said_once]).is_empty()


def test_a_wished_public_holiday_is_kept_noted_for_staff_and_told_to_the_requester(referential):
    plan = _decide(referential, requests=[request_answers({"Date souhaitée": "11/11/2026"})])
    (update,) = plan.updates
    assert update.values["Statut"] == "En recherche"
    assert update.values["Anomalies"] == (
        "• Date souhaitée : le mercredi 11 novembre 2026 (Armistice, jour férié) : la recherche se fait ce jour-là, "
        "comme demandé"
    )
    (email,) = plan.emails
    assert email.context["closed_days"] == ["le mercredi 11 novembre 2026 (Armistice, jour férié)"]


def test_an_alternative_date_in_the_school_holidays_is_noted_unless_staff_set_no_zone(referential):
    answers = request_answers({"Date alternative": "23/12/2026"})
    plan = _decide(referential, requests=[answers])
    assert (
        plan.updates[0]
        .values["Anomalies"]
        .startswith("• Date alternative : le mercredi 23 décembre 2026 (Vacances de Noël, zone B)")
    )
    no_zone = [{"Paramètre": "Zone des vacances scolaires", "Valeur": "Aucune"}]
    plan = _decide(referential, requests=[answers], parameters=no_zone)
    assert plan.updates[0].values["Anomalies"] == "" and plan.emails[0].context["closed_days"] == []


def test_an_ordinary_school_day_brings_no_note(referential):
    plan = _decide(referential, requests=[request_answers()])
    assert plan.emails[0].context["closed_days"] == []
