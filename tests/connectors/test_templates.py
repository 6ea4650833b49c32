"""Every e-mail the domain decides renders through the real templates: text without markup, HTML escaped."""

from datetime import datetime
from pathlib import Path

import pytest

from tests.factories import active_ambassador, open_request
from tests.unit import test_followup_decisions as followup
from tests.unit import test_housekeeping_decisions as housekeeping
from tests.unit import test_intake_decisions as intake
from tests.unit import test_matching_decisions as matching

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "emails"


def _decided_emails(referential):
    """One plan per situation, between them every template there is."""
    people = [active_ambassador("AMB-00001"), active_ambassador("AMB-00002")]
    staff = [{"Paramètre": "Adresse de l'équipe", "Valeur": "equipe@exemple.fr"}]
    sent_early = matching._sent("DEM-2026-00001", "AMB-00001", at=datetime(2026, 10, 1, 18))
    plans = [
        matching._decide(referential, ambassadors=people, requests=[matching._proposed("DEM-2026-00001", "AMB-00001")],
                         journal=[sent_early, matching._sent("DEM-2026-00001", "AMB-00002")],
                         answers=[matching._answer("DEM-2026-00001", "AMB-00002")], parameters=staff),
        matching._decide(referential, ambassadors=people, requests=[matching._proposed("DEM-2026-00001", "AMB-00001")],
                         journal=[matching._sent("DEM-2026-00001", "AMB-00001")], parameters=staff,
                         answers=[matching._answer("DEM-2026-00001", "AMB-00001", "Je propose une autre date")]),
        matching._decide(referential, matching.A_WEEK_LATER, ambassadors=people[:1], parameters=staff,
                         requests=[open_request("DEM-2026-00001", {"Secteurs souhaités": "Santé",
                                                                   "Thématique souhaitée": ""})]),
        matching._decide(referential, matching.A_WEEK_LATER, parameters=staff,
                         ambassadors=[active_ambassador("AMB-00001", {"Publics": "Étudiants"})],
                         requests=[open_request("DEM-2026-00001")]),
        matching._decide(referential, requests=[open_request("DEM-2026-00001")], parameters=staff),
        matching._decide(referential, datetime(2026, 10, 21, 18), ambassadors=people[:1], parameters=staff,
                         requests=[{**open_request("DEM-2026-00001"), "Statut": "Pistes proposées"}],
                         journal=[{"Date": "18/10/2026 18:00", "Flux": "matching", "Référence": "DEM-2026-00001",
                                   "Action": "pistes proposées", "Détail": "date-20261112 distance secteur-J type-1"}]),
        matching._decide(referential, ambassadors=people, parameters=staff,
                         requests=[{**matching._proposed("DEM-2026-00001", "AMB-00001"), "Action": "Annuler"}],
                         journal=[matching._sent("DEM-2026-00001", "AMB-00001")]),
        matching._decide(referential, ambassadors=people, requests=[matching._confirmed()],
                         answers=[matching._cancel("AMB-00001")]),
        matching._decide(referential, ambassadors=people, requests=[matching._confirmed()],
                         answers=[matching._cancel("DEMANDEUR")]),
        followup._decide(referential, datetime(2026, 11, 3, 7), people[:1], [followup._confirmed()]),
        followup._decide(referential, datetime(2026, 11, 11, 7), people[:1], [followup._confirmed()]),
        followup._decide(referential, datetime(2026, 10, 5, 18), people[:1], updates=[
            followup._update("Téléphone : 07 61 23 45 67"), followup._update("", address="x@exemple.fr"),
            followup._update("", subject="Pause", until="30/10/2026")]),
        followup._decide(referential, datetime(2026, 10, 5, 18), people[:1], [followup._confirmed()],
                         updates=[followup._update("", subject="Quitter le réseau")]),
        housekeeping._decide(referential, ambassadors=people[:1], parameters=housekeeping.NEW_CHARTER),
        matching._decide(referential, ambassadors=people[:1], journal=[sent_early],
                         requests=[matching._proposed("DEM-2026-00001", "AMB-00001")]),
        followup._decide(referential, datetime(2026, 11, 12, 18), people[:1], [followup._confirmed(status="Réalisée")],
                         parameters=staff + [{"Paramètre": "Absences avant suspension", "Valeur": "1"}],
                         feedback=[followup._opinion("DEMANDEUR", held="Non, ambassadeur absent", satisfaction="")]),
    ]
    plans.append(intake._decide(referential, parameters=staff + [{"Paramètre": "Tentatives maximales",
                                                                  "Valeur": "beaucoup"}]))
    return [email for plan in plans for email in plan.emails]


def test_every_template_is_used_and_renders(connectors, referential, forms):
    emails = _decided_emails(referential)
    used = {email.template for email in emails}
    existing = {path.name for path in TEMPLATES.iterdir() if path.is_dir()}
    missing = existing - used - {"demande_recue", "demande_incomplete", "inscription_recue", "inscription_incomplete",
                                 "bienvenue", "confirmation_ambassadeur", "confirmation_demandeur",
                                 "nouvelle_charte_relance", "proposition", "rapport_mensuel",
                                 "incident"}  # sent by the flows' failure hook: tests/flows/test_under_prefect.py
    assert missing == set()
    for email in emails:
        rendered = connectors.renderer.render(email, forms)
        assert rendered.subject and "\n" not in rendered.subject
        assert len(rendered.subject) <= 78, rendered.subject  # longer, and phones cut the reference off
        assert "{{" not in rendered.text + rendered.html and "<p>" not in rendered.text
        assert email.record_id in rendered.text or email.template == "mise_a_jour_inconnue"


@pytest.mark.parametrize("template", ["proposition_relance", "nouvelle_charte_relance"])
def test_reminders_read_as_reminders(connectors, forms, template):
    from orientest.core.plan import Email

    context = {"name": "Claire", "staff_email": "", "summary": [], "structure": "Collège", "token": "t",
               "expires": "mardi", "day": "lundi", "version": "2027"}
    rendered = connectors.renderer.render(Email("k", template, ("a@exemple.fr",), "X-1", context), forms)
    assert "Petit rappel : la " in rendered.text and "Petit rappel&nbsp;: la " in rendered.html


def test_subjects_put_the_reference_first_and_fit_a_phone_even_with_the_longest_values(connectors):
    longest = {"name": "Marie-Christine Dupont-Lefèvre", "staff_email": "", "summary": [], "token": "t",
               "structure": "Lycée polyvalent régional des métiers de l'automobile et du transport Jean-Baptiste",
               "day": "mercredi 30 septembre 2026", "days_left": 12, "start": "14 h 30",
               "ambassador_name": "Marie-Christine Dupont-Lefèvre de la Tour", "ambassador_id": "AMB-00042",
               "no_shows": 12, "reason": "", "expires": "mardi", "pistes": [], "decline_token": "t"}
    for name in ("autre_date", "confirmation_ambassadeur", "confirmation_demandeur", "escalade", "proposition",
                 "rappel_intervention", "suspension"):
        template = connectors.renderer.text.get_template(f"emails/{name}/sujet.txt")
        subject = " ".join(template.render(id="DEM-2026-00001", **longest).split())
        assert len(subject) <= 78 and subject.startswith(("DEM-2026-00001 – ", "AMB-00042 – ")), subject
