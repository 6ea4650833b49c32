"""Every e-mail the domain decides renders through the real templates: text without markup, HTML escaped."""

import mailbox
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
import vobject

from connectors.mail import PARIS, Rendered, compose
from connectors.pdf import attestation_pdf
from connectors.wiring import connect
from orientest import reporting
from orientest.context import Context
from orientest.core.email_factory import email
from orientest.core.parameters import Parameters
from orientest.core.plan import Email, Link
from orientest.core.schema import AMBASSADORS, TABS
from orientest.forms.questions import EMPLOYER_COPY
from tests.calendar_clients import MISSING, calendar_parts, icaljs_available, read_with_icaljs
from tests.conftest import local_settings
from tests.factories import active_ambassador, ambassador_answers, open_request, request_answers
from tests.french import french_problems
from tests.programs import installed
from tests.unit import test_event_decisions as events
from tests.unit import test_followup_decisions as followup
from tests.unit import test_housekeeping_decisions as housekeeping
from tests.unit import test_intake_decisions as intake
from tests.unit import test_matching_decisions as matching
from tests.unit import test_replies_decisions as replies
from tests.unit import test_several_places as forums
from tests.unit import test_venues as venues

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "emails"
PROTOCOL = "https://www.grandest.fr/orientest/protocole-intervention.pdf?version=2026&format=pdf"
ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artefacts" / "e-mails"


