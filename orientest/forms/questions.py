"""The forms, question by question: what Google Forms (or any form tool) shows, and what intake checks.

One definition serves both: the titles are the columns of the response tabs, the options are those the intake
accepts, `required` and the bounds are those the readers apply. Answers some tools cannot check (a number's range,
a rule that depends on another answer) are stated in the help text and checked by the intake.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from typing import Any

from orientest.core.choices import Choices
from orientest.core.schema import (
    AMBASSADORS,
    ANSWERS,
    EVENT_REGISTRATIONS,
    FEEDBACK,
    PARTICIPANTS,
    REQUESTS,
    TIMESTAMP,
    UPDATES,
    Owner,
    Tab,
)
from orientest.forms import options
from orientest.reference.sectors import Sectors


class Kind(StrEnum):
    TEXT = "texte court"
    PARAGRAPH = "paragraphe"
    NUMBER = "nombre"
    DATE = "date"
    ONE = "choix unique"
    MANY = "cases à cocher"
    SCALE = "échelle"
    CONSENT = "case à cocher obligatoire"


@dataclass(frozen=True)
class Question:
    title: str  # the question as shown, hence the column title Google Forms writes
    kind: Kind
    help: str = ""
    required: bool = False
    choices: Choices | None = None
    low: int | None = None  # numbers and scales
    high: int | None = None
    prefilled: bool = False  # filled by the link of an e-mail: its `entry.N` is recorded for the flows

    @property
    def offered(self) -> tuple[str, ...]:
        """The options a form lists; « Autre » becomes the form's own free-text « Autre » choice."""
        if self.choices is None:
            return ()
        return tuple(label for label in self.choices.labels if not (self.has_other and label == options.OTHER))

    @property
    def has_other(self) -> bool:
        return bool(self.choices and self.choices.other)

    def as_dict(self) -> dict[str, Any]:
        """The question for another tool: every key always present, `options` empty for an open question."""
        return {
            "titre": self.title,
            "type": str(self.kind),
            "obligatoire": self.required,
            "aide": self.help,
            "options": list(self.offered),
            "autre": self.has_other,
            "minimum": self.low,
            "maximum": self.high,
            "pre_rempli": self.prefilled,
        }


@dataclass(frozen=True)
class Form:
    key: str  # short and stable: how the registry in `Paramètres` names the form
    title: str
    description: str
    tab: Tab  # the response tab it fills
    questions: tuple[Question, ...]
    optional: bool = False  # until it has an address, the e-mails go without its link (a form added since)

    def question(self, title: str) -> Question:
        try:
            return self._by_title[title]
        except KeyError:
            raise KeyError(f"{self.title} : pas de question « {title} »") from None

    @cached_property
    def _by_title(self) -> dict[str, Question]:  # asked for every answer of every row: thousands of rows per run
        return {question.title: question for question in self.questions}

    @property
    def prefilled(self) -> tuple[Question, ...]:
        return tuple(question for question in self.questions if question.prefilled)

    def as_dict(self) -> dict[str, Any]:
        return {
            "cle": self.key,
            "titre": self.title,
            "description": self.description,
            "onglet": self.tab.name,
            "questions": [question.as_dict() for question in self.questions],
        }


def _text(title: str, help: str = "", required: bool = False) -> Question:
    return Question(title, Kind.TEXT, help, required)


def _number(title: str, low: int, high: int, help: str, required: bool = False) -> Question:
    return Question(title, Kind.NUMBER, help, required, low=low, high=high)


def _one(title: str, choices: Choices, help: str = "", required: bool = False) -> Question:
    return Question(title, Kind.ONE, help, required, choices)


def _many(title: str, choices: Choices, help: str = "", required: bool = False) -> Question:
    return Question(title, Kind.MANY, help, required, choices)


def _date(title: str, help: str = "", required: bool = False) -> Question:
    return Question(title, Kind.DATE, help, required)


