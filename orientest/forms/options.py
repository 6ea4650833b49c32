"""The closed questions: their labels as the forms show them, and as `Choices` with the spellings people use."""

from orientest.core.choices import Choices
from orientest.core.school_days import WEEKDAYS
from orientest.reference.sectors import Sectors
from orientest.reference.territory import DEPARTMENTS

PERSON_KINDS = ("Personne physique", "Personne morale")
PROFILES = (
    "Professionnel d'une branche",
    "Chef d'entreprise",
    "Salarié",
    "Jeune en formation",
    "Jeune des Compétitions des métiers",
    "Étudiant",
    "Personnel de l'Éducation nationale",
    "Référent métier",
    "Retraité",
    "Parrain ou marraine",
    "Autre",
)
THEMES = (
    "Mixité des métiers",
    "Égalité F/H",
    "Handicap",
    "Création d'activité",
    "Apprentissage et alternance",
    "Autre",
)
PUBLICS = (
    "Collégiens",
    "Lycéens",
    "Étudiants",
    "Demandeurs d'emploi",
    "Personnes en formation",
    "Salariés en reconversion",
    "Parents et familles",
    "Professionnels de l'orientation",
)
INTERVENTION_TYPES = (
    "Intervention en établissement",
    "Témoignage ou conférence",
    "Démonstration",
    "Événement à distance",
    "Événement en présentiel",
    "Visite d'entreprise",
)
TRAINING_INTENTIONS = (  # what a group said it might do next: the charter's « positionnements en formation »
    "CAP ou bac professionnel",
    "Apprentissage ou alternance",
    "Bac général ou technologique",
    "BTS ou BUT",
    "Licence, master ou école",
    "Aucune pour l'instant",
    "Autre",
)
NO_INTENTION = "Aucune pour l'instant"
VISIT = INTERVENTION_TYPES[-1]  # the group goes to the ambassador's site
ZONES = ("Région", "Département(s)", "Ville et environs", "Bassin d'emploi")
YES, NO, NOT_APPLICABLE = "Oui", "Non", "Sans objet"
CHARTER_ACCEPTANCE = "J'ai lu la charte et je m'engage à la respecter"
DATA_CONSENT = "J'accepte que mes données soient utilisées pour le fonctionnement du réseau"
STRUCTURE_TYPES = (
    "Collège",
    "Lycée général et technologique",
    "Lycée professionnel",
    "CFA",
    "Établissement post-bac",
    "Mission locale",
    "France Travail",
    "CIO",
    "Cap emploi",
    "Association",
    "Entreprise",
    "Autre",
)
MODALITIES = ("Présentiel", "À distance")
REMOTE = "À distance"
SLOTS = ("Matin", "Après-midi", "Journée")
MAX_PLACES = 10  # ambassadors one request may ask for: a forum des métiers, a round table
ANSWERS = ("J'accepte", "Je ne suis pas disponible", "Je propose une autre date", "Je dois annuler")
HELD_ANSWERS = ("Oui", "Non, annulée", "Non, ambassadeur absent", "Non, public absent")
UPDATE_SUBJECTS = (
    "Coordonnées",
    "Situation professionnelle",
    "Disponibilités ou volume",
    "Zone d'intervention",
    "Pause",
    "Quitter le réseau",
)

