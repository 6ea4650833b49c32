import pytest

from orientest.reference.territory import great_circle_km


@pytest.mark.parametrize(
    "typed, insee",
    [
        ("67000 Strasbourg", "67482"),
        ("strasbourg", "67482"),
        ("STRASBOURG", "67482"),
        ("St-Dié-des-Vosges", "88413"),
        ("saint die des vosges", "88413"),
        ("Saint-Dié", "88413"),
        ("51100", "51454"),  # a postal code: Reims (INSEE 51100 is La Caure, which nobody types)
        ("67482", "67482"),  # an INSEE code that is not a postal code
        ("51100 La Caure", "51100"),
        ("Chalons en Champagne", "51108"),
        ("67091 Strasbourg Cedex", "67482"),
        ("Attigny (88)", "88016"),
        ("67300 Schiltigheim", "67447"),
    ],
)
def test_commune_typed_freely_resolves(referential, typed, insee):
    assert referential.communes.resolve(typed).commune.insee == insee


def test_ambiguous_commune_names_every_candidate(referential):
    resolution = referential.communes.resolve("Attigny")
    assert resolution.commune is None
    assert "Attigny (08)" in resolution.problem() and "Attigny (88)" in resolution.problem()


def test_postal_code_shared_by_several_communes_is_ambiguous(referential):
    resolution = referential.communes.resolve("08400")
    assert resolution.commune is None
    assert len(resolution.candidates) > 1 and "Vouziers (08)" in resolution.problem()


def test_misspelt_commune_suggests_the_likely_one(referential):
    resolution = referential.communes.resolve("Strasbourgg")
    assert resolution.commune is None
    assert "vouliez-vous dire : Strasbourg (67)" in resolution.problem()


def test_commune_outside_grand_est_is_named_as_such(referential):
    resolution = referential.communes.resolve("75011 Paris")
    assert resolution.outside_region and resolution.problem() == "commune hors du Grand Est"


def test_unknown_commune_explains_what_to_type(referential):
    assert "67000 Strasbourg" in referential.communes.resolve("Paris").problem()


def test_distance_between_strasbourg_and_colmar_is_58_km_as_the_crow_flies(referential):
    strasbourg = referential.communes.by_insee["67482"]
    colmar = referential.communes.by_insee["68066"]
    distance = great_circle_km(strasbourg.latitude, strasbourg.longitude, colmar.latitude, colmar.longitude)
    assert 57.5 < distance < 58.0  # 0.457° of latitude, 0.370° of longitude at 48.3° N