def _decided_emails(referential):
    """One plan per situation, between them every template there is, each rendered from data as the flows read it."""
    people = [active_ambassador("AMB-00001"), active_ambassador("AMB-00002")]
    staff = [
        {"Paramètre": "Adresse de l'équipe", "Valeur": "equipe@exemple.fr"},
        {"Paramètre": "Adresse du protocole d'intervention", "Valeur": PROTOCOL},
    ]
    charter = [
        {"Paramètre": "Adresse de la charte", "Valeur": "https://www.grandest.fr/orientest/charte-2027.pdf"},
        {"Paramètre": "Ce qui change dans la charte", "Valeur": "le §3 précise le déroulé des visites d'entreprise."},
    ]
    sent_early = matching._sent("DEM-2026-00001", "AMB-00001", at=datetime(2026, 10, 1, 18))
    accepted = [matching._sent("DEM-2026-00001", "AMB-00001", state="Acceptée")]
    welcomed = intake._processed(ambassador_answers(), AMBASSADORS, "AMB-00005", "Actif")
    charter_asked = {
        "Date": "04/01/2027 03:00",
        "Clé d'idempotence": "nouvelle_charte:CHARTE-2027:AMB-00001",
        "Résultat": "envoyé",
    }
    told = {"Message": "Salle B12, accès par la cour ; un vidéoprojecteur est prévu."}
    plans = [
        matching._decide(referential, ambassadors=people, requests=[open_request("DEM-2026-00001", told)]),
        matching._decide(
            referential,
            ambassadors=people,
            requests=[matching._proposed("DEM-2026-00001", "AMB-00001")],
            journal=[sent_early, matching._sent("DEM-2026-00001", "AMB-00002")],
            answers=[matching._answer("DEM-2026-00001", "AMB-00002")],
            parameters=staff,
        ),
        matching._decide(
            referential,
            ambassadors=people,
            requests=[matching._proposed("DEM-2026-00001", "AMB-00001")],
            journal=[matching._sent("DEM-2026-00001", "AMB-00001")],
            parameters=staff,
            answers=[
                matching._answer(
                    "DEM-2026-00001",
                    "AMB-00001",
                    "Je propose une autre date",
                    **{"Date proposée": "17/11/2026", "Commentaire": "Le matin si possible."},
                )
            ],
        ),
        matching._decide(
            referential,
            ambassadors=people,
            requests=[matching._proposed("DEM-2026-00001", "AMB-00001")],
            journal=[matching._sent("DEM-2026-00001", "AMB-00001")],
            parameters=staff,
            answers=[
                matching._answer(
                    "DEM-2026-00001",
                    "AMB-00001",
                    "Je ne suis pas disponible",
                    Commentaire="Je ne peux pas, mais ma collègue Julie Roth pourrait me remplacer.",
                )
            ],
        ),
        matching._decide(
            referential,
            matching.A_WEEK_LATER,
            ambassadors=people[:1],
            parameters=staff,
            requests=[
                open_request(
                    "DEM-2026-00001", {"Secteurs souhaités": "Installation et Maintenance", "Thématique souhaitée": ""}
                )
            ],
        ),
        matching._decide(
            referential,
            matching.A_WEEK_LATER,
            parameters=staff,
            ambassadors=[active_ambassador("AMB-00001", {"Publics": "Étudiants"})],
            requests=[open_request("DEM-2026-00001")],
        ),
        matching._decide(referential, requests=[open_request("DEM-2026-00001")], parameters=staff),
        matching._decide(
            referential,
            datetime(2026, 10, 21, 18),
            ambassadors=people[:1],
            parameters=staff,
            requests=[{**open_request("DEM-2026-00001"), "Statut": "Pistes proposées"}],
            journal=[
                {
                    "Date": "18/10/2026 18:00",
                    "Flux": "matching",
                    "Référence": "DEM-2026-00001",
                    "Action": "pistes proposées",
                    "Détail": "date-20261112 distance secteur-J type-1",
                }
            ],
        ),
        matching._decide(
            referential,
            ambassadors=people,
            parameters=staff,
            requests=[{**matching._proposed("DEM-2026-00001", "AMB-00001"), "Action": "Annuler"}],
            journal=[matching._sent("DEM-2026-00001", "AMB-00001")],
        ),
        matching._decide(
            referential, ambassadors=people, requests=[matching._confirmed()], answers=[matching._cancel("AMB-00001")]
        ),
        matching._decide(
            referential, ambassadors=people, requests=[matching._confirmed()], answers=[matching._cancel("DEMANDEUR")]
        ),
        matching._decide(
            referential, ambassadors=people, requests=[matching._confirmed(day="17/11/2026")], journal=accepted
        ),
        matching._decide(
            referential,
            datetime(2026, 11, 10, 7, 30),
            ambassadors=people,
            journal=accepted,
            requests=[
                {**matching._confirmed(ambassador_id="AMB-00001, AMB-00002"), "Nombre d'ambassadeurs souhaités": "2"}
            ],
            answers=[matching._cancel("AMB-00002")],
        ),  # a forum goes on without one of them
        matching._decide(
            referential,
            ambassadors=people[:1],
            journal=[sent_early],
            requests=[matching._proposed("DEM-2026-00001", "AMB-00001")],
        ),
        matching._decide(
            referential,
            ambassadors=[venues._host()],
            requests=[{**matching._proposed("DEM-2026-00001", "AMB-00001"), **venues.VISIT}],
            journal=[matching._sent("DEM-2026-00001", "AMB-00001")],
            answers=[matching._answer("DEM-2026-00001", "AMB-00001")],
        ),  # a company visit, at the host's site
        matching._decide(
            referential,
            ambassadors=people[:1],
            requests=[{**matching._confirmed(), **venues.REMOTE, "Lien de la visio": venues.LINK}],
            journal=[matching._sent("DEM-2026-00001", "AMB-00001"), venues._accepted()],
        ),  # staff give the remote session's link after the confirmation
        matching._decide(
            referential,
            ambassadors=forums._people(forums.INDUSTRY, forums.HEALTH),
            requests=[
                forums._forum(
                    "Partiellement pourvue",
                    **{
                        "Ambassadeur": "AMB-00001",
                        "Date confirmée": "10/11/2026",
                        "Proposée à": "AMB-00002",
                        "Nombre d'ambassadeurs souhaités": "2",
                    },
                )
            ],
            journal=[
                matching._sent("DEM-2026-00001", "AMB-00002"),
                {**matching._sent("DEM-2026-00001", "AMB-00001", state="Acceptée"), "Données": forums.WORDS},
            ],
            answers=[matching._answer("DEM-2026-00001", "AMB-00002")],
        ),  # a forum's last place taken: its requester hears once, about everyone
        followup._decide(referential, datetime(2026, 11, 3, 7), people[:1], [followup._confirmed()]),
        followup._decide(referential, datetime(2026, 11, 11, 7), people[:1], [followup._confirmed()]),
        followup._decide(
            referential,
            datetime(2026, 10, 5, 18),
            people[:1],
            updates=[
                followup._update("Téléphone : 07 61 23 45 67"),
                followup._update("", address="x@exemple.fr"),
                followup._update("", subject="Pause", until="30/10/2026"),
            ],
        ),
        followup._decide(
            referential,
            datetime(2026, 10, 5, 18),
            people[:1],
            [followup._confirmed()],
            updates=[followup._update("", subject="Quitter le réseau")],
        ),
        followup._decide(
            referential,
            datetime(2026, 11, 12, 18),
            people[:1],
            [followup._confirmed(status="Réalisée")],
            parameters=staff + [{"Paramètre": "Absences avant suspension", "Valeur": "1"}],
            feedback=[followup._opinion("DEMANDEUR", held="Non, ambassadeur absent", satisfaction="")],
        ),
        followup._decide(
            referential,
            datetime(2026, 11, 12, 18),
            people[:1],
            [followup._confirmed(status="Réalisée")],
            feedback=[followup._opinion("DEMANDEUR", Commentaire=followup.PRAISE, **{followup.PASS_ON: "Oui"})],
        ),  # the requester says it took place, and agrees to pass their words on
        events._decide(
            referential,
            events.BEFORE,
            [events._event(**{"Inscrits": "AMB-00001, AMB-00002, AMB-00003", "Liste d'attente": "AMB-00004"})],
            registrations=[events._registration("AMB-00005"), events._registration("AMB-00002", "Je me désinscris")],
        ),  # invited, on the waiting list, a seat given back and the first in line seated
        events._decide(referential, datetime(2027, 1, 13, 7, 30), [events._event(**{"Inscrits": "AMB-00001"})]),
        events._decide(referential, datetime(2027, 1, 15, 7, 30), [events._event(**{"Inscrits": "AMB-00001"})]),
        housekeeping._decide(referential, ambassadors=people[:1], parameters=housekeeping.NEW_CHARTER + charter),
        housekeeping._decide(
            referential,
            housekeeping.JULY,
            ambassadors=[{**people[0], EMPLOYER_COPY: "rh@usinage-rhenan.fr"}],
            parameters=staff,
            requests=[housekeeping._held("DEM-2027-00001", "AMB-00001", "12/11/2026")],
        ),  # the school year's attestation, and the copy its ambassador asked for their employer
        housekeeping._decide(
            referential,
            datetime(2027, 1, 18, 3),
            ambassadors=people[:1],
            parameters=housekeeping.NEW_CHARTER,
            journal=[charter_asked],
        ),
        intake._decide(referential, parameters=[*staff, {"Paramètre": "Tentatives maximales", "Valeur": "beaucoup"}]),
        intake._decide(
            referential,
            requests=[
                request_answers(),
                request_answers({"Commune": "", "Public": "", "Horodatage": "02/10/2026 10:00"}),
            ],
            ambassadors=[ambassador_answers(), ambassador_answers({"Publics": "", "Horodatage": "x"})],
        ),
        intake._decide(
            referential,
            ambassadors=[welcomed],
            parameters=staff + charter,
            journal=[{"Clé d'idempotence": "inscription_recue:AMB-00005", "Résultat": "envoyé"}],
        ),
        reporting.decide(_report_snapshot(), Context(datetime(2026, 12, 1, 6), referential)),
        replies._decide(replies._reply("Je dois voir avec mon employeur : à quelle heure commencerait la séance ?")),
        replies._decide(
            replies._keyless(),
            replies._keyless(
                "Bonjour,\nje souhaite devenir ambassadeur, comment faire ?\nMerci", "k2", "paul.durand@exemple.fr"
            ),
            replies.Incoming(
                "p1",
                ("claire.martin@exemple.fr",),
                (),
                "Re: Proposition",
                None,
                "",
                {},
                (),
                problem="jeu de caractères inconnu « unknown-8bit »",
            ),
            replies._reply("Oui", senders=("pirate@ailleurs.fr",), identity="f1"),
        ),
    ]
    documents = [document for plan in plans for document in plan.documents]
    return [email for plan in plans for email in plan.emails] + _incidents(), documents