EMPLOYER_COPY = "Adresse de l'employeur pour l'attestation"
EMAIL_HELP = "L'adresse à laquelle nous vous écrirons (ex. prenom.nom@exemple.fr)."
COMMUNE_HELP = "Code postal et commune, ex. « 67000 Strasbourg »."
TOKEN_HELP = "Rempli par le lien de l'e-mail reçu : ne le modifiez pas."


def _signup(sectors: Sectors) -> Form:
    return Form(
        "inscription",
        "Devenir ambassadeur",
        (
            "Rejoignez le réseau Ambassadeurs-Ambassadrices Orient'Est de la Région Grand Est : vous viendrez "
            "présenter votre métier, votre secteur ou votre parcours à des jeunes et à des adultes qui construisent "
            "leur projet d'orientation. L'équipe Orient'Est vérifie chaque inscription avant de vous "
            "proposer une intervention."
        ),
        AMBASSADORS,
        (
            _text("Adresse e-mail", EMAIL_HELP, required=True),
            _text("Nom", required=True),
            _text("Prénom", required=True),
            _text(
                "Téléphone",
                "Pour que l'établissement puisse vous joindre avant l'intervention (ex. 06 12 34 56 78).",
                required=True,
            ),
            _one(
                "Vous êtes",
                options.PERSON_KIND,
                "Une personne morale : une entreprise, une fédération, une association qui s'engage en tant que telle.",
            ),
            _text("Structure ou entreprise", "Obligatoire pour une personne morale."),
            _text(
                "Métier ou fonction",
                "Ex. « Technicienne de maintenance », « Boulanger », « Infirmière ».",
                required=True,
            ),
            _many(
                "Secteurs",
                sectors.choices,
                "Les domaines professionnels du ROME dont vous pouvez parler. Cochez au "
                "moins un secteur ou une thématique transversale.",
            ),
            _text("Code ROME du métier", "Facultatif, ex. « H2913 » ou « H29 » : il affine la mise en relation."),
            _one("Profil", options.PROFILE),
            _many(
                "Thématiques transversales",
                options.THEME,
                "Les sujets que vous pouvez aborder au-delà de votre métier.",
            ),
            _many("Publics", options.PUBLIC, "Les publics devant lesquels vous acceptez d'intervenir.", required=True),
            _many("Types d'intervention", options.INTERVENTION_TYPE, required=True),
            _text(
                "Adresse du site (visites d'entreprise)",
                "Si vous accueillez des visites : le numéro, la rue, le code postal et la commune du site où vous "
                "recevez le groupe (ex. « 12 rue de l'Industrie, 67240 Bischwiller »). Sans elle, aucune visite ne "
                "vous est proposée.",
            ),
            _number(
                "Taille maximale du groupe",
                1,
                2000,
                "Pour une visite : combien de personnes, accompagnateurs compris, votre site reçoit à la fois. "
                "Vide : pas de limite.",
            ),
            Question(
                "Consignes de sécurité",
                Kind.PARAGRAPH,
                "Pour une visite : ce que le groupe doit savoir ou prévoir (chaussures fermées, équipements fournis, "
                "âge minimum). Elles sont transmises à l'établissement avec la confirmation.",
            ),
            _one(
                "Zone d'intervention",
                options.ZONE,
                "Où vous pouvez vous déplacer : toute la région, certains "
                "départements, autour de votre commune ou dans votre bassin "
                "d'emploi.",
                required=True,
            ),
            _many("Départements", options.DEPARTMENT, "Obligatoire si votre zone est « Département(s) »."),
            _text("Commune de rattachement", COMMUNE_HELP + " Votre commune de domicile ou de travail.", required=True),
            _number(
                "Rayon de déplacement (km)",
                1,
                300,
                "Un nombre de kilomètres, de 1 à 300 ; obligatoire si votre zone est « Ville et environs ».",
            ),
            _number(
                "Nombre maximal d'interventions par an",
                1,
                100,
                "Un nombre de 1 à 100, par année scolaire.",
                required=True,
            ),
            _many("Jours de disponibilité", options.WEEKDAY, required=True),
            _one("Interventions à distance", options.YES_NO, "Accepteriez-vous d'intervenir en visioconférence ?"),
            _one(
                "Employeur informé",
                options.EMPLOYER_INFORMED,
                "La charte (§2) demande aux salariés d'informer leur employeur ou leur hiérarchie avant d'intervenir.",
            ),
            _text(
                EMPLOYER_COPY,
                "Facultatif : si vous le souhaitez, l'adresse e-mail de votre employeur ou de votre responsable. "
                "Chaque été, il recevra une copie de l'attestation de vos interventions de l'année. Vide : rien ne "
                "lui est envoyé.",
            ),
            Question(
                "Charte",
                Kind.CONSENT,
                charter_help(""),
                True,
                options.CHARTER,
            ),
            Question(
                "Consentement",
                Kind.CONSENT,
                "Vos coordonnées ne servent qu'aux mises en relation du réseau ; "
                "elles sont anonymisées après votre départ.",
                True,
                options.CONSENT,
            ),
        ),
    )


