"""The participants' anonymous minute on both workbooks: the link and QR code in the requester's e-mails, answers
counted against their intervention, the ones that cannot count saying why, and the count in the monthly report."""

from datetime import datetime

from cli.forms import links_to, stand_in_registry
from flows import pipeline
from flows.indicators import step_for
from orientest.core.plan import RowAppend
from orientest.forms.questions import CHANGED_TITLE, CONSIDERING_TITLE, INFORMED_TITLE, NEXT_STEP_TITLE
from tests.flows.test_followup_flow import _confirmed_intervention, _rows, _run_days
from tests.flows.test_matching_flow import _parsed


def _group_link(connectors, prefix):
    (path,) = connectors.settings.outbox.glob(f"{prefix}*.eml")
    form = stand_in_registry(connectors.referential.forms)["participants"]
    (answers,) = links_to(path, form)
    return path, answers["Jeton"]


def _answer(token, at, informed="Plutôt oui", considering="Oui", changed="Non", steps=""):
    return {
        "Horodatage": at,
        "Jeton": token,
        INFORMED_TITLE: informed,
        CONSIDERING_TITLE: considering,
        CHANGED_TITLE: changed,
        NEXT_STEP_TITLE: steps,
    }


def test_the_requesters_confirmation_carries_the_groups_link_and_its_qr_code_inside_the_message(connectors):
    _confirmed_intervention(connectors)
    path, token = _group_link(connectors, "confirmation_demandeur")
    assert token.startswith("DEM-2026-00001.PARTICIPANTS.participants.20261210.")  # a month after the day
    message = _parsed(path)
    (image,) = [part for part in message.walk() if part.get_content_type() == "image/png"]
    html = message.get_body(("html",)).get_content()
    assert f'src="cid:{image["Content-ID"].strip("<>")}"' in html
    assert image.get_content().startswith(b"\x89PNG")
    (to_ambassador,) = connectors.settings.outbox.glob("confirmation_ambassadeur*.eml")
    assert "PARTICIPANTS" not in to_ambassador.read_text()  # the group's link is the requester's to share


def test_answers_count_from_the_day_for_their_intervention_and_the_others_say_why(connectors):
    _confirmed_intervention(connectors)  # on 10/11/2026, 28 participants announced
    _, token = _group_link(connectors, "confirmation_demandeur")
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    answers = [
        _answer(token, "09/11/2026 17:00:00"),  # the teacher trying the link the day before
        _answer(token, "10/11/2026 11:02:10", "Oui, tout à fait", "Oui", "Oui", "Me renseigner sur une formation"),
        _answer(token, "10/11/2026 11:02:30", "Plutôt non", "Non", "Non", "Rien pour l'instant"),
        _answer(token, "10/11/2026 11:03:00", "Plutôt oui", "Peut-être", "Oui"),
        _answer(forged, "10/11/2026 11:03:30"),
        _answer(token, "10/11/2026 11:04:00", "Je ne sais pas"),
    ]
    connectors.workbook.write([], [RowAppend("Avis des participants", answer) for answer in answers])
    _run_days(connectors, "2026-11-11")
    rows = _rows(connectors, "Avis des participants")
    assert all(row["Traitée"] for row in rows)
    assert [row["Demande"] for row in rows] == ["", "DEM-2026-00001", "DEM-2026-00001", "DEM-2026-00001", "", ""]
    assert "avant l'intervention du 10/11/2026" in rows[0]["Anomalies"]
    assert "falsifié" in rows[4]["Anomalies"]
    assert "Je ne sais pas" in rows[5]["Anomalies"]

    pipeline.run(step_for("2026-11"), connectors, datetime(2026, 12, 1, 6))
    figures = {
        (r["Indicateur"], r["Dimension"]): r["Valeur"]
        for r in _rows(connectors, "Indicateurs")
        if r["Mois"] == "2026-11" and r["Période"] == "mois"
    }
    assert figures[("Réponses des participants", "Grand Est")] == "3"
    assert figures[("Réponses des participants", "Interventions")] == "1"
    assert figures[("Participants mieux informés", "Grand Est")] == "0,667"
    assert figures[("Participants qui envisagent le secteur", "Réponse : Peut-être")] == "1"
    assert figures[("Participants dont une idée a changé", "Grand Est")] == "0,667"
    assert figures[("Participants ayant une prochaine étape", "Grand Est")] == "0,333"
    report = (connectors.settings.reports / "rapport-2026-11.html").read_text(encoding="utf-8")
    assert "3 réponse(s) au questionnaire anonyme des participants, pour 1 intervention(s)" in report


def test_no_more_answers_count_than_the_group_had_people(connectors):
    _confirmed_intervention(connectors)
    _, token = _group_link(connectors, "confirmation_demandeur")
    answers = [_answer(token, f"10/11/2026 11:{n:02d}:00") for n in range(30)]
    connectors.workbook.write([], [RowAppend("Avis des participants", answer) for answer in answers])
    _run_days(connectors, "2026-11-11")
    rows = _rows(connectors, "Avis des participants")
    assert sum(1 for row in rows if row["Demande"]) == 28
    assert all("pour 28 participant(s) annoncé(s)" in row["Anomalies"] for row in rows[28:])


def test_the_feedback_request_reminds_the_requester_of_the_groups_link_not_the_ambassador(connectors):
    _confirmed_intervention(connectors)
    _run_days(connectors, "2026-11-11")
    _, token = _group_link(connectors, "demande_retour_DEM-2026-00001_demandeur")
    assert token.startswith("DEM-2026-00001.PARTICIPANTS.participants.20261210.")
    (to_ambassador,) = connectors.settings.outbox.glob("demande_retour_*_ambassadeur.eml")
    assert "PARTICIPANTS" not in to_ambassador.read_text()