PERSON_KIND = Choices(PERSON_KINDS, {"physique": "Personne physique", "morale": "Personne morale"})
PROFILE = Choices(PROFILES, other=True)
THEME = Choices(
    THEMES,
    {
        "Égalité H/F": "Égalité F/H",
        "Égalité femmes-hommes": "Égalité F/H",
        "Apprentissage": "Apprentissage et alternance",
        "Alternance": "Apprentissage et alternance",
    },
    other=True,
)
PUBLIC = Choices(PUBLICS)
TRAINING_INTENTION = Choices(  # the spellings of the free text this question was before December 2026
    TRAINING_INTENTIONS,
    {
        "Bac pro": "CAP ou bac professionnel",
        "CAP": "CAP ou bac professionnel",
        "Lycée professionnel": "CAP ou bac professionnel",
        "Apprentissage": "Apprentissage ou alternance",
        "Alternance": "Apprentissage ou alternance",
        "BTS": "BTS ou BUT",
        "BUT": "BTS ou BUT",
        "Licence": "Licence, master ou école",
        "Aucune": "Aucune pour l'instant",
    },
    other=True,
)
INTERVENTION_TYPE = Choices(INTERVENTION_TYPES)
ZONE = Choices(
    ZONES,
    {
        "Département": "Département(s)",
        "Départements": "Département(s)",
        "Ville": "Ville et environs",
        "Bassin": "Bassin d'emploi",
    },
)
WEEKDAY = Choices(WEEKDAYS)
YES_NO = Choices((YES, NO))
# « Non » is not offered: the charter (§2) asks employees to tell their employer before they sign up.
EMPLOYER_INFORMED = Choices((YES, NOT_APPLICABLE))
CHARTER = Choices((CHARTER_ACCEPTANCE,), {"Oui": CHARTER_ACCEPTANCE, "Accepté": CHARTER_ACCEPTANCE})
CONSENT = Choices((DATA_CONSENT,), {"Oui": DATA_CONSENT, "Accepté": DATA_CONSENT})
STRUCTURE_TYPE = Choices(
    STRUCTURE_TYPES,
    {
        "Lycée": "Lycée général et technologique",
        "LGT": "Lycée général et technologique",
        "LP": "Lycée professionnel",
        "Pôle emploi": "France Travail",
    },
    other=True,
)
MODALITY = Choices(MODALITIES, {"Distanciel": "À distance", "En présentiel": "Présentiel", "Visio": "À distance"})
ANSWER = Choices(ANSWERS, {"Oui": "J'accepte", "J'accepte la proposition": "J'accepte"})
SLOT = Choices(SLOTS, {"Journée entière": "Journée", "Apres midi": "Après-midi"})
FEEDBACK_HELD = Choices(HELD_ANSWERS)
UPDATE_SUBJECT = Choices(UPDATE_SUBJECTS)
OTHER = "Autre"  # the label a form replaces with its own « Autre : … » free-text choice

DEPARTMENT_LABELS = tuple(f"{code} - {name}" for code, name in DEPARTMENTS.items())
DEPARTMENT = Choices(
    DEPARTMENT_LABELS,
    {
        **{code: f"{code} - {name}" for code, name in DEPARTMENTS.items()},
        **{name: f"{code} - {name}" for code, name in DEPARTMENTS.items()},
        **{f"{code} {name}": f"{code} - {name}" for code, name in DEPARTMENTS.items()},
        "8": "08 - Ardennes",
    },
)


def sector_choices(sectors: Sectors, with_subdomains: bool = False) -> Choices:
    """The 14 ROME domains, also by letter (« H ») or « H - Industrie »; sub-domains (« H29 ») on demand."""
    return sectors.choices_with_subdomains if with_subdomains else sectors.choices


# The participants' own minute after an intervention (charter: « impact sur les choix d'orientation »), anonymous.
INFORMED_ANSWERS = ("Oui, tout à fait", "Plutôt oui", "Plutôt non", "Non, pas du tout")
BETTER_INFORMED = INFORMED_ANSWERS[:2]  # what the indicator counts as « mieux informé »
INFORMED = Choices(INFORMED_ANSWERS, {"Oui": "Oui, tout à fait", "Non": "Non, pas du tout"})
MAYBE = "Peut-être"
CONSIDERING = Choices((YES, MAYBE, NO), {"Peut etre": MAYBE})
NEXT_STEPS = (
    "Me renseigner sur une formation",
    "Chercher un stage ou une immersion",
    "En parler à un professeur, un conseiller ou ma famille",
    "Visiter une entreprise, un salon ou des portes ouvertes",
    "Rien pour l'instant",
)
NO_NEXT_STEP = NEXT_STEPS[-1]
NEXT_STEP = Choices(NEXT_STEPS)

# A network event: the ambassador's answer to its invitation, from the e-mail's links.
REGISTER, DECLINE, WITHDRAW = "Je m'inscris", "Je ne peux pas", "Je me désinscris"
REGISTRATION = Choices(
    (REGISTER, DECLINE, WITHDRAW),
    {"Oui": REGISTER, "Inscription": REGISTER, "Non": DECLINE, "Désinscription": WITHDRAW},
)