def _request(sectors: Sectors) -> Form:
    return Form(
        "demande",
        "Demander une intervention",
        (
            "Un établissement ou une structure de l'orientation demande la venue d'un ambassadeur ou d'une "
            "ambassadrice du réseau Orient'Est. Ne donnez aucune donnée personnelle d'élève : le niveau "
            "et l'effectif suffisent."
        ),
        REQUESTS,
        (
            _text("Adresse e-mail", EMAIL_HELP, required=True),
            _text("Nom du contact", "Prénom et nom de la personne à joindre.", required=True),
            _text("Fonction du contact", "Ex. « Professeur principal », « Psychologue de l'Éducation nationale »."),
            _text("Téléphone", "Facultatif (ex. 03 88 12 34 56)."),
            _text("Nom de la structure", required=True),
            _one("Type de structure", options.STRUCTURE_TYPE, required=True),
            _text("Code UAI", "Facultatif, pour un établissement scolaire : 7 chiffres et une lettre (ex. 0671234A)."),
            _text(
                "Commune",
                COMMUNE_HELP + " Pour une intervention à distance hors Grand Est, indiquez votre commune.",
                required=True,
            ),
            _text(
                "Adresse de la structure",
                "Le numéro et la rue, pour que l'ambassadeur vous trouve (ex. « 3 rue des Lilas »).",
            ),
            _many("Public", options.PUBLIC, required=True),
            _text("Niveau ou classe", "Ex. « 3e », « 1re bac pro », « BTS ». Aucun nom d'élève."),
            _number("Nombre de participants", 1, 2000, "Un nombre, de 1 à 2 000.", required=True),
            _many(
                "Secteurs souhaités",
                sectors.choices_with_subdomains,
                "Les domaines professionnels à faire découvrir. Cochez au moins un secteur ou une thématique.",
            ),
            _many("Thématique souhaitée", options.THEME),
            _many("Type d'intervention", options.INTERVENTION_TYPE, required=True),
            _number(
                "Nombre d'ambassadeurs souhaités",
                1,
                options.MAX_PLACES,
                f"1 pour une classe ; jusqu'à {options.MAX_PLACES} pour un forum des métiers ou une table ronde, où "
                "plusieurs ambassadeurs de secteurs différents interviennent le même jour. Vide : 1.",
            ),
            _one("Modalité", options.MODALITY, required=True),
            _date("Date souhaitée", "Un jour du lundi au samedi, à venir.", required=True),
            _date("Date alternative", "Facultatif : une seconde date élargit beaucoup les possibilités."),
            _one("Créneau", options.SLOT),
            _text(
                "Heure de début",
                "Facultatif : l'heure à laquelle l'intervention commence (ex. « 14 h 30 »). Sans heure, le créneau "
                "sert de repère et l'horaire se convient entre vous et l'ambassadeur.",
            ),
            Question("Durée (heures)", Kind.TEXT, "En heures, de 0,5 à 8 (ex. « 2 » ou « 1,5 »)."),
            _text(
                "Ambassadeur souhaité",
                "Facultatif : le nom d'un ambassadeur ou d'une ambassadrice que vous connaissez.",
            ),
            Question(
                "Message",
                Kind.PARAGRAPH,
                "Ce que l'ambassadeur doit savoir : projet de la classe, attentes, accès, matériel.",
            ),
        ),
    )