def _report_snapshot():
    tabs = {
        "Ambassadeurs": [active_ambassador("AMB-00001")],
        "Demandes": [{**matching._confirmed(), "Statut": "Réalisée"}],
        "Paramètres": [{"Paramètre": "Adresse de l'équipe", "Valeur": "equipe@exemple.fr"}],
    }
    return {tab.name: matching._table(tab, tabs.get(tab.name, [])) for tab in TABS.values()}


def _incidents():
    """The alerts of the flows' failure hook (flows/incidents.py), failing then working again."""
    common = {
        "flow": "matching",
        "purpose": "Réponses, relances et propositions aux ambassadeurs",
        "at": "07/10/2026 à 18 h 05",
        "staff_email": "",
    }
    failing = {
        **common,
        "resolved": False,
        "problem": "Le classeur est introuvable : l'adresse a-t-elle changé ?",
        "advice": "Vérifiez ORIENTEST_SPREADSHEET dans la configuration du serveur.",
    }
    return [
        email(Parameters(), "incident", "equipe@exemple.fr", "matching (run-1)", failing, "matching", "run-1"),
        email(
            Parameters(),
            "incident",
            "equipe@exemple.fr",
            "matching (run-2)",
            {**common, "resolved": True},
            "matching",
            "run-2",
        ),
    ]


