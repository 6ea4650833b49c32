"""Matching decisions on plain rows: proposals, answers, reminders, expiry, staff columns, no solution."""

from datetime import date, datetime

from orientest import matching
from orientest.board import reading as board_reading
from orientest.context import Context
from orientest.core.fingerprint import content_fingerprint
from orientest.core.journal import as_row
from orientest.core.schema import AMBASSADORS, ANSWERS, BASINS, JOURNAL, PARAMETERS, REQUESTS, Row, Table
from orientest.core.tokens import ANSWER, FEEDBACK, Claims, sign
from tests.factories import SECRET, active_ambassador, open_request

NOW = datetime(2026, 10, 5, 18, 0)
WISHED = date(2026, 11, 10)


def _table(tab, rows):
    return Table(tab, tuple(Row(line, values, tab) for line, values in enumerate(rows, start=2)), tab.titles())


def _decide(referential, now=NOW, ambassadors=(), requests=(), answers=(), journal=(), parameters=()):
    snapshot = {
        "Ambassadeurs": _table(AMBASSADORS, ambassadors),
        "Demandes": _table(REQUESTS, requests),
        "Réponses": _table(ANSWERS, answers),
        "Journal": _table(JOURNAL, journal),
        "Paramètres": _table(PARAMETERS, parameters),
        "Bassins": _table(BASINS, []),
    }
    return matching.decide(snapshot, Context(now, referential, SECRET))


def _sent(request_id, ambassador_id, at=datetime(2026, 10, 5, 9, 0), state="Envoyée", day=WISHED):
    return {
        "Date": at.strftime("%d/%m/%Y %H:%M"),
        "Flux": "matching",
        "Référence": request_id,
        "Action": "proposition",
        "Destinataire": ambassador_id,
        "Résultat": state,
        "Détail": f"intervention le {day:%d/%m/%Y}",
    }


def _answer(request_id, ambassador_id, answer="J'accepte", expires=date(2026, 10, 6), action=ANSWER, **extra):
    token = sign(Claims(request_id, ambassador_id, action, expires), SECRET)
    return {"Horodatage": "05/10/2026 10:00:00", "Jeton": token, "Réponse": answer, **extra}


def _proposed(record_id, ambassador_id):
    return {**open_request(record_id, status="Proposée"), "Proposée à": ambassador_id}


def _request_update(plan, record_id="DEM-2026-00001"):
    return next(u.values for u in plan.updates if u.tab == "Demandes" and u.key.id == record_id)


def _templates(plan):
    return sorted((e.template, e.to[0]) for e in plan.emails)


def test_open_request_is_proposed_to_the_best_fitting_ambassador(referential):
    same_domain = active_ambassador("AMB-00001", {"Code ROME du métier": "H25"})
    same_family_far = active_ambassador(
        "AMB-00002", {"Commune de rattachement": "Colmar", "Rayon de déplacement (km)": "80"}
    )
    same_family_near = active_ambassador("AMB-00003")
    plan = _decide(
        referential,
        ambassadors=[same_domain, same_family_far, same_family_near],
        requests=[open_request("DEM-2026-00001", {"Secteurs souhaités": "H29"})],
    )
    values = _request_update(plan)
    assert values["Statut"] == "Proposée" and values["Proposée à"] == "AMB-00003"
    assert values["Motif"] == (
        "Industrie – Mécanique, travail des métaux et outillage (H29) · 0 km · 0 intervention sur 4 cette année"
    )
    (email,) = plan.emails
    assert (email.template, email.to) == ("proposition", ("ambassadeur00003@exemple.fr",))
    assert email.context["token"].startswith("DEM-2026-00001.AMB-00003.reponse.20261010.")


def test_proposal_is_journalled_with_its_date(referential):
    plan = _decide(referential, ambassadors=[active_ambassador("AMB-00001")], requests=[open_request("DEM-2026-00001")])
    proposal = next(j for j in plan.journal if j.action == "proposition")
    assert (proposal.record_id, proposal.recipient, proposal.result) == ("DEM-2026-00001", "AMB-00001", "Envoyée")
    assert proposal.detail == "intervention le 10/11/2026"