def _answer() -> Form:
    return Form(
        "reponse",
        "Répondre à une proposition",
        (
            "Ce formulaire s'ouvre depuis les liens des e-mails Orient'Est, déjà rempli : vérifiez votre réponse, "
            "complétez si besoin, puis envoyez. Rien n'est pris en compte tant que le formulaire n'est pas envoyé."
        ),
        ANSWERS,
        (
            Question("Jeton", Kind.TEXT, TOKEN_HELP, True, prefilled=True),
            Question("Réponse", Kind.ONE, "", True, options.ANSWER, prefilled=True),
            _date("Date proposée", "Si vous proposez une autre date."),
            Question("Commentaire", Kind.PARAGRAPH, "Facultatif : un mot pour l'équipe Orient'Est."),
            _text(
                "Lien de la visio",
                "Pour une intervention à distance que vous organisez : le lien de connexion, envoyé à l'établissement.",
            ),
        ),
    )


def _feedback() -> Form:
    return Form(
        "retour",
        "Votre avis sur l'intervention",
        (
            "Quelques questions après l'intervention : vos réponses aident le réseau à s'améliorer et comptent dans "
            "le bilan de la Région. Aucun nom d'élève."
        ),
        FEEDBACK,
        (
            Question("Jeton", Kind.TEXT, TOKEN_HELP, True, prefilled=True),
            _one("L'intervention a eu lieu", options.FEEDBACK_HELD, required=True),
            _number("Nombre de participants", 0, 2000, "Combien de personnes étaient présentes (de 0 à 2 000) ?"),
            Question(
                "Satisfaction",
                Kind.SCALE,
                "De 1 (pas du tout satisfait) à 5 (très satisfait) ; obligatoire si l'intervention a eu lieu.",
                low=1,
                high=5,
            ),
            Question(
                "Aide à l'orientation",
                Kind.SCALE,
                "L'intervention a-t-elle aidé à préciser un projet d'orientation ? De 1 (pas du tout) à 5 (beaucoup).",
                low=1,
                high=5,
            ),
            _many(
                "Intentions de formation",
                options.TRAINING_INTENTION,
                "Les envies de formation que le groupe a exprimées pendant ou après l'intervention, plusieurs réponses "
                "possibles ; aucun nom d'élève.",
            ),
            Question("Commentaire", Kind.PARAGRAPH),
            _one(
                "Transmettre votre avis à l'ambassadeur",
                options.YES_NO,
                "Pour l'établissement ou la structure : votre commentaire et votre satisfaction lui sont envoyés avec "
                "les remerciements du réseau.",
            ),
            _one(
                "Le réseau peut citer cette intervention",
                options.YES_NO,
                "Dans sa communication : la structure, la date, le métier présenté et votre commentaire, jamais un "
                "nom d'élève.",
            ),
        ),
    )


INFORMED_TITLE = "Je me sens mieux informé·e sur ce métier ou ce secteur"
CONSIDERING_TITLE = "J'envisage de travailler dans ce secteur"
CHANGED_TITLE = "Cette intervention a changé une idée que j'avais"
NEXT_STEP_TITLE = "Ma prochaine étape"