@dataclass(frozen=True)
class Shown:
    """An e-mail decided, as rendered, and as the message the mail server gets."""

    email: Email
    rendered: Rendered
    message: EmailMessage


@pytest.fixture(scope="module")
def gallery(referential, forms, tmp_path_factory) -> list[Shown]:
    """Every e-mail decided above, rendered and composed, kept for a human reader in var/test-artefacts/e-mails/."""
    settings = local_settings(tmp_path_factory.mktemp("galerie"))
    renderer = connect(settings).renderer
    decided, documents = _decided_emails(referential)
    files = {document.name: renderer.file(document) for document in documents}
    shutil.rmtree(ARTEFACTS, ignore_errors=True)
    ARTEFACTS.mkdir(parents=True)
    shown = []
    for n, one in enumerate(decided):
        rendered = renderer.render(one, forms)
        message = compose(one, rendered, settings.from_address, datetime(2026, 10, 5, 18, tzinfo=PARIS), files)
        (ARTEFACTS / f"{one.template}-{n:02d}.txt").write_text(
            f"Objet : {rendered.subject}\n\n{rendered.text}", encoding="utf-8"
        )
        (ARTEFACTS / f"{one.template}-{n:02d}.eml").write_bytes(message.as_bytes())
        shown.append(Shown(one, rendered, message))
    return shown


def test_every_template_is_rendered_from_realistic_data(gallery):
    assert {shown.email.template for shown in gallery} == {path.name for path in TEMPLATES.iterdir() if path.is_dir()}
    for shown in gallery:
        subject, text, html = shown.rendered.subject, shown.rendered.text, shown.rendered.html
        assert subject and "\n" not in subject
        assert len(subject) <= 78, subject  # longer, and phones cut the reference off
        assert "{{" not in text + html and "<p>" not in text
        assert not re.search(r"\S- [A-ZÀ-Ý]", text), text  # a line ending in a tag lost its line break
        assert shown.email.record_id in text or shown.email.template in (
            "mise_a_jour_inconnue",
            "incident",
            "rapport_mensuel",
        )


def test_every_email_is_written_the_french_way(gallery):
    problems = {
        f"{shown.email.template} : {problem}"
        for shown in gallery
        for problem in french_problems(f"{shown.rendered.subject}\n{shown.rendered.text}")
    }
    assert sorted(problems) == []


