import pytest

from orientest.ambassadors.reading import read_ambassador
from tests.factories import ambassador_answers, row


def _anomalies(referential, changes):
    ambassador, anomalies = read_ambassador(row(ambassador_answers(changes)), referential)
    return ambassador, [str(anomaly) for anomaly in anomalies]


def test_complete_signup_becomes_an_ambassador(referential):
    ambassador, anomalies = _anomalies(referential, {})
    assert anomalies == []
    assert ambassador.commune.name == "Strasbourg"
    assert ambassador.rome_subdomain == "H29"
    assert ambassador.publics == ("Collégiens", "Lycéens")
    assert ambassador.weekdays == ("Mardi", "Jeudi")
    assert ambassador.phone == "06 12 34 56 78"


@pytest.mark.parametrize(
    "changes, expected",
    [
        (
            {"Adresse e-mail": "claire.martin@"},
            "Adresse e-mail : « claire.martin@ » n'est pas une adresse e-mail valide",
        ),
        ({"Adresse e-mail": ""}, "Adresse e-mail : à renseigner"),
        ({"Nom": ""}, "Nom : à renseigner"),
        ({"Prénom": "Claire\nBcc: victime@exemple.fr"}, "Prénom : sur une seule ligne"),
        ({"Téléphone": "06 12 34"}, "Téléphone : « 06 12 34 » n'est pas un numéro de téléphone valide"),
        ({"Métier ou fonction": ""}, "Métier ou fonction : à renseigner"),
        ({"Secteurs": "", "Thématiques transversales": ""}, "Secteurs : choisissez au moins un secteur"),
        ({"Secteurs": "Industrie, Aéronautique"}, "Secteurs : « Aéronautique » n'est pas une option connue"),
        ({"Code ROME du métier": "Z99"}, "Code ROME du métier : « Z99 » inconnu"),
        ({"Publics": ""}, "Publics : au moins une réponse parmi"),
        ({"Types d'intervention": ""}, "Types d'intervention : au moins une réponse parmi"),
        ({"Zone d'intervention": "Partout"}, "Zone d'intervention : « Partout » n'est pas une réponse possible"),
        ({"Zone d'intervention": "Département(s)", "Départements": ""}, "Départements : au moins une réponse"),
        ({"Commune de rattachement": "Attigny"}, "Commune de rattachement : plusieurs communes possibles"),
        ({"Commune de rattachement": ""}, "Commune de rattachement : à renseigner"),
        ({"Rayon de déplacement (km)": ""}, "Rayon de déplacement (km) : à renseigner"),
        (
            {"Rayon de déplacement (km)": "1000"},
            "Rayon de déplacement (km) : « 1000 » : un nombre entier entre 1 et 300",
        ),
        ({"Nombre maximal d'interventions par an": "beaucoup"}, "Nombre maximal d'interventions par an : « beaucoup »"),
        ({"Jours de disponibilité": "Dimanche"}, "Jours de disponibilité : « Dimanche » n'est pas une option connue"),
        ({"Employeur informé": "Non"}, "Employeur informé : la charte (§2) demande d'informer votre employeur"),
        ({"Charte": ""}, "Charte : la charte doit être acceptée"),
        ({"Consentement": "Non"}, "Consentement : le consentement au traitement des données est nécessaire"),
        ({"Vous êtes": "Personne morale", "Structure ou entreprise": ""}, "Structure ou entreprise : à renseigner"),
    ],
)
def test_each_problem_is_named_in_plain_french(referential, changes, expected):
    ambassador, anomalies = _anomalies(referential, changes)
    assert ambassador is None
    assert any(anomaly.startswith(expected) for anomaly in anomalies), anomalies


def test_every_problem_of_a_row_is_listed_at_once(referential):
    _, anomalies = _anomalies(referential, {"Nom": "", "Téléphone": "abc", "Charte": ""})
    assert [a.split(" : ")[0] for a in anomalies] == ["Nom", "Téléphone", "Charte"]


def test_radius_is_only_needed_around_a_city(referential):
    ambassador, anomalies = _anomalies(referential, {"Zone d'intervention": "Région", "Rayon de déplacement (km)": ""})
    assert anomalies == [] and ambassador.zone == "Région"


def test_departements_given_by_code_or_name(referential):
    ambassador, _ = _anomalies(
        referential, {"Zone d'intervention": "Département(s)", "Départements": "67 - Bas-Rhin, Haut-Rhin, 57"}
    )
    assert ambassador.departments == ("67", "68", "57")


def test_home_outside_grand_est_is_fine_for_a_regional_ambassador(referential):
    ambassador, anomalies = _anomalies(
        referential, {"Zone d'intervention": "Région", "Commune de rattachement": "75011 Paris"}
    )
    assert anomalies == [] and ambassador.commune is None


def test_phone_that_lost_its_leading_zero_in_a_spreadsheet_is_still_read(referential):
    ambassador, _ = _anomalies(referential, {"Téléphone": "612345678"})
    assert ambassador.phone == "06 12 34 56 78"


def test_very_long_answer_is_refused_not_truncated(referential):
    _, anomalies = _anomalies(referential, {"Métier ou fonction": "x" * 50_000})
    assert "Métier ou fonction : trop long (50000 caractères, 200 au plus)" in anomalies


def test_the_days_an_ambassador_checks_in_their_e_mails_read_in_week_order(referential):
    from orientest.ambassadors.summary import ambassador_context

    ambassador, _ = read_ambassador(
        row(ambassador_answers({"Jours de disponibilité": "Mercredi, Mardi, Jeudi"})), referential
    )
    assert dict(ambassador_context(ambassador)["summary"])["Jours"] == "mardi, mercredi et jeudi"