def test_acceptance_confirms_and_both_sides_get_the_others_contact_and_an_invitation(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_proposed("DEM-2026-00001", "AMB-00001")],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        answers=[_answer("DEM-2026-00001", "AMB-00001")],
    )
    values = _request_update(plan)
    assert (values["Statut"], values["Ambassadeur"], values["Date confirmée"], values["Proposée à"]) == (
        "Confirmée",
        "AMB-00001",
        "10/11/2026",
        "",
    )
    to_ambassador, to_requester = plan.emails
    assert to_ambassador.context["contact_email"] == "demandeur00001@exemple.fr"
    assert to_requester.context["ambassador_email"] == "ambassadeur00001@exemple.fr"
    (invitation,) = to_ambassador.invitations
    assert (invitation,) == to_requester.invitations and not invitation.cancelled
    assert invitation.attendees == (
        ("Claire Nom00001", "ambassadeur00001@exemple.fr"),
        ("Julien Weber", "demandeur00001@exemple.fr"),
    )
    assert (invitation.start, invitation.end) == (datetime(2026, 11, 10, 9), datetime(2026, 11, 10, 11))
    (processed,) = [u for u in plan.updates if u.tab == "Réponses"]
    assert processed.values == {"Traitée": "05/10/2026 18:00", "Anomalies": ""}


def test_decline_goes_to_the_next_candidate_in_the_same_run(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001"), active_ambassador("AMB-00002")],
        requests=[_proposed("DEM-2026-00001", "AMB-00001")],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        answers=[_answer("DEM-2026-00001", "AMB-00001", "Je ne suis pas disponible")],
    )
    values = _request_update(plan)
    assert "Statut" not in values and values["Proposée à"] == "AMB-00002"  # declined, then proposed again
    assert [j.result for j in plan.journal if j.action == "proposition"] == ["Déclinée", "Envoyée"]
    assert _templates(plan) == [("proposition", "ambassadeur00002@exemple.fr")]


def test_another_date_goes_to_the_requester_as_a_choice_alerts_staff_and_keeps_the_proposal_open(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[open_request("DEM-2026-00001", status="Proposée")],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        parameters=[{"Paramètre": "Adresse de l'équipe", "Valeur": "equipe@exemple.fr"}],
        answers=[
            _answer(
                "DEM-2026-00001",
                "AMB-00001",
                "Je propose une autre date",
                **{"Date proposée": "17/11/2026", "Commentaire": "plutôt l'après-midi"},
            )
        ],
    )
    choice, alert = plan.emails
    assert (choice.template, choice.to) == ("autre_date_demandeur", ("demandeur00001@exemple.fr",))
    assert (choice.context["other_day"], choice.context["comment"]) == ("mardi 17 novembre 2026", "plutôt l'après-midi")
    assert (alert.template, alert.to) == ("autre_date", ("equipe@exemple.fr",))
    assert alert.context["proposed"] == "17/11/2026" and alert.context["comment"] == "plutôt l'après-midi"
    assert alert.context["requester_asked"]
    assert [u for u in plan.updates if u.tab == "Demandes"] == []


def _refused(referential, answer, journal=None):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001"), active_ambassador("AMB-00002")],
        requests=[open_request("DEM-2026-00001", status="Proposée")],
        journal=journal or [_sent("DEM-2026-00001", "AMB-00001")],
        answers=[answer],
    )
    (processed,) = [u for u in plan.updates if u.tab == "Réponses"]
    assert [u for u in plan.updates if u.tab == "Demandes"] == [] and plan.emails == []
    return processed.values["Anomalies"]


def test_a_forged_token_is_refused_and_changes_nothing(referential):
    forged = _answer("DEM-2026-00001", "AMB-00001")
    forged["Jeton"] = forged["Jeton"].replace("AMB-00001", "AMB-00002")
    assert _refused(referential, forged) == "jeton falsifié ou altéré"


def test_an_expired_token_is_refused(referential):
    assert (
        _refused(referential, _answer("DEM-2026-00001", "AMB-00001", expires=date(2026, 10, 4)))
        == "jeton expiré le 04/10/2026"
    )


def test_a_token_used_twice_acts_once(referential):
    journal = [_sent("DEM-2026-00001", "AMB-00001"), _sent("DEM-2026-00001", "AMB-00001", state="Acceptée")]
    assert (
        _refused(referential, _answer("DEM-2026-00001", "AMB-00001"), journal)
        == "proposition déjà close (acceptée) : rien n'a été changé"
    )


def test_another_ambassadors_genuine_token_cannot_answer_this_proposal(referential):
    assert (
        _refused(referential, _answer("DEM-2026-00001", "AMB-00002"))
        == "aucune proposition de DEM-2026-00001 n'a été faite à AMB-00002"
    )