def test_every_invitation_reads_the_same_in_a_second_parser(gallery):
    invitations = [
        (shown, part)
        for shown in gallery
        for part in shown.message.walk()
        if part.get_content_type() == "text/calendar"
    ]
    assert {shown.email.template for shown, _ in invitations} >= {
        "confirmation_ambassadeur",
        "nouvelle_date",
        "annulation",
        "desistement",
        "depart_confirme",
    }
    for shown, part in invitations:
        calendar = vobject.readOne(part.get_content())
        method = "CANCEL" if shown.email.invitations[0].cancelled else "REQUEST"
        assert (part.get_param("method"), calendar.method.value) == (method, method)
        assert calendar.vtimezone.tzid.value == "Europe/Paris"
        assert [e.uid.value for e in calendar.vevent_list] == [i.uid for i in shown.email.invitations]
        assert all(e.dtstart.value.utcoffset() is not None for e in calendar.vevent_list)  # never floating


def test_every_invitation_lands_in_thunderbird_at_the_day_and_hour_its_email_says(gallery):
    if not icaljs_available():
        pytest.fail(MISSING) if os.environ.get("CI") else pytest.skip(MISSING)
    with_events = [shown for shown in gallery if calendar_parts(shown.message)]
    read = read_with_icaljs([part for shown in with_events for part in calendar_parts(shown.message)])
    seen = iter(read)
    checked = 0
    for shown in with_events:
        for _ in calendar_parts(shown.message):
            events = next(seen)
            decided = {f"{i.uid}": (i.start, i.end) for i in shown.email.invitations}
            assert {e.uid: (e.start, e.end) for e in events} == decided, shown.email.template
            requested = [e for e in events if e.method == "REQUEST"]
            assert all(e.said_in(shown.rendered.text) for e in requested), shown.email.template
            checked += len(requested)
    assert checked >= 5


def test_spamassassin_scores_every_email_well_below_its_threshold(gallery, tmp_path):
    """Its local rules only (-L: no network here), every message of the gallery in one run (--mbox)."""
    spamassassin = installed(("spamassassin",), "spamassassin")
    box = mailbox.mbox(tmp_path / "galerie.mbox")
    for shown in gallery:
        box.add(mailbox.mboxMessage(shown.message.as_bytes()))
    box.flush()
    with open(tmp_path / "galerie.mbox", "rb") as messages:
        checked = subprocess.run(
            [spamassassin, "-L", "-t", "--mbox"], stdin=messages, capture_output=True, timeout=300, check=True
        ).stdout.decode(errors="replace")
    verdicts = re.findall(r"^X-Spam-Status: \w+, score=(-?[\d.]+) .*?tests=(.*?)\s+autolearn", checked, re.M | re.S)
    assert len(verdicts) == len(gallery)
    scores = {
        shown.email.template: (float(score), " ".join(tests.split()))
        for shown, (score, tests) in zip(gallery, verdicts, strict=True)
    }
    assert {template: verdict for template, verdict in scores.items() if verdict[0] >= 2} == {}


def test_resources_are_listed_under_the_text_as_links_a_phone_can_open(gallery, forms, connectors):
    confirmation = next(shown.email for shown in gallery if shown.email.template == "confirmation_ambassadeur")
    kit = (Link("Kit de l'ambassadeur", "https://www.grandest.fr/kit.pdf"), Link("Protocole & consignes", PROTOCOL))
    rendered = connectors.renderer.render(replace(confirmation, resources=kit), forms)
    listed = rendered.text.split("Ressources utiles :\n", 1)[1].split("\n--\n", 1)[0]
    assert listed == f"- Kit de l'ambassadeur : https://www.grandest.fr/kit.pdf\n- Protocole & consignes : {PROTOCOL}\n"
    href = PROTOCOL.replace("&", "&amp;")
    assert f'<a href="{href}" style="color:#0b5394;">Protocole &amp; consignes</a>' in rendered.html
    assert french_problems(rendered.text) == []
    bare = connectors.renderer.render(confirmation, forms)
    assert "Ressources utiles" not in bare.text + bare.html


