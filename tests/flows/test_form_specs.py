"""The forms as `orientest formulaires` writes them, answered the way Google Forms writes answers, read back by the
intake: every option offered is accepted, every value the flows work with is offered."""

import json
from datetime import date, datetime, timedelta

from typer.testing import CliRunner

from cli.main import app
from orientest import intake
from orientest.context import Context
from orientest.core.schema import TABS, Row, Table
from orientest.forms import options as labels
from orientest.forms.fields import FieldReader
from orientest.forms.questions import CHANGED_TITLE, CONSIDERING_TITLE, INFORMED_TITLE, NEXT_STEP_TITLE, form_columns
from orientest.reference.territory import DEPARTMENTS

runner = CliRunner()
SUBMITTED = datetime(2026, 10, 1, 10, 15)
SAMPLE_TEXTS = {  # what people type in the open questions that need a particular shape
    "Adresse e-mail": "personne{n}@exemple.fr",
    "Adresse de l'employeur pour l'attestation": "rh{n}@exemple.fr",
    "Téléphone": "06 12 34 56 7{d}",
    "Commune": "67000 Strasbourg",
    "Commune de rattachement": "57000 Metz",
    "Adresse du site (visites d'entreprise)": "12 rue de l'Industrie, 67240 Bischwiller",
    "Lien de la visio": "https://visio.exemple.fr/salle-{n}",
    "Code ROME du métier": "H2913",
    "Code UAI": "0671234A",
    "Durée (heures)": "1,5",
    "Heure de début": "14 h 30",
    "Jeton": "DEM-2026-0000{d}.AMB-00001.reponse.20261231.signature",
}
FIRST_CLASS_DAY = date(2026, 11, 16)  # after Toussaint and 11 November, weeks before Christmas: class days only
OTHER_ANSWER = "Maison familiale rurale"  # typed in a question's « Autre : » box


def _spec(tmp_path) -> dict:
    result = runner.invoke(app, ["formulaires", "--json", str(tmp_path / "formulaires.json")])
    assert result.exit_code == 0, result.output
    return {form["cle"]: form for form in json.loads((tmp_path / "formulaires.json").read_text())["formulaires"]}


def _answer(question: dict, n: int) -> str:
    """Answer `n` to `question`, as the form's response sheet shows it."""
    options, kind = question["options"], question["type"]
    if kind == "choix unique":
        return OTHER_ANSWER if question["autre"] and n == len(options) else options[n % len(options)]
    if kind in ("cases à cocher", "case à cocher obligatoire"):
        chosen = [options[n % len(options)], options[(n + 1) % len(options)]]
        chosen = [option for option in options if option in chosen]  # in the form's order, as Forms writes them
        return ", ".join(chosen + ([OTHER_ANSWER] if question["autre"] and n == 0 else []))
    if kind in ("nombre", "échelle"):
        return str(max(question["minimum"], 1) + n % (question["maximum"] - max(question["minimum"], 1) + 1))
    if kind == "date":
        day = FIRST_CLASS_DAY + timedelta(days=n)
        return f"{day + timedelta(days=1) if day.weekday() == 6 else day:%d/%m/%Y}"
    return SAMPLE_TEXTS.get(question["titre"], f"Réponse {n} à « {question['titre']} »").format(n=n, d=n % 10)


def _rows(form: dict) -> list[Row]:
    """Enough answers for every option of every question to be chosen at least once."""
    count = max(len(q["options"]) + q["autre"] for q in form["questions"])
    return [
        Row(
            n + 2,
            {"Horodatage": f"{SUBMITTED:%d/%m/%Y %H:%M:%S}", **{q["titre"]: _answer(q, n) for q in form["questions"]}},
        )
        for n in range(count)
    ]


def test_the_json_lists_each_forms_questions_as_its_tab_expects_them(tmp_path):
    forms = _spec(tmp_path)
    assert list(forms) == ["inscription", "demande", "reponse", "retour", "mise_a_jour", "participants", "rencontre"]
    for form in forms.values():
        assert tuple(q["titre"] for q in form["questions"]) == form_columns(TABS[form["onglet"]])
        assert all(
            set(q) == {"titre", "type", "obligatoire", "aide", "options", "autre", "minimum", "maximum", "pre_rempli"}
            for q in form["questions"]
        )
    assert sum(len(form["questions"]) for form in forms.values()) == 76
    assert forms["inscription"]["questions"][-2]["options"] == [labels.CHARTER_ACCEPTANCE]


def test_every_option_of_every_form_answered_as_google_writes_it_goes_through_intake_without_anomaly(
    tmp_path, referential
):
    forms = _spec(tmp_path)
    snapshot = {name: Table(TABS[name], (), TABS[name].titles()) for name in intake.TABS}
    snapshot["Ambassadeurs"] = Table(
        TABS["Ambassadeurs"], tuple(_rows(forms["inscription"])), TABS["Ambassadeurs"].titles()
    )
    snapshot["Demandes"] = Table(TABS["Demandes"], tuple(_rows(forms["demande"])), TABS["Demandes"].titles())
    plan = intake.decide(snapshot, Context(SUBMITTED + timedelta(minutes=5), referential))
    signups, requests = len(snapshot["Ambassadeurs"].rows), len(snapshot["Demandes"].rows)
    assert signups >= 14 and requests >= 14  # the longest lists: the 14 ROME domains
    assert [(u.values["Statut"], u.values["Anomalies"]) for u in plan.updates] == (
        [("À valider", "")] * signups + [("En recherche", "")] * requests
    )


