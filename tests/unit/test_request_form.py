from datetime import date
from decimal import Decimal

import pytest

from orientest.requests.reading import read_request
from tests.factories import request_answers, row


def _read(referential, changes):
    request, anomalies = read_request(row(request_answers(changes)), referential)
    return request, [str(anomaly) for anomaly in anomalies]


def test_complete_request_is_read(referential):
    request, anomalies = _read(referential, {"Durée (heures)": "1,5"})
    assert anomalies == []
    assert request.wished_date == date(2026, 11, 10)
    assert request.duration_hours == Decimal("1.5")
    assert request.participants == 28
    assert request.uai == "0671234A"
    assert request.commune.name == "Strasbourg" and not request.remote


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"Adresse e-mail": "cdi@@exemple.fr"}, "Adresse e-mail : « cdi@@exemple.fr » n'est pas une adresse e-mail"),
        ({"Nom du contact": ""}, "Nom du contact : à renseigner"),
        ({"Nom de la structure": "Collège\r\nBcc: x@y.fr"}, "Nom de la structure : sur une seule ligne"),
        ({"Type de structure": ""}, "Type de structure : à renseigner"),
        ({"Code UAI": "67-123"}, "Code UAI : « 67-123 » : 7 chiffres et une lettre sont attendus"),
        ({"Commune": "75011 Paris"}, "Commune : commune hors du Grand Est : une intervention en présentiel"),
        ({"Commune": "Strasbourgg"}, "Commune : commune inconnue en Grand Est ; vouliez-vous dire : Strasbourg (67) ?"),
        ({"Commune": "Attigny"}, "Commune : plusieurs communes possibles : Attigny (08), Attigny (88)"),
        ({"Public": ""}, "Public : au moins une réponse parmi"),
        ({"Nombre de participants": "une trentaine"}, "Nombre de participants : « une trentaine » : un nombre entier"),
        ({"Nombre de participants": ""}, "Nombre de participants : à renseigner"),
        ({"Secteurs souhaités": "", "Thématique souhaitée": ""}, "Secteurs souhaités : choisissez au moins un secteur"),
        ({"Type d'intervention": ""}, "Type d'intervention : au moins une réponse parmi"),
        ({"Modalité": ""}, "Modalité : à renseigner"),
        ({"Date souhaitée": "la semaine prochaine"}, "Date souhaitée : « la semaine prochaine » n'est pas une date"),
        ({"Date souhaitée": "01/09/2026"}, "Date souhaitée : le 01/09/2026 est déjà passé"),
        ({"Date souhaitée": "08/11/2026"}, "Date souhaitée : le 08/11/2026 est un dimanche"),
        ({"Date alternative": "31/02/2027"}, "Date alternative : « 31/02/2027 » : le 31 février 2027 n'existe pas"),
        ({"Date alternative": "l'an prochain"}, "Date alternative : « l'an prochain » n'est pas une date lisible"),
        ({"Créneau": "Soir"}, "Créneau : « Soir » n'est pas une réponse possible"),
        ({"Durée (heures)": "une matinée"}, "Durée (heures) : « une matinée » : une durée entre 0,5 et 8 heures"),
        ({"Message": "m" * 6000}, "Message : trop long (6000 caractères, 5000 au plus)"),
    ],
)
def test_each_problem_is_named_in_plain_french(referential, changes, expected):
    request, anomalies = _read(referential, changes)
    assert request is None
    assert any(anomaly.startswith(expected) for anomaly in anomalies), anomalies


def test_remote_request_accepts_a_commune_outside_grand_est(referential):
    request, anomalies = _read(referential, {"Modalité": "À distance", "Commune": "75011 Paris"})
    assert anomalies == [] and request.remote and request.commune is None


def test_a_theme_alone_is_enough(referential):
    request, anomalies = _read(referential, {"Secteurs souhaités": "", "Thématique souhaitée": "Égalité F/H"})
    assert anomalies == [] and request.themes == ("Égalité F/H",)


def test_html_and_formulas_typed_in_a_request_are_kept_as_text(referential):
    request, anomalies = _read(referential, {"Message": "<b>Urgent</b>", "Nom de la structure": '=HYPERLINK("x")'})
    assert anomalies == []
    assert request.message == "<b>Urgent</b>" and request.structure == '=HYPERLINK("x")'


def test_a_job_family_can_be_named_by_its_rome_code(referential):
    request, anomalies = _read(referential, {"Secteurs souhaités": "H29, Santé"})
    assert anomalies == []
    assert request.subdomains == ("H29",) and request.sectors == ("Industrie", "Santé")


def test_a_start_hour_reads_as_people_and_google_forms_write_it(referential):
    from orientest.requests.reading import read_request
    from tests.factories import request_answers, row

    def start(text):
        request, anomalies = read_request(row(request_answers({"Heure de début": text})), referential)
        return (request.start_time.strftime("%H:%M") if request and request.start_time else None), [
            str(a) for a in anomalies
        ]

    assert start("14 h 30") == start("14h30") == start("14:30:00") == ("14:30", [])
    assert start("9h") == ("09:00", []) and start("") == (None, [])
    assert start("25 h") == (
        None,
        ["Heure de début : « 25 h » : une heure entre 7 h et 20 h est attendue (ex. 14 h 30)"],
    )