def test_a_token_for_another_action_is_refused(referential):
    assert (
        _refused(referential, _answer("DEM-2026-00001", "AMB-00001", action=FEEDBACK))
        == "ce jeton ne sert pas à répondre à une proposition"
    )


def test_one_reminder_half_way_then_expiry_and_the_next_candidate(referential):
    people = [active_ambassador("AMB-00001"), active_ambassador("AMB-00002")]
    sent = _sent("DEM-2026-00001", "AMB-00001", at=datetime(2026, 10, 1, 18, 0))
    halfway = _decide(
        referential,
        now=datetime(2026, 10, 4, 7, 0),
        ambassadors=people,
        journal=[sent],
        requests=[open_request("DEM-2026-00001", status="Proposée")],
    )
    assert _templates(halfway) == [("proposition_relance", "ambassadeur00001@exemple.fr")]
    reminded = [sent, _sent("DEM-2026-00001", "AMB-00001", datetime(2026, 10, 4, 7, 0), "Relancée")]
    again = _decide(
        referential,
        now=datetime(2026, 10, 5, 7, 0),
        ambassadors=people,
        journal=reminded,
        requests=[open_request("DEM-2026-00001", status="Proposée")],
    )
    assert again.emails == []
    expired = _decide(
        referential,
        now=datetime(2026, 10, 6, 18, 0),
        ambassadors=people,
        journal=reminded,
        requests=[open_request("DEM-2026-00001", status="Proposée")],
    )
    assert [j.result for j in expired.journal if j.action == "proposition"] == ["Expirée", "Envoyée"]
    assert _templates(expired) == [("proposition", "ambassadeur00002@exemple.fr")]


A_WEEK_LATER = datetime(2026, 10, 9, 18)  # the request came in on 02/10 at 09:00
STAFF = [{"Paramètre": "Adresse de l'équipe", "Valeur": "equipe@exemple.fr"}]


def test_a_request_nobody_could_take_for_a_week_gets_pistes_instead_of_a_dead_end(referential):
    maintenance = {"Secteurs": "Installation et Maintenance", "Thématiques transversales": ""}
    plan = _decide(
        referential,
        A_WEEK_LATER,
        ambassadors=[active_ambassador("AMB-00001", maintenance)],
        requests=[open_request("DEM-2026-00001")],
        parameters=STAFF,
    )
    update = _request_update(plan)
    assert update["Statut"] == "Pistes proposées"
    assert update["Pistes"] == (
        "• le secteur « Installation et Maintenance » en plus de ceux demandés : 1 ambassadeur disponible"
    )
    assert _templates(plan) == [("pistes", "demandeur00001@exemple.fr")]
    (choice,) = plan.emails[0].context["pistes"]
    assert choice["token"].split(".")[2] == "piste-secteur-I"


def test_pistes_never_offer_a_sector_unrelated_to_the_one_asked(referential):
    banking = {"Secteurs": "Banque, Assurance, Immobilier", "Thématiques transversales": ""}
    plan = _decide(
        referential,
        A_WEEK_LATER,
        ambassadors=[active_ambassador("AMB-00001", banking)],
        requests=[open_request("DEM-2026-00001")],  # Industrie, for a class of 3e
        parameters=STAFF,
    )
    assert _request_update(plan)["Statut"] == "Sans solution"


def test_a_request_no_change_could_open_has_no_solution_and_requester_staff_and_referent_are_told(referential):
    plan = _decide(
        referential,
        A_WEEK_LATER,
        ambassadors=[active_ambassador("AMB-00001", {"Publics": "Étudiants"})],
        requests=[open_request("DEM-2026-00001")],
        parameters=[*STAFF, {"Paramètre": "Référent – Industrie", "Valeur": "uimm@exemple.fr"}],
    )
    assert _request_update(plan)["Statut"] == "Sans solution"
    assert _templates(plan) == [
        ("escalade", "equipe@exemple.fr"),
        ("escalade", "uimm@exemple.fr"),
        ("sans_solution", "demandeur00001@exemple.fr"),
    ]


def test_a_request_nobody_can_take_yet_keeps_searching_for_a_week_saying_why(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001", {"Secteurs": "Santé", "Thématiques transversales": ""})],
        requests=[open_request("DEM-2026-00001")],
        parameters=STAFF,
    )
    assert plan.emails == [] and "Statut" not in _request_update(plan)
    assert _request_update(plan)["Motif"] == (
        "en attente d'un ambassadeur disponible (nouvel essai à chaque passage, jusqu'au 09/10/2026)"
    )


