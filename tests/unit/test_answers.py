import pytest

from orientest.core.choices import Choices
from orientest.forms.options import DEPARTMENT, STRUCTURE_TYPE, sector_choices


def test_checkbox_labels_containing_commas_are_matched_whole(referential):
    parsed = sector_choices(referential.sectors).many("Banque, Assurance, Immobilier, Industrie")
    assert parsed.chosen == ("Banque, Assurance, Immobilier", "Industrie")
    assert parsed.unknown == ()


def test_checkbox_with_two_comma_labels_side_by_side(referential):
    text = (
        "Agriculture et Pêche, Espaces naturels et Espaces verts, Soins aux animaux, "
        "Commerce, Vente et Grande distribution"
    )
    parsed = sector_choices(referential.sectors).many(text)
    assert parsed.chosen == (
        "Agriculture et Pêche, Espaces naturels et Espaces verts, Soins aux animaux",
        "Commerce, Vente et Grande distribution",
    )


def test_checkbox_ignores_case_accents_and_spacing(referential):
    parsed = sector_choices(referential.sectors).many(
        "industrie,sante ;  HOTELLERIE-RESTAURATION, TOURISME, LOISIRS ET ANIMATION"
    )
    assert parsed.chosen == ("Industrie", "Santé", "Hôtellerie-Restauration, Tourisme, Loisirs et Animation")


def test_unknown_checkbox_piece_is_reported_not_dropped(referential):
    parsed = sector_choices(referential.sectors).many("Industrie, Aéronautique")
    assert parsed.chosen == ("Industrie",)
    assert parsed.unknown == ("Aéronautique",)


def test_other_option_keeps_the_free_text():
    assert STRUCTURE_TYPE.one("Maison familiale rurale") is None
    assert Choices(("Handicap", "Autre"), other=True).many("Handicap, Numérique, éthique").chosen == (
        "Handicap",
        "Autre : Numérique, éthique",
    )


@pytest.mark.parametrize("typed", ["67 - Bas-Rhin", "67", "Bas-Rhin", "bas rhin", "67 Bas-Rhin"])
def test_departement_by_code_name_or_both(typed):
    assert DEPARTMENT.one(typed) == "67 - Bas-Rhin"


def test_repeated_option_is_kept_once():
    assert Choices(("Lundi", "Mardi")).many("Lundi, lundi, Mardi").chosen == ("Lundi", "Mardi")
