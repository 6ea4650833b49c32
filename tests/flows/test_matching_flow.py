"""A whole cycle on a real .xlsx: request → proposal → answer through the form → confirmations with invitations."""

from datetime import datetime
from email import message_from_bytes, policy

import pytest
import vobject
from icalendar import Calendar

from cli.forms import answer_tokens, links_to, stand_in_registry
from flows import pipeline
from flows.intake import STEP as INTAKE
from flows.matching import STEP as MATCHING
from orientest.core.plan import RowAppend, RowKey, RowUpdate
from tests.factories import ambassador_answers, request_answers
from tests.staff import set_cell, set_parameter

DAY_1 = datetime(2026, 10, 5, 18, 0)
DAY_2 = datetime(2026, 10, 6, 18, 0)


def _rows(connectors, tab):
    return connectors.workbook.read([tab])[tab].rows


def _emails(connectors, prefix):
    return sorted(connectors.settings.outbox.glob(f"{prefix}*.eml"))


def _parsed(path):
    return message_from_bytes(path.read_bytes(), policy=policy.default)


def _network_with_one_request(connectors):
    connectors.workbook.write(
        [], [RowAppend("Ambassadeurs", ambassador_answers()), RowAppend("Demandes", request_answers())]
    )
    pipeline.run(INTAKE, connectors, DAY_1)
    connectors.workbook.write([RowUpdate("Ambassadeurs", RowKey(id="AMB-00001"), {"Statut": "Actif"})], [])


def _answer_from_the_email(connectors, answer):
    (proposal,) = _emails(connectors, "proposition_DEM")
    token = answer_tokens(proposal, stand_in_registry(connectors.referential.forms)["reponse"])[answer]
    connectors.workbook.write(
        [], [RowAppend("Réponses", {"Horodatage": "06/10/2026 08:12:40", "Jeton": token, "Réponse": answer})]
    )


def _answered_from_the_email(connectors, answer):
    """One request proposed to its one ambassador on day 1, who answers `answer` through the e-mail's link; read on
    day 2."""
    _network_with_one_request(connectors)
    pipeline.run(MATCHING, connectors, DAY_1)
    _answer_from_the_email(connectors, answer)
    pipeline.run(MATCHING, connectors, DAY_2)


def test_request_proposal_acceptance_and_confirmations_with_an_invitation(connectors):
    _network_with_one_request(connectors)
    pipeline.run(MATCHING, connectors, DAY_1)
    (request,) = _rows(connectors, "Demandes")
    assert (request["Statut"], request["Proposée à"]) == ("Proposée", "AMB-00001")
    assert request["Proposée à (nom)"] == "Claire Martin"  # staff read who, without a lookup in « Ambassadeurs »
    assert request["Motif"].endswith("· 0 km · 0 intervention sur 4 cette année")

    _answer_from_the_email(connectors, "J'accepte")
    pipeline.run(MATCHING, connectors, DAY_2)
    (request,) = _rows(connectors, "Demandes")
    assert (request["Statut"], request["Ambassadeur"], request["Date confirmée"]) == (
        "Confirmée",
        "AMB-00001",
        "10/11/2026",
    )
    assert (request["Nom de l'ambassadeur"], request["Proposée à (nom)"]) == ("Claire Martin", "")
    assert _rows(connectors, "Réponses")[0]["Traitée"] == "06/10/2026 18:00"
    assert _rows(connectors, "Ambassadeurs")[0]["Interventions (année scolaire)"] == "1"

    for prefix, other_side in (
        ("confirmation_ambassadeur", "cpe.college-pasteur@exemple.fr"),
        ("confirmation_demandeur", "claire.martin@exemple.fr"),
    ):
        (path,) = _emails(connectors, prefix)
        message = _parsed(path)
        assert other_side in message.get_body(("plain",)).get_content()
        calendar = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        assert calendar.get_param("method") == "REQUEST"
        event = Calendar.from_ical(calendar.get_content()).walk("VEVENT")[0]
        assert event["UID"] == "DEM-2026-00001-AMB-00001@orientest"
        assert event["DTSTART"].dt.isoformat() == "2026-11-10T09:00:00+01:00"

    journal = [
        (r["Référence"], r["Action"], r["Résultat"])
        for r in _rows(connectors, "Journal")
        if r["Flux"] == "matching" and not r["Action"].startswith("e-mail")
    ]
    assert journal == [
        ("DEM-2026-00001", "proposition", "Envoyée"),
        ("DEM-2026-00001", "statut : Proposée", ""),
        ("DEM-2026-00001", "proposition", "Acceptée"),
        ("DEM-2026-00001", "statut : Confirmée", ""),
    ]