def test_with_no_active_ambassador_yet_requests_wait_and_staff_hear_of_it_once(referential):
    signups = [{**active_ambassador(f"AMB-0000{n}"), "Statut": "À valider"} for n in (1, 2)]
    requests = [open_request(f"DEM-2026-0000{n}") for n in (1, 2, 3)]
    later = datetime(2026, 11, 2, 18)  # weeks later, the wished dates still ahead
    first = _decide(referential, later, ambassadors=signups, requests=requests, parameters=STAFF)
    assert _templates(first) == [("reseau_en_attente", "equipe@exemple.fr")]
    assert first.emails[0].context["count"] == 3
    assert {u.values.get("Statut") for u in first.updates if u.tab == "Demandes"} == {None}
    told = [
        {
            "Date": "02/11/2026 18:00",
            "Flux": "matching",
            "Référence": "DEM-2026-00001",
            "Action": "e-mail",
            "Destinataire": "equipe@exemple.fr",
            "Clé d'idempotence": first.emails[0].key,
            "Résultat": "envoyé",
        }
    ]
    again = _decide(referential, later, ambassadors=signups, requests=requests, parameters=STAFF, journal=told)
    assert again.emails == []


def test_a_request_that_waited_for_an_empty_network_gets_its_whole_search_once_someone_can_be_asked(referential):
    signup = {**active_ambassador("AMB-00001", {"Secteurs": "Santé", "Thématiques transversales": ""})}
    requests = [open_request("DEM-2026-00001")]  # came in on 02/10; a week of search would end on 09/10
    waiting = _decide(
        referential, datetime(2026, 10, 12, 18), ambassadors=[{**signup, "Statut": "À valider"}], requests=requests
    )
    assert [entry.action for entry in waiting.journal] == ["réseau : en attente"]

    journal = [as_row(entry) for entry in waiting.journal]
    ready = _decide(referential, datetime(2026, 10, 13, 18), ambassadors=[signup], requests=requests, journal=journal)
    assert [entry.action for entry in ready.journal] == ["réseau : prêt"]
    assert "Statut" not in _request_update(ready)  # no pistes yet: the week starts now
    assert _request_update(ready)["Motif"].endswith("jusqu'au 20/10/2026)")

    journal += [as_row(entry) for entry in ready.journal]
    a_week_on = _decide(
        referential, datetime(2026, 10, 20, 18), ambassadors=[signup], requests=requests, journal=journal
    )
    assert a_week_on.journal[-1].action.startswith("statut : ")  # pistes or « Sans solution », with its full week


def test_after_the_maximum_number_of_attempts_the_request_has_no_solution(referential):
    journal = [_sent("DEM-2026-00001", f"AMB-0000{n}") for n in (1, 2)]
    journal += [_sent("DEM-2026-00001", f"AMB-0000{n}", state="Déclinée") for n in (1, 2)]
    plan = _decide(
        referential,
        ambassadors=[active_ambassador(f"AMB-0000{n}") for n in (1, 2, 3)],
        requests=[open_request("DEM-2026-00001")],
        journal=journal,
        parameters=[{"Paramètre": "Tentatives maximales", "Valeur": "2"}],
    )
    assert _request_update(plan)["Statut"] == "Sans solution"
    assert "2 ambassadeurs sollicités" in plan.emails[0].context["reason"]


def test_ambassadors_who_have_not_accepted_the_current_charter_get_no_proposal(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001", charter="2025")],
        requests=[open_request("DEM-2026-00001")],
        parameters=[{"Paramètre": "Version de la charte", "Valeur": "2026"}],
    )
    assert plan.emails == [] and "Statut" not in _request_update(plan)


def test_capacity_is_respected_across_the_requests_of_a_run(referential):
    people = [active_ambassador("AMB-00001", {"Nombre maximal d'interventions par an": "2"})]
    requests = [
        open_request(
            f"DEM-2026-0000{n}",
            {"Date souhaitée": f"1{n}/11/2026", "Date alternative": "", "Horodatage": f"02/10/2026 0{n}:00:00"},
        )
        for n in (2, 3, 6)
    ]
    plan = _decide(referential, ambassadors=people, requests=requests)
    statuses = {u.key.id: u.values["Statut"] for u in plan.updates if u.tab == "Demandes"}
    assert statuses == {"DEM-2026-00002": "Proposée", "DEM-2026-00003": "Proposée"}


