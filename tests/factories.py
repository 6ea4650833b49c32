"""Form rows with sensible defaults: a test states only what matters to it."""

from fakes.google import SECRET  # noqa: F401  (the tests sign links with the fakes' secret)
from orientest.core.schema import Row
from orientest.forms.options import CHARTER_ACCEPTANCE, DATA_CONSENT


def ambassador_answers(changes: dict[str, str] | None = None) -> dict[str, str]:
    answers = {
        "Horodatage": "01/10/2026 10:15:00",
        "Adresse e-mail": "claire.martin@exemple.fr",
        "Nom": "Martin",
        "Prénom": "Claire",
        "Téléphone": "06 12 34 56 78",
        "Vous êtes": "Personne physique",
        "Structure ou entreprise": "Usinage Rhénan",
        "Métier ou fonction": "Technicienne d'usinage",
        "Secteurs": "Industrie",
        "Code ROME du métier": "H2913",
        "Profil": "Salarié",
        "Thématiques transversales": "Mixité des métiers",
        "Publics": "Collégiens, Lycéens",
        "Types d'intervention": "Intervention en établissement, Visite d'entreprise",
        "Adresse du site (visites d'entreprise)": "",  # no visit proposed until it is given
        "Taille maximale du groupe": "",
        "Consignes de sécurité": "",
        "Zone d'intervention": "Ville et environs",
        "Départements": "",
        "Commune de rattachement": "67000 Strasbourg",
        "Rayon de déplacement (km)": "30",
        "Nombre maximal d'interventions par an": "4",
        "Jours de disponibilité": "Mardi, Jeudi",
        "Interventions à distance": "Oui",
        "Employeur informé": "Oui",
        "Charte": CHARTER_ACCEPTANCE,
        "Consentement": DATA_CONSENT,
    }
    answers.update(changes or {})
    return answers


def request_answers(changes: dict[str, str] | None = None) -> dict[str, str]:
    answers = {
        "Horodatage": "02/10/2026 09:00:00",
        "Adresse e-mail": "cpe.college-pasteur@exemple.fr",
        "Nom du contact": "Julien Weber",
        "Fonction du contact": "Professeur principal",
        "Téléphone": "03 88 12 34 56",
        "Nom de la structure": "Collège Pasteur",
        "Type de structure": "Collège",
        "Code UAI": "0671234A",
        "Commune": "67000 Strasbourg",
        "Adresse de la structure": "",
        "Public": "Collégiens",
        "Niveau ou classe": "3e",
        "Nombre de participants": "28",
        "Secteurs souhaités": "Industrie",
        "Thématique souhaitée": "",
        "Type d'intervention": "Intervention en établissement",
        "Nombre d'ambassadeurs souhaités": "",
        "Modalité": "Présentiel",
        "Date souhaitée": "10/11/2026",
        "Date alternative": "17/11/2026",
        "Créneau": "Matin",
        "Heure de début": "9 h",
        "Durée (heures)": "2",
        "Ambassadeur souhaité": "",
        "Message": "",
    }
    answers.update(changes or {})
    return answers


def row(answers: dict[str, str], line: int = 2, **flow_values: str) -> Row:
    return Row(line, {**answers, **flow_values})


def active_ambassador(record_id: str, changes: dict[str, str] | None = None, charter: str = "2026") -> dict[str, str]:
    """A validated ambassador row, as staff leave it once they set `Actif`."""
    number = record_id.split("-")[-1]
    answers = ambassador_answers(
        {
            "Adresse e-mail": f"ambassadeur{number}@exemple.fr",
            "Nom": f"Nom{number}",
            "Jours de disponibilité": "Lundi, Mardi, Mercredi, Jeudi, Vendredi",
            **(changes or {}),
        }
    )
    return {**answers, "ID": record_id, "Statut": "Actif", "Charte acceptée (version)": charter}


def open_request(record_id: str, changes: dict[str, str] | None = None, status: str = "En recherche") -> dict[str, str]:
    """A valid request the intake has acknowledged."""
    number = record_id.split("-")[-1]
    answers = request_answers({"Adresse e-mail": f"demandeur{number}@exemple.fr", **(changes or {})})
    return {**answers, "ID": record_id, "Statut": status}