def test_the_attestation_is_attached_as_a_pdf_and_a_page_that_read_the_same(gallery, referential, connectors):
    (shown,) = [shown for shown in gallery if shown.email.template == "attestation"]
    pdf, attached = shown.message.iter_attachments()
    assert (pdf.get_filename(), pdf.get_content_type()) == ("attestation-2026-2027-AMB-00001.pdf", "application/pdf")
    (ARTEFACTS / pdf.get_filename()).write_bytes(pdf.get_content())
    if pdftotext := shutil.which("pdftotext"):  # poppler, as .ci/run installs it: what a PDF reader shows
        shown_text = subprocess.run(
            [pdftotext, "-layout", str(ARTEFACTS / pdf.get_filename()), "-"], capture_output=True, text=True
        ).stdout
        words = " ".join(shown_text.split())
        assert "La Région Grand Est atteste que Claire Nom00001" in words
        assert "jeudi 12 novembre 2026" in words and "Collège Pasteur" in words
        assert "Attestation d'intervention, année scolaire 2026-2027" in words
    assert attached.get_filename() == "attestation-2026-2027-AMB-00001.html"
    assert "une copie en PDF est envoyée à rh@usinage-rhenan.fr" in shown.rendered.text
    (copy,) = [shown for shown in gallery if shown.email.template == "attestation_employeur"]
    (only,) = copy.message.iter_attachments()
    assert copy.email.to == ("rh@usinage-rhenan.fr",) and only.get_content() == pdf.get_content()
    page = attached.get_content()
    assert "La Région Grand Est atteste que <strong>Claire Nom00001</strong>" in page
    assert "jeudi 12 novembre 2026" in page and "Collège Pasteur" in page
    (ARTEFACTS / attached.get_filename()).write_text(page, encoding="utf-8")  # looked at in Chromium, 390 px and A4
    assert french_problems(shown.rendered.text) == []


def test_the_charter_request_links_the_text_to_accept_and_says_what_changed_else_offers_to_send_it(gallery):
    texts = {shown.email.template: shown.rendered.text for shown in gallery}
    asked, reminded = texts["nouvelle_charte"], texts["nouvelle_charte_relance"]
    assert "Ce qui change : le §3 précise le déroulé des visites d'entreprise." in asked
    assert "Lire la charte 2027 : https://www.grandest.fr/orientest/charte-2027.pdf" in asked
    assert "Lire la charte" not in reminded  # that workbook has no « Adresse de la charte »
    assert "Pour la lire avant de l'accepter, répondez simplement à cet e-mail : l'équipe vous l'envoie." in reminded
    assert "La charte, à garder sous la main : https://www.grandest.fr/orientest/charte-2027.pdf" in texts["bienvenue"]
    confirmations = [shown.rendered.text for shown in gallery if shown.email.template == "confirmation_ambassadeur"]
    assert any(f"protocole d'intervention en établissement scolaire : {PROTOCOL}" in text for text in confirmations)


@pytest.mark.parametrize("template", ["proposition_relance", "nouvelle_charte_relance"])
def test_reminders_read_as_reminders(connectors, forms, template):
    context = {
        "name": "Claire",
        "staff_email": "",
        "summary": [],
        "structure": "Collège",
        "token": "t",
        "expires": "mardi",
        "day": "lundi",
        "closed": "",
        "version": "2027",
        "charter_url": "",
        "changes": "",
        "places": 1,
        "message": "",
    }
    rendered = connectors.renderer.render(Email("k", template, ("a@exemple.fr",), "X-1", context), forms)
    assert "Petit rappel : la " in rendered.text and "Petit rappel&nbsp;: la " in rendered.html


