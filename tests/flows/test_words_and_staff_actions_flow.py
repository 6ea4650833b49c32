"""On both workbooks, what people write and what staff type reaches the other side: the school's message in the
proposal, another day offered and taken by the requester's click, a comment passed on, a staff entry refused with its
reason, a no-show kept out of what took place, a company visit at the host's site and a visio link given late."""

from datetime import datetime
from email import message_from_bytes, policy

import vobject

from cli.forms import answer_tokens, feedback_token, stand_in_registry
from flows import pipeline
from flows.followup import STEP as FOLLOWUP
from flows.intake import STEP as INTAKE
from flows.matching import STEP as MATCHING
from orientest.core.plan import RowAppend, RowKey, RowUpdate
from tests.factories import ambassador_answers, request_answers
from tests.flows.test_matching_flow import DAY_1, DAY_2, _rows
from tests.staff import set_cell, set_parameter

DAY_3 = datetime(2026, 10, 7, 18, 0)
MESSAGE = "Salle polyvalente, entrée par la rue des Lilas ; on viendrait en bus."


def _text(path):
    body = message_from_bytes(path.read_bytes(), policy=policy.default).get_body(("plain",))
    return body.get_content() if body is not None else ""


def _one(connectors, prefix):
    (path,) = sorted(connectors.settings.outbox.glob(f"{prefix}*.eml"))
    return path


def _answer(connectors, eml, answer, **extra):
    token = answer_tokens(eml, stand_in_registry(connectors.referential.forms)["reponse"])[answer]
    row = {"Horodatage": "06/10/2026 08:12:40", "Jeton": token, "Réponse": answer, **extra}
    connectors.workbook.write([], [RowAppend("Réponses", row)])


def _a_request_with_a_message(connectors, staff):
    staff.edit("Paramètres", set_parameter("Adresse de l'équipe", "equipe@exemple.fr"))
    connectors.workbook.write(
        [],
        [
            RowAppend("Ambassadeurs", ambassador_answers()),
            RowAppend("Demandes", request_answers({"Message": MESSAGE})),
        ],
    )
    pipeline.run(INTAKE, connectors, DAY_1)
    connectors.workbook.write([RowUpdate("Ambassadeurs", RowKey(id="AMB-00001"), {"Statut": "Actif"})], [])
    pipeline.run(MATCHING, connectors, DAY_1)


def test_another_day_offered_with_a_comment_is_taken_by_the_requesters_click(connectors, staff):
    _a_request_with_a_message(connectors, staff)
    proposal = _one(connectors, "proposition_DEM")
    assert f"Le mot de la structure : « {MESSAGE} »" in _text(proposal)

    _answer(
        connectors,
        proposal,
        "Je propose une autre date",
        **{"Date proposée": "17/11/2026", "Commentaire": "Le 10 je suis en salon ; le 17 au matin me va."},
    )
    pipeline.run(MATCHING, connectors, DAY_2)
    choice = _one(connectors, "autre_date_demandeur")
    assert "Son mot : « Le 10 je suis en salon ; le 17 au matin me va. »" in _text(choice)
    assert _rows(connectors, "Demandes")[0]["Statut"] == "Proposée"

    pipeline.run(MATCHING, connectors, datetime(2026, 10, 8, 18, 0))  # half-way: no reminder of the 10th
    assert list(connectors.settings.outbox.glob("proposition_relance*.eml")) == []

    _answer(connectors, choice, "J'accepte")
    pipeline.run(MATCHING, connectors, DAY_3)
    (request,) = _rows(connectors, "Demandes")
    assert (request["Statut"], request["Ambassadeur"], request["Date confirmée"]) == (
        "Confirmée",
        "AMB-00001",
        "17/11/2026",
    )
    assert "mardi 17 novembre 2026" in _text(_one(connectors, "confirmation_ambassadeur"))
    assert MESSAGE in _text(_one(connectors, "confirmation_ambassadeur"))


