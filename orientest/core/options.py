"""The closed questions as `Choices`, with the spellings people use besides the forms' labels."""

from orientest import vocabulary as v
from orientest.answers import Choices
from orientest.sectors import Sectors
from orientest.territory import DEPARTMENTS

PERSON_KIND = Choices(v.PERSON_KINDS, {"physique": "Personne physique", "morale": "Personne morale"})
PROFILE = Choices(v.PROFILES, other=True)
THEME = Choices(v.THEMES, {"Égalité H/F": "Égalité F/H", "Égalité femmes-hommes": "Égalité F/H",
                           "Apprentissage": "Apprentissage et alternance", "Alternance": "Apprentissage et alternance"},
                other=True)
PUBLIC = Choices(v.PUBLICS)
INTERVENTION_TYPE = Choices(v.INTERVENTION_TYPES)
ZONE = Choices(v.ZONES, {"Département": "Département(s)", "Départements": "Département(s)",
                         "Ville": "Ville et environs", "Bassin": "Bassin d'emploi"})
WEEKDAY = Choices(v.WEEKDAYS)
YES_NO = Choices((v.YES, v.NO))
# « Non » is not offered: the charter (§2) asks employees to tell their employer before they sign up.
EMPLOYER_INFORMED = Choices((v.YES, v.NOT_APPLICABLE))
CHARTER = Choices((v.CHARTER_ACCEPTANCE,), {"Oui": v.CHARTER_ACCEPTANCE, "Accepté": v.CHARTER_ACCEPTANCE})
CONSENT = Choices((v.DATA_CONSENT,), {"Oui": v.DATA_CONSENT, "Accepté": v.DATA_CONSENT})
STRUCTURE_TYPE = Choices(v.STRUCTURE_TYPES, {"Lycée": "Lycée général et technologique",
                                             "LGT": "Lycée général et technologique",
                                             "LP": "Lycée professionnel", "Pôle emploi": "France Travail"}, other=True)
MODALITY = Choices(v.MODALITIES, {"Distanciel": "À distance", "En présentiel": "Présentiel", "Visio": "À distance"})
ANSWER = Choices(v.ANSWERS, {"Oui": "J'accepte", "J'accepte la proposition": "J'accepte"})
SLOT = Choices(v.SLOTS, {"Journée entière": "Journée", "Apres midi": "Après-midi"})
FEEDBACK_HELD = Choices(v.FEEDBACK_HELD)
UPDATE_SUBJECT = Choices(v.UPDATE_SUBJECTS)
OTHER = "Autre"  # the label a form replaces with its own « Autre : … » free-text choice

DEPARTMENT_LABELS = tuple(f"{code} - {name}" for code, name in DEPARTMENTS.items())
DEPARTMENT = Choices(DEPARTMENT_LABELS, {
    **{code: f"{code} - {name}" for code, name in DEPARTMENTS.items()},
    **{name: f"{code} - {name}" for code, name in DEPARTMENTS.items()},
    **{f"{code} {name}": f"{code} - {name}" for code, name in DEPARTMENTS.items()},
    "8": "08 - Ardennes",
})


def sector_choices(sectors: Sectors, with_subdomains: bool = False) -> Choices:
    """The 14 ROME domains, also by letter (« H ») or « H - Industrie »; sub-domains (« H29 ») on demand."""
    return sectors.choices_with_subdomains if with_subdomains else sectors.choices