def test_every_option_of_the_other_forms_is_read_as_the_flows_read_it(tmp_path, referential):
    forms = _spec(tmp_path)
    readers = {
        "choix unique": FieldReader.one,
        "cases à cocher": FieldReader.many,
        "date": FieldReader.date,
        "nombre": FieldReader.integer,
        "échelle": FieldReader.integer,
        "texte court": FieldReader.text,
        "paragraphe": FieldReader.text,
    }
    for key in ("reponse", "retour", "mise_a_jour", "participants", "rencontre"):
        for row in _rows(forms[key]):
            read = FieldReader(row, referential.forms[key])
            values = {q["titre"]: readers[q["type"]](read, q["titre"]) for q in forms[key]["questions"]}
            assert read.anomalies == [], (key, row.values)
            for question in forms[key]["questions"]:
                if question["options"]:
                    chosen = values[question["titre"]]
                    chosen = chosen if isinstance(chosen, tuple) else (chosen,)
                    read_as = {
                        "Autre" if value.startswith("Autre : ") and question["autre"] else value for value in chosen
                    }
                    assert read_as <= set(question["options"]) | ({"Autre"} if question["autre"] else set())


def test_every_value_the_flows_work_with_is_offered_by_a_form_and_nothing_else(tmp_path, referential):
    forms = _spec(tmp_path)
    offered = {
        (form["cle"], q["titre"]): set(q["options"]) | ({"Autre"} if q["autre"] else set())
        for form in forms.values()
        for q in form["questions"]
        if q["options"]
    }
    domains = set(referential.sectors.domain_labels)
    known = {
        ("inscription", "Vous êtes"): labels.PERSON_KINDS,
        ("inscription", "Secteurs"): domains,
        ("inscription", "Profil"): labels.PROFILES,
        ("inscription", "Thématiques transversales"): labels.THEMES,
        ("inscription", "Publics"): labels.PUBLICS,
        ("inscription", "Types d'intervention"): labels.INTERVENTION_TYPES,
        ("inscription", "Zone d'intervention"): labels.ZONES,
        ("inscription", "Départements"): {f"{code} - {name}" for code, name in DEPARTMENTS.items()},
        ("inscription", "Jours de disponibilité"): labels.WEEKDAYS,
        ("inscription", "Interventions à distance"): (labels.YES, labels.NO),
        ("inscription", "Employeur informé"): (labels.YES, labels.NOT_APPLICABLE),
        ("inscription", "Charte"): (labels.CHARTER_ACCEPTANCE,),
        ("inscription", "Consentement"): (labels.DATA_CONSENT,),
        ("demande", "Type de structure"): labels.STRUCTURE_TYPES,
        ("demande", "Public"): labels.PUBLICS,
        ("demande", "Secteurs souhaités"): domains,
        ("demande", "Thématique souhaitée"): labels.THEMES,
        ("demande", "Type d'intervention"): labels.INTERVENTION_TYPES,
        ("demande", "Modalité"): labels.MODALITIES,
        ("demande", "Créneau"): labels.SLOTS,
        ("reponse", "Réponse"): labels.ANSWERS,
        ("retour", "L'intervention a eu lieu"): labels.HELD_ANSWERS,
        ("retour", "Intentions de formation"): labels.TRAINING_INTENTIONS,
        ("retour", "Transmettre votre avis à l'ambassadeur"): (labels.YES, labels.NO),
        ("retour", "Le réseau peut citer cette intervention"): (labels.YES, labels.NO),
        ("mise_a_jour", "Objet"): labels.UPDATE_SUBJECTS,
        ("participants", INFORMED_TITLE): labels.INFORMED_ANSWERS,
        ("participants", CONSIDERING_TITLE): (labels.YES, labels.MAYBE, labels.NO),
        ("participants", CHANGED_TITLE): (labels.YES, labels.NO),
        ("participants", NEXT_STEP_TITLE): labels.NEXT_STEPS,
        ("rencontre", "Inscription"): (labels.REGISTER, labels.DECLINE, labels.WITHDRAW),
    }
    assert offered == {question: set(values) for question, values in known.items()}


def test_printable_pages_show_every_question_with_its_options(tmp_path):
    result = runner.invoke(app, ["formulaires", "--html", str(tmp_path / "pages")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == [
        "demande.html",
        "index.html",
        "inscription.html",
        "mise_a_jour.html",
        "participants.html",
        "rencontre.html",
        "reponse.html",
        "retour.html",
    ]
    page = (tmp_path / "pages" / "inscription.html").read_text()
    assert "Nombre maximal d&#39;interventions par an" in page and "de 1 à 100" in page
    assert "J&#39;ai lu la charte et je m&#39;engage à la respecter" in page
    assert (
        "Autre : <em>(réponse libre)</em>" in page
        and "Demander une intervention" in (tmp_path / "pages" / "index.html").read_text()
    )