def test_subjects_put_the_reference_first_and_fit_a_phone_even_with_the_longest_values(connectors):
    longest = {
        "name": "Marie-Christine Dupont-Lefèvre",
        "staff_email": "",
        "summary": [],
        "token": "t",
        "structure": "Lycée polyvalent régional des métiers de l'automobile et du transport Jean-Baptiste",
        "day": "mercredi 30 septembre 2026",
        "days_left": 12,
        "start": "14 h 30",
        "hour_given": True,
        "ambassador_name": "Marie-Christine Dupont-Lefèvre de la Tour",
        "ambassador_id": "AMB-00042",
        "no_shows": 12,
        "reason": "",
        "expires": "mardi",
        "pistes": [],
        "decline_token": "t",
    }
    for name in (
        "autre_date",
        "confirmation_ambassadeur",
        "confirmation_demandeur",
        "escalade",
        "proposition",
        "rappel_intervention",
        "suspension",
    ):
        template = connectors.renderer.text.get_template(f"emails/{name}/sujet.txt")
        subject = " ".join(template.render(id="DEM-2026-00001", **longest).split())
        assert len(subject) <= 78 and subject.startswith(("DEM-2026-00001 – ", "AMB-00042 – ")), subject


def test_proposals_say_they_may_be_answered_by_reply_only_when_replies_are_read(tmp_path, referential, forms):
    proposal = next(e for e in _decided_emails(referential)[0] if e.template == "proposition")
    said = "Vous pouvez aussi répondre simplement à cet e-mail"
    off = connect(local_settings(tmp_path)).renderer.render(proposal, forms)
    on = connect(local_settings(tmp_path, reply_address="reseau@exemple.fr", imap_host="imap.exemple.fr")).renderer
    assert said not in off.text and said in on.render(proposal, forms).text


@pytest.mark.parametrize(
    "closed_days, said",
    [
        (
            ["le mercredi 11 novembre 2026 (Armistice, jour férié)"],
            "À noter : pas de classe le mercredi 11 novembre 2026 (Armistice, jour férié). Nous cherchons tout de "
            "même à cette date, comme vous l'avez demandé ; si ce n'est pas la bonne, répondez",
        ),
        (
            ["le mardi 2 mars 2027 (Vacances d'hiver, zone B)", "le mardi 9 mars 2027 (Vacances d'hiver, zone B)"],
            "pas de classe le mardi 2 mars 2027 (Vacances d'hiver, zone B) ni le mardi 9 mars 2027 (Vacances "
            "d'hiver, zone B). Nous cherchons tout de même à ces dates",
        ),
        ([], ""),
    ],
)
def test_the_acknowledgement_tells_the_requester_a_day_without_class_in_one_sentence(
    connectors, forms, closed_days, said
):
    context = {"id": "DEM-2026-00001", "name": "Julien", "staff_email": "", "summary": [], "closed_days": closed_days}
    rendered = connectors.renderer.render(
        Email("k", "demande_recue", ("a@exemple.fr",), "DEM-2026-00001", context), forms
    )
    assert (said in rendered.text) if said else ("À noter" not in rendered.text)
    assert ("pas de classe" in rendered.html) == bool(closed_days)


def test_the_attestation_pdf_draws_every_european_name_and_the_nearest_letter_never_a_square():
    """Bitstream Vera, embedded: Polish and Turkish letters as written; a Vietnamese « ễ » as « ê » (the HTML page
    beside it keeps it), never the black square of a standard font."""
    pdftotext = installed(("pdftotext",), "poppler-utils")
    given = {"day": "jeudi 12 novembre 2026", "structure": "Lycée « Œuvre »", "commune": "Metz", "public": "Lycéens"}
    context = {
        "school_year": "2026-2027",
        "name": "Łukasz Ğül Nguyễn",
        "job": "Soudeuse",
        "structure": "",
        "interventions": [{**given, "kind": "Forum des métiers", "participants": 30}],
        "participants": 30,
    }
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / "attestation-noms.pdf"
    path.write_bytes(attestation_pdf(context))
    shown = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True).stdout
    assert "Łukasz Ğül Nguyên" in shown and "« Œuvre »" in shown and "■" not in shown