def _participants() -> Form:
    return Form(
        "participants",
        "Votre avis en une minute",
        (
            "Vous venez de rencontrer un ambassadeur ou une ambassadrice Orient'Est. Quatre questions, une minute : "
            "c'est anonyme, on ne vous demande ni nom ni adresse. Vos réponses aident la Région à savoir si ces "
            "rencontres servent votre orientation."
        ),
        PARTICIPANTS,
        (
            Question(
                "Jeton", Kind.TEXT, "Rempli par le lien ou le QR code : ne le modifiez pas.", True, prefilled=True
            ),
            _one(INFORMED_TITLE, options.INFORMED, required=True),
            _one(CONSIDERING_TITLE, options.CONSIDERING, "Ou un métier proche de celui présenté.", required=True),
            _one(CHANGED_TITLE, options.YES_NO, "Sur le métier, le secteur, ou qui peut le faire.", required=True),
            _many(NEXT_STEP_TITLE, options.NEXT_STEP, "Plusieurs réponses possibles."),
        ),
        optional=True,
    )


def _event_registration() -> Form:
    return Form(
        "rencontre",
        "S'inscrire à une rencontre du réseau",
        (
            "Ce formulaire s'ouvre depuis l'invitation reçue par e-mail, déjà rempli : vérifiez votre réponse puis "
            "envoyez. Rien n'est pris en compte tant que le formulaire n'est pas envoyé."
        ),
        EVENT_REGISTRATIONS,
        (
            Question("Jeton", Kind.TEXT, TOKEN_HELP, True, prefilled=True),
            Question("Inscription", Kind.ONE, "", True, options.REGISTRATION, prefilled=True),
        ),
        optional=True,
    )


def _update() -> Form:
    return Form(
        "mise_a_jour",
        "Modifier ma fiche ou quitter le réseau",
        (
            "Pour les ambassadeurs et ambassadrices du réseau : changer vos coordonnées, votre situation, vos "
            "disponibilités ou votre zone, faire une pause, ou quitter le réseau."
        ),
        UPDATES,
        (
            _text("Adresse e-mail", "L'adresse avec laquelle vous vous êtes inscrit·e.", required=True),
            _many("Objet", options.UPDATE_SUBJECT, required=True),
            Question(
                "Nouvelles informations",
                Kind.PARAGRAPH,
                "Une ligne par changement, « Champ : nouvelle valeur », "
                "ex. « Téléphone : 06 12 34 56 78 » ou « Jours de "
                "disponibilité : Mardi, Jeudi ».",
            ),
            _date("Pause jusqu'au", "Pour une pause : le dernier jour de la pause."),
        ),
    )


ANSWER_FORM, FEEDBACK_FORM, UPDATE_FORM, PARTICIPANTS_FORM = _answer(), _feedback(), _update(), _participants()
EVENT_FORM = _event_registration()


def build_forms(sectors: Sectors) -> Mapping[str, Form]:
    """Every form, by key, in the order a team creates them."""
    forms = (
        _signup(sectors),
        _request(sectors),
        ANSWER_FORM,
        FEEDBACK_FORM,
        UPDATE_FORM,
        PARTICIPANTS_FORM,
        EVENT_FORM,
    )
    return {form.key: form for form in forms}


def charter_help(url: str) -> str:
    """Where a person reads the charter they accept: its address, once staff give it in `Paramètres`."""
    if url:
        return f"Lisez la charte des ambassadeurs Orient'Est avant de l'accepter : {url}"
    return "La charte des ambassadeurs Orient'Est vous engage : l'équipe du réseau vous l'envoie sur simple demande."


def with_charter(forms: Mapping[str, Form], url: str) -> dict[str, Form]:
    """The forms with the charter's address where it is accepted: the sign-up form's description and question."""
    changed = dict(forms)
    if url and "inscription" in forms:
        signup = forms["inscription"]
        questions = tuple(
            replace(question, help=charter_help(url)) if question.title == "Charte" else question
            for question in signup.questions
        )
        described = f"{signup.description} La charte du réseau, à lire avant de vous inscrire : {url}"
        changed["inscription"] = replace(signup, description=described, questions=questions)
    return changed


def form_columns(tab: Tab) -> tuple[str, ...]:
    """The columns a form writes into `tab`, besides the timestamp."""
    return tuple(title for title in tab.titles(Owner.FORM) if title != TIMESTAMP.title)
