"""After the match, on a real .xlsx with a moving clock: reminders, feedback through the form, closing."""

from datetime import datetime

from cli.forms import feedback_token, stand_in_registry
from flows import pipeline
from flows.followup import STEP as FOLLOWUP
from flows.housekeeping import STEP as HOUSEKEEPING
from flows.matching import STEP as MATCHING
from orientest.core.plan import RowAppend
from tests.flows.test_matching_flow import (
    DAY_1,
    DAY_2,
    _answer_from_the_email,
    _network_with_one_request,
    _parsed,
    _rows,
)


def _confirmed_intervention(connectors):
    _network_with_one_request(connectors)
    pipeline.run(MATCHING, connectors, DAY_1)
    _answer_from_the_email(connectors, "J'accepte")
    pipeline.run(MATCHING, connectors, DAY_2)


def _run_days(connectors, *days):
    for day in days:
        for hour in (7, 12, 18):  # several runs a day: still one e-mail each
            pipeline.run(FOLLOWUP, connectors, datetime.fromisoformat(day).replace(hour=hour))


def _names(connectors, prefix):
    return sorted(p.name for p in connectors.settings.outbox.glob(f"{prefix}*.eml"))


def _feedback_token(path, referential):
    return feedback_token(path, stand_in_registry(referential.forms)["retour"])


def test_reminders_then_feedback_from_both_sides_then_closed(connectors):
    _confirmed_intervention(connectors)  # on 10/11/2026
    _run_days(connectors, "2026-11-01", "2026-11-03", "2026-11-04", "2026-11-09")
    assert _names(connectors, "rappel_intervention") == [
        "rappel_intervention_DEM-2026-00001_1_ambassadeur.eml",
        "rappel_intervention_DEM-2026-00001_1_demandeur.eml",
        "rappel_intervention_DEM-2026-00001_7_ambassadeur.eml",
        "rappel_intervention_DEM-2026-00001_7_demandeur.eml",
    ]

    _run_days(connectors, "2026-11-11")
    assert _rows(connectors, "Demandes")[0]["Statut"] == "Réalisée"
    requests = sorted(connectors.settings.outbox.glob("demande_retour*.eml"))
    answers = [
        {
            "Horodatage": "12/11/2026 10:00:00",
            "Jeton": _feedback_token(path, connectors.referential),
            "L'intervention a eu lieu": "Oui",
            "Nombre de participants": "26",
            "Satisfaction": "5",
            "Aide à l'orientation": "4",
        }
        for path in requests
    ]
    connectors.workbook.write([], [RowAppend("Retours", answer) for answer in answers])
    _run_days(connectors, "2026-11-12")
    assert _rows(connectors, "Demandes")[0]["Statut"] == "Clôturée"
    assert sorted(r["Rôle"] for r in _rows(connectors, "Retours")) == ["Ambassadeur", "Demandeur"]
    assert all(r["Anomalies"] == "" and r["Demande"] == "DEM-2026-00001" for r in _rows(connectors, "Retours"))


def _requesters_feedback(connectors, **answers):
    (path,) = connectors.settings.outbox.glob("demande_retour_*_demandeur.eml")
    feedback = {
        "Horodatage": "12/11/2026 10:00:00",
        "Jeton": _feedback_token(path, connectors.referential),
        "L'intervention a eu lieu": "Oui",
        "Satisfaction": "4",
        "Commentaire": "Les élèves ont posé des questions jusqu'à la sonnerie.",
        **answers,
    }
    connectors.workbook.write([], [RowAppend("Retours", feedback)])


def _thanks(connectors):
    return [
        _parsed(path).get_body(("plain",)).get_content() for path in connectors.settings.outbox.glob("remerciement_*")
    ]


def test_the_ambassador_is_thanked_once_with_the_requesters_words_as_they_allowed(connectors):
    _confirmed_intervention(connectors)
    _run_days(connectors, "2026-11-11")
    _requesters_feedback(connectors, **{"Transmettre votre avis à l'ambassadeur": "Oui"})
    _run_days(connectors, "2026-11-12", "2026-11-13")
    (thanks,) = _thanks(connectors)
    assert "Ce qu'en dit Collège Pasteur : satisfaction 4 sur 5.\n« Les élèves ont posé des questions" in thanks


