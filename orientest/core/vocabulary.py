"""The closed answers of the forms and the statuses of the workbook, as staff read them."""

from enum import StrEnum


class RequestStatus(StrEnum):
    NEW = "Nouvelle"
    INCOMPLETE = "Incomplète"
    SEARCHING = "En recherche"
    PROPOSED = "Proposée"
    CONFIRMED = "Confirmée"
    DONE = "Réalisée"
    CLOSED = "Clôturée"
    CANCELLED = "Annulée"
    NO_SOLUTION = "Sans solution"
    DUPLICATE = "Doublon"


class AmbassadorStatus(StrEnum):
    INCOMPLETE = "Incomplète"
    TO_VALIDATE = "À valider"
    ACTIVE = "Actif"
    SUSPENDED = "Suspendu"
    RETIRED = "Retiré"
    DUPLICATE = "Doublon"


class StaffAction(StrEnum):
    CANCEL = "Annuler"
    REMIND = "Relancer"
    REOPEN = "Rouvrir"


PERSON_KINDS = ("Personne physique", "Personne morale")
PROFILES = (
    "Professionnel d'une branche", "Chef d'entreprise", "Salarié", "Jeune en formation",
    "Jeune des Compétitions des métiers", "Étudiant", "Personnel de l'Éducation nationale",
    "Référent métier", "Retraité", "Parrain ou marraine", "Autre",
)
THEMES = (
    "Mixité des métiers", "Égalité F/H", "Handicap", "Création d'activité",
    "Apprentissage et alternance", "Autre",
)
PUBLICS = (
    "Collégiens", "Lycéens", "Étudiants", "Demandeurs d'emploi", "Personnes en formation",
    "Salariés en reconversion", "Parents et familles", "Professionnels de l'orientation",
)
INTERVENTION_TYPES = (
    "Intervention en établissement", "Témoignage ou conférence", "Démonstration",
    "Événement à distance", "Événement en présentiel", "Visite d'entreprise",
)
ZONES = ("Région", "Département(s)", "Ville et environs", "Bassin d'emploi")
WEEKDAYS = ("Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi")
YES, NO, NOT_APPLICABLE = "Oui", "Non", "Sans objet"
CHARTER_ACCEPTANCE = "J'ai lu la charte et je m'engage à la respecter"
DATA_CONSENT = "J'accepte que mes données soient utilisées pour le fonctionnement du réseau"
STRUCTURE_TYPES = (
    "Collège", "Lycée général et technologique", "Lycée professionnel", "CFA",
    "Établissement post-bac", "Mission locale", "France Travail", "CIO", "Cap emploi",
    "Association", "Entreprise", "Autre",
)
MODALITIES = ("Présentiel", "À distance")
REMOTE = "À distance"
SLOTS = ("Matin", "Après-midi", "Journée")
ANSWERS = ("J'accepte", "Je ne suis pas disponible", "Je propose une autre date", "Je dois annuler")
FEEDBACK_HELD = ("Oui", "Non, annulée", "Non, ambassadeur absent", "Non, public absent")
UPDATE_SUBJECTS = (
    "Coordonnées", "Situation professionnelle", "Disponibilités ou volume", "Zone d'intervention",
    "Pause", "Quitter le réseau",
)