def test_simultaneous_proposals_first_acceptance_wins_and_the_others_are_thanked(referential):
    people = [active_ambassador(f"AMB-0000{n}") for n in (1, 2)]
    journal = [_sent("DEM-2026-00001", "AMB-00001"), _sent("DEM-2026-00001", "AMB-00002")]
    plan = _decide(
        referential,
        ambassadors=people,
        journal=journal,
        requests=[open_request("DEM-2026-00001", status="Proposée")],
        answers=[_answer("DEM-2026-00001", "AMB-00002")],
        parameters=[{"Paramètre": "Propositions simultanées", "Valeur": "2"}],
    )
    assert _request_update(plan)["Ambassadeur"] == "AMB-00002"
    assert ("deja_pourvue", "ambassadeur00001@exemple.fr") in _templates(plan)


def test_staff_cancel_withdraws_the_proposal_tells_everyone_and_clears_the_action(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[{**open_request("DEM-2026-00001", status="Proposée"), "Action": "Annuler"}],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
    )
    update = next(u for u in plan.updates if u.tab == "Demandes")
    assert update.values["Statut"] == "Annulée" and update.values["Action"] == ""
    assert update.expect == {"Action": "Annuler"}
    assert _templates(plan) == [
        ("annulation", "ambassadeur00001@exemple.fr"),
        ("annulation", "demandeur00001@exemple.fr"),
    ]


def test_staff_reopen_gives_a_request_without_solution_new_attempts(referential):
    journal = [_sent("DEM-2026-00001", "AMB-00001", state="Déclinée")]
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001"), active_ambassador("AMB-00002")],
        requests=[{**open_request("DEM-2026-00001", status="Sans solution"), "Action": "Rouvrir"}],
        journal=journal,
        parameters=[{"Paramètre": "Tentatives maximales", "Valeur": "1"}],
    )
    values = _request_update(plan)
    assert values["Statut"] == "Proposée" and values["Proposée à"] == "AMB-00002"


def test_staff_remind_sends_a_reminder_now(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[{**open_request("DEM-2026-00001", status="Proposée"), "Action": "Relancer"}],
        journal=[_sent("DEM-2026-00001", "AMB-00001", at=datetime(2026, 10, 5, 9, 0))],
    )
    assert _templates(plan) == [("proposition_relance", "ambassadeur00001@exemple.fr")]


def test_manual_assignment_is_proposed_even_if_the_score_prefers_someone_else(referential):
    people = [active_ambassador("AMB-00001"), active_ambassador("AMB-00002", {"Code ROME du métier": "H25"})]
    plan = _decide(
        referential,
        ambassadors=people,
        requests=[
            {**open_request("DEM-2026-00001", {"Secteurs souhaités": "H29"}), "Affectation manuelle": "AMB-00002"}
        ],
    )
    assert _request_update(plan)["Proposée à"] == "AMB-00002"


def test_manual_assignment_breaking_a_hard_rule_needs_staff_to_force_it(referential):
    far = active_ambassador("AMB-00002", {"Zone d'intervention": "Département(s)", "Départements": "08"})
    refused = _decide(
        referential,
        ambassadors=[far],
        requests=[{**open_request("DEM-2026-00001"), "Affectation manuelle": "AMB-00002"}],
    )
    assert refused.emails == []
    assert _request_update(refused)["Anomalies"] == (
        "• Affectation manuelle : AMB-00002 ne convient pas (hors de sa zone d'intervention) ; "
        "écrivez « AMB-00002 forcer » pour le lui proposer quand même"
    )
    forced = _decide(
        referential,
        ambassadors=[far],
        requests=[{**open_request("DEM-2026-00001"), "Affectation manuelle": "AMB-00002 forcer"}],
    )
    assert _templates(forced) == [("proposition", "ambassadeur00002@exemple.fr")]


def test_a_request_whose_dates_have_passed_is_offered_another_day_only(referential):
    plan = _decide(
        referential,
        now=datetime(2026, 11, 20, 18, 0),
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[open_request("DEM-2026-00001")],
    )
    assert _request_update(plan)["Statut"] == "Pistes proposées"
    (choice,) = plan.emails[0].context["pistes"]
    assert choice["label"] == "le vendredi 27 novembre 2026"  # a week from now: the nearest to the wished day