def test_without_the_requesters_consent_the_thanks_carry_none_of_their_words(connectors):
    _confirmed_intervention(connectors)
    _run_days(connectors, "2026-11-11")
    _requesters_feedback(connectors, **{"Transmettre votre avis à l'ambassadeur": "Non"})
    _run_days(connectors, "2026-11-12")
    (thanks,) = _thanks(connectors)
    assert "merci" in thanks and "sonnerie" not in thanks and "4 sur 5" not in thanks


def _update_form(connectors, subject, changes="", until=""):
    connectors.workbook.write(
        [],
        [
            RowAppend(
                "Mises à jour",
                {
                    "Horodatage": "07/10/2026 09:00:00",
                    "Adresse e-mail": "claire.martin@exemple.fr",
                    "Objet": subject,
                    "Nouvelles informations": changes,
                    "Pause jusqu'au": until,
                },
            )
        ],
    )


def test_an_update_through_the_form_changes_the_record_and_intake_does_not_flag_it(connectors):
    from flows.intake import STEP as INTAKE

    _confirmed_intervention(connectors)
    _update_form(connectors, "Coordonnées", "Téléphone : 07 61 23 45 67")
    pipeline.run(FOLLOWUP, connectors, datetime(2026, 10, 7, 18))
    (ambassador,) = _rows(connectors, "Ambassadeurs")
    assert ambassador["Téléphone"] == "07 61 23 45 67" and ambassador["Statut"] == "Actif"
    plan, _ = pipeline.run(INTAKE, connectors, datetime(2026, 10, 7, 18, 5))
    assert plan.updates == []  # the record's fingerprint follows the update: intake sees no edit to flag
    (entry,) = [r for r in _rows(connectors, "Journal") if r["Action"] == "fiche mise à jour"]
    assert (entry["Référence"], entry["Détail"]) == ("AMB-00001", "Téléphone : 06 12 34 56 78 → 07 61 23 45 67")


def test_leaving_through_the_form_retires_and_hands_the_intervention_over(connectors):
    _confirmed_intervention(connectors)
    _update_form(connectors, "Quitter le réseau")
    pipeline.run(FOLLOWUP, connectors, datetime(2026, 10, 7, 18))
    assert _rows(connectors, "Ambassadeurs")[0]["Statut"] == "Retiré"
    request = _rows(connectors, "Demandes")[0]
    assert (request["Statut"], request["Ambassadeur"]) == ("En recherche", "")
    assert _names(connectors, "desistement") == ["desistement_DEM-2026-00001_AMB-00001.eml"]  # to the requester
    (farewell,) = _names(connectors, "depart_confirme")
    assert "METHOD:CANCEL" in (connectors.settings.outbox / farewell).read_text()  # their event leaves their calendar


def test_in_july_the_ambassador_gets_the_attestation_attached_and_the_server_keeps_no_copy(connectors):
    _confirmed_intervention(connectors)
    _run_days(connectors, "2026-11-11")  # held: « Réalisée »
    pipeline.run(HOUSEKEEPING, connectors, datetime(2027, 7, 1, 3, 0))
    pipeline.run(HOUSEKEEPING, connectors, datetime(2027, 7, 2, 3, 0))
    (path,) = connectors.settings.outbox.glob("attestation_*.eml")
    pdf, attached = _parsed(path).iter_attachments()
    assert pdf.get_filename() == "attestation-2026-2027-AMB-00001.pdf" and pdf.get_content().startswith(b"%PDF")
    assert attached.get_filename() == "attestation-2026-2027-AMB-00001.html"
    assert "mardi 10 novembre 2026" in attached.get_content() and "Collège Pasteur" in attached.get_content()
    assert not list(connectors.settings.reports.glob("attestation-*"))