def test_reruns_send_nothing_twice(connectors):
    _network_with_one_request(connectors)
    pipeline.run(MATCHING, connectors, DAY_1)
    _answer_from_the_email(connectors, "J'accepte")
    pipeline.run(MATCHING, connectors, DAY_2)
    emails = sorted(p.name for p in connectors.settings.outbox.iterdir())
    journal = len(_rows(connectors, "Journal"))
    for minutes in (5, 10):
        plan, outcome = pipeline.run(MATCHING, connectors, DAY_2.replace(minute=minutes))
        assert plan.is_empty() and outcome.emails_sent == 0
    assert sorted(p.name for p in connectors.settings.outbox.iterdir()) == emails
    assert len(_rows(connectors, "Journal")) == journal


def test_a_decline_through_the_form_moves_on_and_nobody_else_is_left(connectors):
    _answered_from_the_email(connectors, "Je ne suis pas disponible")
    (request,) = _rows(connectors, "Demandes")
    assert (request["Statut"], request["Motif"][:41]) == ("En recherche", "en attente d'un ambassadeur disponible (n")
    pipeline.run(MATCHING, connectors, datetime(2026, 10, 9, 18))  # a week after it came in: the network had its chance
    (request,) = _rows(connectors, "Demandes")
    assert request["Statut"] == "Sans solution"
    assert [p.name.split("_DEM")[0] for p in _emails(connectors, "sans_solution")] == ["sans_solution"]


def test_a_network_starting_up_closes_no_request_and_writes_to_no_requester_but_the_acknowledgement(
    connectors, referential, staff
):
    from cli.seed import Seeder

    staff.edit("Paramètres", set_parameter("Adresse de l'équipe", "equipe@exemple.fr"))
    seeder = Seeder(referential, seed=3, messy_share=0)
    start = datetime(2026, 9, 14)
    connectors.workbook.write(
        [],
        [RowAppend("Ambassadeurs", row) for row in seeder.ambassadors(20, start, 5)]
        + [RowAppend("Demandes", row) for row in seeder.requests(50, start, 5)],
    )
    pipeline.run(INTAKE, connectors, datetime(2026, 9, 20, 18))
    acknowledged = {p.name for p in connectors.settings.outbox.iterdir()}
    for day in (20, 27):  # staff have validated no signup yet, for a week
        pipeline.run(MATCHING, connectors, datetime(2026, 9, day, 18))
    statuses = [row["Statut"] for row in _rows(connectors, "Demandes")]  # the seeder sends a few twice
    assert statuses.count("En recherche") == 50 and set(statuses) == {"En recherche", "Doublon"}
    new = {p.name for p in connectors.settings.outbox.iterdir()} - acknowledged
    assert [name.split("_DEM")[0] for name in new] == ["reseau_en_attente"]


def test_staff_action_is_cleared_once_carried_out(connectors, staff):
    _network_with_one_request(connectors)
    pipeline.run(MATCHING, connectors, DAY_1)
    staff.edit("Demandes", set_cell(2, "Action", "Annuler"))
    pipeline.run(MATCHING, connectors, DAY_2)
    (request,) = _rows(connectors, "Demandes")
    assert (request["Statut"], request["Action"], request["Proposée à"]) == ("Annulée", "", "")


def test_a_proposal_to_send_without_the_answer_form_recorded_stops_the_run_saying_what_to_do(connectors, staff):
    from orientest.forms.registry import FormNotReady

    _network_with_one_request(connectors)
    staff.edit(
        "Formulaires", lambda grid: [line.__setitem__(slice(1, None), [""] * (len(line) - 1)) for line in grid[1:]]
    )  # the addresses wiped: no form known
    journal = len(_rows(connectors, "Journal"))
    with pytest.raises(FormNotReady, match="Répondre à une proposition.*orientest formulaires --google"):
        pipeline.run(MATCHING, connectors, DAY_1)
    assert _emails(connectors, "proposition") == [] and len(_rows(connectors, "Journal")) == journal
    assert _rows(connectors, "Demandes")[0]["Statut"] == "En recherche"


def test_a_piste_taken_from_its_email_rewrites_the_request_in_the_sheet_and_intake_leaves_it_alone(connectors):
    connectors.workbook.write(
        [],
        [
            RowAppend("Ambassadeurs", ambassador_answers({"Jours de disponibilité": "Jeudi"})),
            RowAppend("Demandes", request_answers()),
        ],
    )  # asks for Tuesdays
    pipeline.run(INTAKE, connectors, DAY_1)
    connectors.workbook.write([RowUpdate("Ambassadeurs", RowKey(id="AMB-00001"), {"Statut": "Actif"})], [])
    a_week_later = datetime(2026, 10, 12, 18)
    pipeline.run(MATCHING, connectors, a_week_later)
    (request,) = _rows(connectors, "Demandes")
    assert request["Statut"] == "Pistes proposées" and request["Pistes"].startswith("• le jeudi 12 novembre 2026")

    (email,) = _emails(connectors, "pistes_DEM")
    first, *_ = links_to(email, stand_in_registry(connectors.referential.forms)["reponse"])
    connectors.workbook.write([], [RowAppend("Réponses", {"Horodatage": "13/10/2026 09:30:00", **first})])
    pipeline.run(MATCHING, connectors, datetime(2026, 10, 13, 18))
    (request,) = _rows(connectors, "Demandes")
    assert (request["Date souhaitée"], request["Date alternative"]) == ("12/11/2026", "")
    assert (request["Statut"], request["Proposée à"]) == ("Proposée", "AMB-00001")
    pipeline.run(INTAKE, connectors, datetime(2026, 10, 13, 19))
    (request,) = _rows(connectors, "Demandes")
    assert request["Anomalies"] == "" and request["Statut"] == "Proposée"