def test_a_request_whose_dates_have_passed_and_nobody_could_come_another_day_has_no_solution(referential):
    plan = _decide(
        referential,
        now=datetime(2026, 11, 20, 18, 0),
        ambassadors=[active_ambassador("AMB-00001", {"Publics": "Étudiants"})],
        requests=[open_request("DEM-2026-00001")],
    )
    assert _request_update(plan)["Statut"] == "Sans solution"


def test_the_school_year_count_is_written_on_the_ambassador(referential):
    confirmed = {
        **open_request("DEM-2026-00001", status="Confirmée"),
        "Ambassadeur": "AMB-00001",
        "Date confirmée": "10/11/2026",
    }
    plan = _decide(referential, ambassadors=[active_ambassador("AMB-00001")], requests=[confirmed])
    (update,) = [u for u in plan.updates if u.tab == "Ambassadeurs"]
    assert (update.key.id, update.values) == ("AMB-00001", {"Interventions (année scolaire)": "1"})


def test_nothing_to_do_plans_nothing(referential):
    confirmed = {
        **open_request("DEM-2026-00001", status="Confirmée"),
        "Ambassadeur": "AMB-00001",
        "Date confirmée": "10/11/2026",
    }
    plan = _decide(
        referential,
        ambassadors=[{**active_ambassador("AMB-00001"), "Interventions (année scolaire)": "1"}],
        requests=[confirmed],
    )
    assert plan.is_empty()


def _confirmed(record_id="DEM-2026-00001", ambassador_id="AMB-00001", day="10/11/2026"):
    return {**open_request(record_id, status="Confirmée"), "Ambassadeur": ambassador_id, "Date confirmée": day}


def _cancel(person_id, expires=WISHED):
    return _answer("DEM-2026-00001", person_id, "Je dois annuler", expires=expires, action="annulation")


def test_ambassador_cancelling_ahead_of_the_date_hands_the_request_to_someone_else(referential):
    journal = [_sent("DEM-2026-00001", "AMB-00001"), _sent("DEM-2026-00001", "AMB-00001", state="Acceptée")]
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001"), active_ambassador("AMB-00002")],
        requests=[_confirmed()],
        journal=journal,
        answers=[_cancel("AMB-00001")],
    )
    values = _request_update(plan)
    assert (values["Statut"], values["Ambassadeur"], values["Proposée à"]) == ("Proposée", "", "AMB-00002")
    assert _templates(plan) == [
        ("desistement", "demandeur00001@exemple.fr"),
        ("desistement_enregistre", "ambassadeur00001@exemple.fr"),
        ("proposition", "ambassadeur00002@exemple.fr"),
    ]
    cancels = {e.template: e.invitations for e in plan.emails if e.invitations}
    assert cancels.keys() == {"desistement", "desistement_enregistre"}  # the event leaves both calendars
    assert all(
        event.cancelled and event.uid == "DEM-2026-00001-AMB-00001@orientest"
        for events in cancels.values()
        for event in events
    )


def test_ambassador_cancelling_on_the_day_cancels_the_intervention(referential):
    plan = _decide(
        referential,
        now=datetime(2026, 11, 10, 7, 30),
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_confirmed()],
        journal=[_sent("DEM-2026-00001", "AMB-00001", state="Acceptée")],
        answers=[_cancel("AMB-00001")],
    )
    assert _request_update(plan)["Statut"] == "Annulée"
    assert _templates(plan) == [
        ("annulation", "demandeur00001@exemple.fr"),
        ("desistement_enregistre", "ambassadeur00001@exemple.fr"),
    ]
    assert all(e.invitations[0].cancelled for e in plan.emails)


def test_requester_cancelling_tells_the_ambassador_at_once(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_confirmed()],
        answers=[_cancel("DEMANDEUR")],
    )
    assert _request_update(plan)["Statut"] == "Annulée"
    assert _templates(plan) == [
        ("annulation", "ambassadeur00001@exemple.fr"),
        ("annulation", "demandeur00001@exemple.fr"),
    ]  # their own calendar is cleared too
    assert all(e.invitations[0].cancelled for e in plan.emails)


def test_someone_else_cannot_cancel_an_intervention(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001"), active_ambassador("AMB-00002")],
        requests=[_confirmed()],
        answers=[_cancel("AMB-00002")],
    )
    (processed,) = [u for u in plan.updates if u.tab == "Réponses"]
    assert processed.values["Anomalies"] == "AMB-00002 n'est pas un ambassadeur attendu pour DEM-2026-00001"
    assert plan.emails == []