def test_a_staff_entry_that_cannot_be_carried_out_says_why_the_same_run(connectors, staff):
    _a_request_with_a_message(connectors, staff)
    staff.edit("Demandes", set_cell(2, "Affectation manuelle", "AMB-1 et AMB-7"))
    pipeline.run(MATCHING, connectors, DAY_2)
    (request,) = _rows(connectors, "Demandes")
    assert request["Anomalies"].splitlines()[-1] == (
        "• Affectation manuelle : AMB-00007 inconnu : aucune fiche lisible de `Ambassadeurs` n'a cet ID"
    )
    staff.edit("Ambassadeurs", set_cell(2, "Statut", "Validé"))
    pipeline.run(INTAKE, connectors, DAY_2)
    (ambassador,) = _rows(connectors, "Ambassadeurs")
    assert ambassador["Statut"] == "Validé"
    assert "« Validé » n'est pas un statut de la liste ; aucun flux n'agit sur cette ligne" in ambassador["Anomalies"]
    staff.edit("Ambassadeurs", set_cell(2, "Statut", "actif"))
    pipeline.run(INTAKE, connectors, DAY_2)
    assert _rows(connectors, "Ambassadeurs")[0]["Statut"] == "Actif"


def test_a_no_show_leaves_the_request_out_of_what_took_place_and_staff_are_told(connectors, staff):
    _a_request_with_a_message(connectors, staff)
    _answer(connectors, _one(connectors, "proposition_DEM"), "J'accepte")
    pipeline.run(MATCHING, connectors, DAY_2)
    pipeline.run(FOLLOWUP, connectors, datetime(2026, 11, 11, 7, 0))
    requester = _one(connectors, "demande_retour_DEM-2026-00001_demandeur")
    token = feedback_token(requester, stand_in_registry(connectors.referential.forms)["retour"])
    feedback = {
        "Horodatage": "11/11/2026 10:00:00",
        "Jeton": token,
        "L'intervention a eu lieu": "Non, ambassadeur absent",
    }
    connectors.workbook.write([], [RowAppend("Retours", feedback)])
    pipeline.run(FOLLOWUP, connectors, datetime(2026, 11, 11, 18, 0))
    assert _rows(connectors, "Demandes")[0]["Statut"] == "Ambassadeur absent"
    assert [
        row["Référence"] for row in _rows(connectors, "Journal") if row["Action"] == "statut : Ambassadeur absent"
    ] == ["DEM-2026-00001"]
    told = _one(connectors, "absence_signalee")
    assert message_from_bytes(told.read_bytes(), policy=policy.default)["To"] == "equipe@exemple.fr"
    pipeline.run(FOLLOWUP, connectors, datetime(2026, 11, 12, 18, 0))  # told once
    assert len(list(connectors.settings.outbox.glob("absence_signalee*.eml"))) == 1
    pipeline.run(MATCHING, connectors, datetime(2026, 11, 12, 18, 0))
    assert _rows(connectors, "Ambassadeurs")[0]["Interventions (année scolaire)"] == "0"


SITE = "Usinage Rhénan, 12 rue de l'Industrie, 67240 Bischwiller"


def _calendar_locations(path):
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    return [event.location.value for part in parts for event in vobject.readOne(part.get_content()).vevent_list]


def test_a_company_visit_is_placed_at_the_hosts_site_in_both_e_mails_and_invitations(connectors, staff):
    staff.edit("Paramètres", set_parameter("Adresse de l'équipe", "equipe@exemple.fr"))
    host = {
        "Types d'intervention": "Visite d'entreprise",
        "Rayon de déplacement (km)": "10",  # Strasbourg is 24 km from Bischwiller: the site is what counts
        "Adresse du site (visites d'entreprise)": "12 rue de l'Industrie, 67240 Bischwiller",
        "Taille maximale du groupe": "30",
        "Consignes de sécurité": "Chaussures fermées ; lunettes fournies.",
    }
    visit = {
        "Type d'intervention": "Visite d'entreprise",
        "Commune": "67240 Bischwiller",
        "Adresse de la structure": "3 rue des Lilas",
        "Nombre de participants": "24",
    }
    connectors.workbook.write(
        [], [RowAppend("Ambassadeurs", ambassador_answers(host)), RowAppend("Demandes", request_answers(visit))]
    )
    pipeline.run(INTAKE, connectors, DAY_1)
    connectors.workbook.write([RowUpdate("Ambassadeurs", RowKey(id="AMB-00001"), {"Statut": "Actif"})], [])
    pipeline.run(MATCHING, connectors, DAY_1)
    proposal = _one(connectors, "proposition_DEM")
    assert "pour une visite de votre site" in _text(proposal)

    _answer(connectors, proposal, "J'accepte")
    pipeline.run(MATCHING, connectors, DAY_2)
    for prefix in ("confirmation_ambassadeur", "confirmation_demandeur"):
        sent = _one(connectors, prefix)
        assert f"le groupe se rend sur le site : {SITE}" in _text(sent)
        assert _calendar_locations(sent) == [SITE]
    assert "Consignes de sécurité du site : Chaussures fermées ; lunettes fournies." in _text(
        _one(connectors, "confirmation_demandeur")
    )