def _events(path):
    """The calendar of an e-mail as a second parser (vobject) reads it: method, and each event."""
    message = _parsed(path)
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    calendar = vobject.readOne(part.get_content())
    return part.get_param("method"), calendar


def _confirmed_from_the_email(connectors):
    """The ambassador accepts the proposal through its link: their confirmation, with its invitation."""
    _answered_from_the_email(connectors, "J'accepte")
    (confirmation,) = _emails(connectors, "confirmation_ambassadeur")
    return confirmation


def test_one_intervention_s_invitation_follows_it_from_confirmation_to_withdrawal(connectors):
    confirmation = _confirmed_from_the_email(connectors)
    method, calendar = _events(confirmation)
    assert method == calendar.method.value == "REQUEST"
    assert calendar.vtimezone.tzid.value == "Europe/Paris"  # the TZID the times use is defined (RFC 5545)
    event = calendar.vevent
    assert event.dtstart.value.isoformat() == "2026-11-10T09:00:00+01:00"
    assert event.organizer.value == "mailto:orientest@exemple.fr" and event.organizer.params["CN"]
    assert {(a.params["CN"][0], a.params["RSVP"][0]) for a in event.attendee_list} == {
        ("Claire Martin", "FALSE"),
        ("Julien Weber", "FALSE"),
    }
    requested = int(event.sequence.value)

    cancel_link = answer_tokens(confirmation, stand_in_registry(connectors.referential.forms)["reponse"])
    connectors.workbook.write(
        [],
        [
            RowAppend(
                "Réponses",
                {
                    "Horodatage": "07/10/2026 08:00:00",
                    "Réponse": "Je dois annuler",
                    "Jeton": cancel_link["Je dois annuler"],
                },
            )
        ],
    )
    pipeline.run(MATCHING, connectors, datetime(2026, 10, 7, 18))
    for prefix in ("desistement_DEM", "desistement_enregistre"):  # the requester, and the ambassador who cancelled
        (path,) = _emails(connectors, prefix)
        method, calendar = _events(path)
        assert (method, calendar.method.value, calendar.vevent.status.value) == ("CANCEL", "CANCEL", "CANCELLED")
        assert calendar.vevent.uid.value == event.uid.value and int(calendar.vevent.sequence.value) > requested


def test_one_intervention_s_invitation_follows_it_to_a_new_date_then_to_its_cancellation(connectors, staff):
    _, calendar = _events(_confirmed_from_the_email(connectors))
    uid, confirmed = calendar.vevent.uid.value, int(calendar.vevent.sequence.value)

    staff.edit("Demandes", set_cell(2, "Date confirmée", "17/11/2026"))  # agreed with both sides on the phone
    pipeline.run(MATCHING, connectors, datetime(2026, 10, 7, 18))
    moved = _emails(connectors, "nouvelle_date")
    assert len(moved) == 2  # the ambassador and the requester
    for path in moved:
        method, calendar = _events(path)
        assert (method, calendar.method.value) == ("REQUEST", "REQUEST")
        assert calendar.vevent.uid.value == uid and int(calendar.vevent.sequence.value) > confirmed
        assert calendar.vevent.dtstart.value.isoformat() == "2026-11-17T09:00:00+01:00"
        assert "mardi 17 novembre 2026, de 9 h à 11 h" in _parsed(path).get_body(("plain",)).get_content()
    redated = int(calendar.vevent.sequence.value)
    pipeline.run(MATCHING, connectors, datetime(2026, 10, 7, 18, 5))
    assert len(_emails(connectors, "nouvelle_date")) == 2  # announced once

    staff.edit("Demandes", set_cell(2, "Action", "Annuler"))
    pipeline.run(MATCHING, connectors, datetime(2026, 10, 8, 18))
    cancellations = _emails(connectors, "annulation")
    assert len(cancellations) == 2
    for path in cancellations:
        method, calendar = _events(path)
        assert (method, calendar.vevent.status.value, calendar.vevent.uid.value) == ("CANCEL", "CANCELLED", uid)
        assert int(calendar.vevent.sequence.value) > redated
        assert calendar.vevent.dtstart.value.isoformat() == "2026-11-17T09:00:00+01:00"