_ACCEPTED = [_sent("DEM-2026-00001", "AMB-00001", state="Acceptée")]  # on 10/11/2026


def test_a_new_date_typed_by_staff_updates_both_calendars(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_confirmed(day="17/11/2026")],
        journal=_ACCEPTED,
    )
    assert _templates(plan) == [
        ("nouvelle_date", "ambassadeur00001@exemple.fr"),
        ("nouvelle_date", "demandeur00001@exemple.fr"),
    ]
    for email in plan.emails:
        (event,) = email.invitations
        assert (event.uid, event.start, event.cancelled) == (
            "DEM-2026-00001-AMB-00001@orientest",
            datetime(2026, 11, 17, 9, 0),
            False,
        )
        assert email.context["before"] == "mardi 10 novembre 2026" and email.context["day"] == "mardi 17 novembre 2026"
    assert email.context["cancel_token"].startswith("DEM-2026-00001.DEMANDEUR.annulation.20261117.")
    assert [(j.action, j.detail) for j in plan.journal] == [("date modifiée", "intervention le 17/11/2026")]


def test_a_new_date_is_announced_once(referential):
    moved = {
        "Date": "05/10/2026 12:00",
        "Flux": "matching",
        "Référence": "DEM-2026-00001",
        "Action": "date modifiée",
        "Détail": "intervention le 17/11/2026",
    }
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_confirmed(day="17/11/2026")],
        journal=[*_ACCEPTED, moved],
    )
    assert plan.emails == [] and plan.journal == []


def test_a_date_staff_write_in_another_format_is_no_new_date(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_confirmed(day="2026-11-10")],
        journal=_ACCEPTED,
    )
    assert plan.emails == [] and plan.journal == []


def test_a_past_date_typed_by_staff_corrects_the_record_without_mail(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_confirmed(day="01/10/2026")],
        journal=_ACCEPTED,
    )
    assert plan.emails == [] and [j.action for j in plan.journal] == ["date modifiée"]


def test_a_confirmed_date_that_is_no_date_is_put_back_with_a_word_to_staff(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_confirmed(day="mardi prochain")],
        journal=_ACCEPTED,
    )
    values = _request_update(plan)
    assert values["Date confirmée"] == "10/11/2026"
    assert values["Anomalies"] == (
        "• Date confirmée : « mardi prochain » n'est pas une date (JJ/MM/AAAA) ; remise au 10/11/2026"
    )
    assert plan.emails == []


def test_cancelling_after_a_new_date_cancels_the_event_at_its_new_time(referential):
    moved = {
        "Date": "05/10/2026 12:00",
        "Flux": "matching",
        "Référence": "DEM-2026-00001",
        "Action": "date modifiée",
        "Détail": "intervention le 17/11/2026",
    }
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[{**_confirmed(day="17/11/2026"), "Action": "Annuler"}],
        journal=[*_ACCEPTED, moved],
    )
    assert _templates(plan) == [
        ("annulation", "ambassadeur00001@exemple.fr"),
        ("annulation", "demandeur00001@exemple.fr"),
    ]
    assert all(
        e.invitations[0].cancelled and e.invitations[0].start == datetime(2026, 11, 17, 9, 0) for e in plan.emails
    )


def _settled(record_id, changes=None, status="Clôturée"):
    """A request past its search whose answers are exactly those intake checked (its `Empreinte`), no remark."""
    values = open_request(record_id, changes, status=status)
    return {**values, "Empreinte": content_fingerprint(Row(0, values), REQUESTS)}


def test_a_request_past_its_search_is_read_only_when_something_concerns_it(referential):
    requests = [
        _settled("DEM-2026-00001"),
        _settled("DEM-2026-00002", status="Confirmée"),
        open_request("DEM-2026-00003"),
    ]
    cases, _ = board_reading._cases({"Demandes": _table(REQUESTS, requests)}, Context(NOW, referential, SECRET))
    assert [case.id for case in cases.values() if case.parsed is None] == ["DEM-2026-00001", "DEM-2026-00002"]
    assert cases["DEM-2026-00001"].request.email == "demandeur00001@exemple.fr"


def test_a_request_past_its_search_edited_since_intake_is_read_at_once(referential):
    edited = {**_settled("DEM-2026-00001"), "Commune": "Colmar"}
    cases, _ = board_reading._cases({"Demandes": _table(REQUESTS, [edited])}, Context(NOW, referential, SECRET))
    assert [case.parsed.commune.name for case in cases.values()] == ["Colmar"]