def test_a_visio_link_staff_give_after_the_confirmation_reaches_both_sides_once(connectors, staff):
    staff.edit("Paramètres", set_parameter("Adresse de l'équipe", "equipe@exemple.fr"))
    connectors.workbook.write(
        [],
        [
            RowAppend("Ambassadeurs", ambassador_answers()),
            RowAppend("Demandes", request_answers({"Modalité": "À distance"})),
        ],
    )
    pipeline.run(INTAKE, connectors, DAY_1)
    connectors.workbook.write([RowUpdate("Ambassadeurs", RowKey(id="AMB-00001"), {"Statut": "Actif"})], [])
    pipeline.run(MATCHING, connectors, DAY_1)
    _answer(connectors, _one(connectors, "proposition_DEM"), "J'accepte")
    pipeline.run(MATCHING, connectors, DAY_2)
    assert "lien de la visio encore à convenir" in _text(_one(connectors, "confirmation_demandeur"))

    link = "https://visio.exemple.fr/college-pasteur-3e"
    staff.edit("Demandes", set_cell(2, "Lien de la visio", link))
    pipeline.run(MATCHING, connectors, DAY_3)
    pipeline.run(MATCHING, connectors, datetime(2026, 10, 8, 18, 0))
    sent = sorted(connectors.settings.outbox.glob("lien_visio*.eml"))
    assert len(sent) == 2  # the ambassador and the requester, once
    for path in sent:
        assert f"lien de la visio : {link}" in _text(path)
        assert _calendar_locations(path) == [link]


def test_a_forums_requester_hears_once_with_one_event_when_every_place_is_filled(connectors, staff):
    staff.edit("Paramètres", set_parameter("Adresse de l'équipe", "equipe@exemple.fr"))
    on_stands = {"Types d'intervention": "Événement en présentiel"}
    connectors.workbook.write(
        [],
        [
            RowAppend("Ambassadeurs", ambassador_answers(on_stands)),
            RowAppend("Ambassadeurs", ambassador_answers({**on_stands, "Adresse e-mail": "paul.roth@exemple.fr"})),
            RowAppend(
                "Demandes",
                request_answers(
                    {"Nombre d'ambassadeurs souhaités": "2", "Type d'intervention": "Événement en présentiel"}
                ),
            ),
        ],
    )
    pipeline.run(INTAKE, connectors, DAY_1)
    active = {"Statut": "Actif"}
    connectors.workbook.write([RowUpdate("Ambassadeurs", RowKey(id=f"AMB-0000{n}"), active) for n in (1, 2)], [])
    pipeline.run(MATCHING, connectors, DAY_1)
    first, second = sorted(connectors.settings.outbox.glob("proposition_DEM*.eml"))
    _answer(connectors, first, "J'accepte", Commentaire="J'apporte une maquette de moteur.")
    pipeline.run(MATCHING, connectors, DAY_2)
    assert list(connectors.settings.outbox.glob("confirmation_forum*.eml")) == []  # one place of two: not yet

    _answer(connectors, second, "J'accepte")
    pipeline.run(MATCHING, connectors, DAY_3)
    told = _one(connectors, "confirmation_forum")
    assert "les 2 places de votre demande sont pourvues" in _text(told)
    assert "Son mot en acceptant : « J'apporte une maquette de moteur. »" in _text(told)
    message = message_from_bytes(told.read_bytes(), policy=policy.default)
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    (event,) = vobject.readOne(part.get_content()).vevent_list
    assert event.uid.value == "DEM-2026-00001@orientest" and len(event.attendee_list) == 3
    assert list(connectors.settings.outbox.glob("confirmation_demandeur*.eml")) == []