def test_a_request_accepted_before_the_rules_changed_stays_a_request(referential):
    # Valid when intake checked it, one answer refused by today's rules: still answered, that answer left empty.
    accepted = _settled("DEM-2026-00001", {"Secteurs souhaités": "H29, Z99"}, status="Confirmée")
    cases, _ = board_reading._cases({"Demandes": _table(REQUESTS, [accepted])}, Context(NOW, referential, SECRET))
    assert cases["DEM-2026-00001"].request.sectors == ("Industrie",)


def test_an_answer_sent_before_its_token_expired_counts_even_if_read_later(referential):
    late_read = _decide(
        referential,
        now=datetime(2026, 10, 9, 18),
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_proposed("DEM-2026-00001", "AMB-00001")],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        answers=[_answer("DEM-2026-00001", "AMB-00001", expires=date(2026, 10, 6))],
    )
    assert _request_update(late_read)["Statut"] == "Confirmée"  # sent on 05/10, read on 09/10


def test_an_answer_sent_after_its_token_expired_changes_nothing(referential):
    late = {**_answer("DEM-2026-00001", "AMB-00001", expires=date(2026, 10, 6)), "Horodatage": "07/10/2026 08:00:00"}
    plan = _decide(
        referential,
        now=datetime(2026, 10, 9, 18),
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[_proposed("DEM-2026-00001", "AMB-00001")],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        answers=[late],
    )
    (processed,) = [u for u in plan.updates if u.tab == "Réponses"]
    assert processed.values["Anomalies"] == "jeton expiré le 06/10/2026"


def test_the_proposal_tells_the_volunteer_why_them_in_words_and_keeps_the_scoring_for_staff(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[open_request("DEM-2026-00001", {"Secteurs souhaités": "H29"})],
    )
    (email,) = plan.emails
    assert email.context["why"] == (
        "votre métier, Industrie – Mécanique, travail des métaux et outillage (H29), près de chez vous"
    )
    assert "cette année" in _request_update(plan)["Motif"] and "cette année" not in email.context["why"]


def test_another_date_offered_reaches_staff_or_waits_never_written_off(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[open_request("DEM-2026-00001", status="Proposée")],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        parameters=[{"Paramètre": "Adresse de l'équipe", "Valeur": "equipe@exemple.fr"}],
        answers=[
            _answer("DEM-2026-00001", "AMB-00001", "Je propose une autre date", **{"Date proposée": "17/11/2026"})
        ],
    )
    (to_staff,) = [e for e in plan.emails if e.template == "autre_date"]
    assert to_staff.must_reach


def test_a_public_holiday_the_requester_asked_for_is_proposed_saying_so(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[open_request("DEM-2026-00001", {"Date souhaitée": "11/11/2026"})],
    )
    (email,) = plan.emails
    assert (email.context["day"], email.context["closed"]) == ("mercredi 11 novembre 2026", "Armistice, jour férié")


def test_an_ordinary_day_is_proposed_without_a_word_about_it(referential):
    plan = _decide(referential, ambassadors=[active_ambassador("AMB-00001")], requests=[open_request("DEM-2026-00001")])
    assert plan.emails[0].context["closed"] == ""


def _confirmed_emails(referential, changes):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[{**_proposed("DEM-2026-00001", "AMB-00001"), **changes}],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        answers=[_answer("DEM-2026-00001", "AMB-00001")],
    )
    return plan.emails


def test_the_hour_the_requester_gave_is_the_hour_of_the_invitation_and_of_the_emails(referential):
    to_ambassador, _ = _confirmed_emails(referential, {"Heure de début": "14h30", "Créneau": "Après-midi"})
    (invitation,) = to_ambassador.invitations
    assert (invitation.start, invitation.end, invitation.all_day) == (
        datetime(2026, 11, 10, 14, 30),
        datetime(2026, 11, 10, 16, 30),
        False,
    )
    assert to_ambassador.context["hours"] == "de 14 h 30 à 16 h 30"


def test_without_an_hour_nothing_is_made_up_the_hour_is_to_agree_and_the_event_takes_the_day(referential):
    to_ambassador, to_requester = _confirmed_emails(referential, {"Heure de début": ""})
    (invitation,) = to_ambassador.invitations
    assert invitation.all_day and invitation.summary.endswith("(horaire à convenir)")
    said = "le matin, horaire à convenir entre Claire Nom00001 et Julien Weber"
    assert to_ambassador.context["hours"] == to_requester.context["hours"] == said
