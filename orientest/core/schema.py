"""The workbook's tabs and columns: canonical titles, accepted aliases, who owns each column."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from orientest.core.french import MONTH_NAMES
from orientest.core.text import fold
from orientest.statuses.ambassadors import AmbassadorStatus
from orientest.statuses.requests import RequestStatus, StaffAction


class Kind(Enum):
    """What a cell holds once written: a date or a number is stored as one (sortable, summable) when its text reads
    back the same; anything else stays text."""

    TEXT = "text"
    DATE = "date"  # JJ/MM/AAAA
    NUMBER = "number"  # 28, 0,885


class Owner(Enum):
    FORM = "form"  # written by a Google Form (or a person): never by a flow
    FLOW = "flow"  # written by the flows; created when missing
    STAFF = "staff"  # typed by staff: read by the flows, never written


@dataclass(frozen=True)
class Column:
    title: str
    owner: Owner = Owner.FORM
    aliases: tuple[str, ...] = ()
    required: bool = False
    width: int = 18
    choices: tuple[str, ...] = ()
    consumed: bool = False  # a staff command the flow clears once carried out (never sets)
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class Tab:
    name: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()

    @cached_property
    def title_set(self) -> frozenset[str]:
        return frozenset(self.titles())

    def column(self, title: str) -> Column:
        return next(c for c in self.columns if c.title == title)

    def titles(self, owner: Owner | None = None) -> tuple[str, ...]:
        return tuple(c.title for c in self.columns if owner is None or c.owner is owner)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.title for c in self.columns if c.required)


def header_key(title: str) -> str:
    """Headers compare without case, accents, spaces or punctuation."""
    return fold(title).replace(" ", "")


def match_headers(tab: Tab, headers: Sequence[str]) -> dict[str, int]:
    """Canonical title → 0-based position of its column in `headers`; unknown headers are left out."""
    by_key: dict[str, int] = {}
    for position, header in enumerate(headers):
        by_key.setdefault(header_key(str(header or "")), position)
    found: dict[str, int] = {}
    for column in tab.columns:  # canonical titles first, so an alias never steals a real column
        if header_key(column.title) in by_key:
            found[column.title] = by_key[header_key(column.title)]
    taken = set(found.values())
    for column in tab.columns:
        if column.title in found:
            continue
        for alias in column.aliases:
            at = by_key.get(header_key(alias))
            if at is not None and at not in taken:
                found[column.title] = at
                taken.add(at)
                break
    return found


def missing_required(tab: Tab, found: Iterable[str]) -> list[str]:
    present = set(found)
    return [title for title in tab.required if title not in present]


def _form(title: str, *aliases: str, required: bool = False, width: int = 18, kind: Kind = Kind.TEXT) -> Column:
    return Column(title, Owner.FORM, aliases, required, width, kind=kind)


def _flow(title: str, *aliases: str, width: int = 18, choices: tuple[str, ...] = (), kind: Kind = Kind.TEXT) -> Column:
    return Column(title, Owner.FLOW, aliases, False, width, choices, kind=kind)


def _staff(title: str, *aliases: str, width: int = 18, choices: tuple[str, ...] = (), consumed: bool = False) -> Column:
    return Column(title, Owner.STAFF, aliases, False, width, choices, consumed)


TIMESTAMP = _form("Horodatage", "Timestamp", "Horodateur", "Date et heure", required=True, width=19)
EMAIL_ALIASES = ("Adresse email", "E-mail", "Email", "Courriel", "Adresse électronique", "Adresse mail", "Mail")
ID = _flow("ID", "Identifiant", "Référence", width=16)
ANOMALIES = _flow("Anomalies", "Problèmes", "Anomalie", width=48)
UPDATED_AT = _flow("Mis à jour le", "Dernière mise à jour", "Modifié le", width=17)
FINGERPRINT = _flow("Empreinte", width=10)
PROCESSED = _flow("Traitée", "Traité", width=17)

AMBASSADORS = Tab(
    "Ambassadeurs",
    (
        TIMESTAMP,
        _form("Adresse e-mail", *EMAIL_ALIASES, required=True, width=30),
        _form("Nom", "Nom de famille", required=True),
        _form("Prénom", required=True),
        _form("Téléphone", "Numéro de téléphone", "Tél", "Portable"),
        _form("Vous êtes", "Personne physique ou morale", "Type de personne"),
        _form("Structure ou entreprise", "Entreprise ou structure", "Entreprise", "Structure", "Employeur", width=26),
        _form("Métier ou fonction", "Métier", "Fonction", "Poste", width=26),
        _form("Secteurs", "Secteur", "Secteurs d'activité", "Domaines", width=30),
        _form("Code ROME du métier", "Code ROME", width=12),
        _form("Profil", "Votre profil", width=22),
        _form("Thématiques transversales", "Thématiques", "Thèmes", width=26),
        _form("Publics", "Public", "Publics visés", required=True, width=30),
        _form("Types d'intervention", "Type d'intervention", "Types d'interventions", required=True, width=30),
        _form("Adresse du site (visites d'entreprise)", "Adresse du site", "Lieu des visites", width=30),
        _form("Taille maximale du groupe", "Groupe maximal", "Taille du groupe", width=12, kind=Kind.NUMBER),
        _form("Consignes de sécurité", "Consignes", "Consignes de sécurité (visites)", width=30),
        _form("Zone d'intervention", "Zone", required=True),
        _form("Départements", "Département", "Département(s)", width=22),
        _form("Commune de rattachement", "Commune", "Ville", required=True, width=22),
        _form("Rayon de déplacement (km)", "Rayon (km)", "Rayon", "Distance maximale (km)", width=12, kind=Kind.NUMBER),
        _form(
            "Nombre maximal d'interventions par an",
            "Volume annuel maximal",
            "Volume annuel",
            "Interventions par an",
            width=12,
            kind=Kind.NUMBER,
        ),
        _form("Jours de disponibilité", "Disponibilités", "Jours disponibles", width=26),
        _form("Interventions à distance", "Distanciel possible", "Distanciel", width=12),
        _form("Employeur informé", width=12),
        _form("Adresse de l'employeur pour l'attestation", "Copie de l'attestation à l'employeur", width=30),
        _form("Charte", "Acceptation de la charte", required=True, width=14),
        _form("Consentement", "Consentement RGPD", "Traitement des données", required=True, width=14),
        ID,
        _flow("Statut", "Status", "État", choices=tuple(AmbassadorStatus), width=14),
        _flow("Charte acceptée (version)", "Version de la charte", width=12),
        _flow("Interventions (année scolaire)", "Interventions cette année", width=12, kind=Kind.NUMBER),
        _flow("Dernière formation", width=30),  # the last training of the network they attended (`Rencontres`)
        ANOMALIES,
        UPDATED_AT,
        FINGERPRINT,
    ),
)

REQUESTS = Tab(
    "Demandes",
    (
        TIMESTAMP,
        _form("Adresse e-mail", *EMAIL_ALIASES, required=True, width=30),
        _form("Nom du contact", "Contact", "Nom et prénom du contact", "Nom", required=True, width=22),
        _form("Fonction du contact", "Fonction", width=20),
        _form("Téléphone", "Numéro de téléphone", "Tél"),
        _form("Nom de la structure", "Structure", "Établissement", "Nom de l'établissement", required=True, width=28),
        _form("Type de structure", "Type d'établissement", required=True, width=22),
        _form("Code UAI", "UAI", "Code RNE", "RNE", width=11),
        _form("Commune", "Ville", "Commune de l'établissement", required=True, width=22),
        _form("Adresse de la structure", "Adresse", "Adresse postale", "Adresse de l'établissement", width=30),
        _form("Public", "Publics", "Public visé", required=True, width=20),
        _form("Niveau ou classe", "Niveau", "Classe", width=16),
        _form("Nombre de participants", "Participants", "Effectif", width=12, kind=Kind.NUMBER),
        _form("Secteurs souhaités", "Secteur souhaité", "Secteurs", "Métiers souhaités", width=30),
        _form("Thématique souhaitée", "Thématique", "Thème", width=22),
        _form("Type d'intervention", "Types d'intervention", required=True, width=26),
        _form(
            "Nombre d'ambassadeurs souhaités",
            "Nombre d'ambassadeurs",
            "Ambassadeurs souhaités",
            width=12,
            kind=Kind.NUMBER,
        ),
        _form("Modalité", "Modalités", "Présentiel ou distanciel", required=True, width=13),
        _form("Date souhaitée", "Date", required=True, width=13, kind=Kind.DATE),
        _form("Date alternative", "Autre date", "Seconde date", width=13, kind=Kind.DATE),
        _form("Créneau", "Horaire", width=11),
        _form("Heure de début", "Heure", "Heure de début souhaitée", width=10),
        _form("Durée (heures)", "Durée", width=10, kind=Kind.NUMBER),
        _form("Ambassadeur souhaité", "Ambassadrice ou ambassadeur souhaité", width=20),
        _form("Message", "Commentaire", "Précisions", width=40),
        ID,
        _flow("Statut", "Status", "État", choices=tuple(RequestStatus), width=14),
        _flow("Ambassadeur", width=16),
        _flow("Nom de l'ambassadeur", width=24),  # beside each ID orientest writes, the name it stands for
        _flow("Proposée à", width=16),
        _flow("Proposée à (nom)", width=24),
        _flow("Motif", width=40),
        _flow("Pistes", width=48),  # what would open candidates, when nobody fits the request as asked
        _flow("Date confirmée", width=14, kind=Kind.DATE),
        ANOMALIES,
        UPDATED_AT,
        FINGERPRINT,
        _staff("Affectation manuelle", width=16),
        _staff("Action", choices=tuple(StaffAction), width=12, consumed=True),
        _staff("Lien de la visio", "Lien visio", "Lien de connexion", width=30),  # remote: in both invitations
        _flow(
            "Valeurs retenues", width=10
        ),  # the last valid answers (requests/retained.py); last, as in older workbooks
    ),
)

ANSWERS = Tab(
    "Réponses",
    (
        TIMESTAMP,
        _form("Jeton", "Token", required=True, width=30),
        _form("Réponse", required=True, width=24),
        _form("Date proposée", width=13, kind=Kind.DATE),
        _form("Commentaire", "Message", width=40),
        _form("Lien de la visio", "Lien visio", width=30),
        PROCESSED,
        ANOMALIES,
    ),
)

FEEDBACK = Tab(
    "Retours",
    (
        TIMESTAMP,
        _form("Jeton", "Token", required=True, width=30),
        _form("L'intervention a eu lieu", "Intervention réalisée", required=True, width=22),
        _form("Nombre de participants", "Participants", width=12, kind=Kind.NUMBER),
        _form("Satisfaction", width=12, kind=Kind.NUMBER),
        _form("Aide à l'orientation", "Impact sur l'orientation", width=12, kind=Kind.NUMBER),
        _form("Intentions de formation", width=30),
        _form("Commentaire", "Message", width=40),
        _form(
            "Transmettre votre avis à l'ambassadeur", "Avis transmis à l'ambassadeur", width=12
        ),  # the requester's consent: thanks carry it
        _form(
            "Le réseau peut citer cette intervention", "Intervention citable", width=12
        ),  # staff's list to communicate from
        PROCESSED,
        ANOMALIES,
        _flow("Demande", width=16),
        _flow("Rôle", width=12),
    ),
)

PARTICIPANTS = Tab(
    "Avis des participants",
    (
        TIMESTAMP,
        _form("Jeton", "Token", required=True, width=30),
        _form("Je me sens mieux informé·e sur ce métier ou ce secteur", "Mieux informé", width=18),
        _form("J'envisage de travailler dans ce secteur", "Envisage le secteur", width=14),
        _form("Cette intervention a changé une idée que j'avais", "Idée changée", width=12),
        _form("Ma prochaine étape", "Prochaine étape", width=36),
        PROCESSED,
        ANOMALIES,
        _flow("Demande", width=16),
    ),
)  # anonymous: a participant's answers, counted against the intervention their link names, never a name

UPDATES = Tab(
    "Mises à jour",
    (
        TIMESTAMP,
        _form("Adresse e-mail", *EMAIL_ALIASES, required=True, width=30),
        _form("Objet", required=True, width=24),
        _form("Nouvelles informations", width=40),
        _form("Pause jusqu'au", width=13, kind=Kind.DATE),
        PROCESSED,
        ANOMALIES,
    ),
)

JOURNAL = Tab(
    "Journal",
    tuple(
        _flow(title, width=width)
        for title, width in (
            ("Date", 17),
            ("Référence", 16),
            ("Nom", 28),  # whom the line is about: the structure of a request, the ambassador
            ("Événement", 70),  # the line as a sentence, for people
            ("Flux", 12),
            ("Action", 28),
            ("Destinataire", 28),
            ("Résultat", 14),
            ("Détail", 48),
            ("Clé d'idempotence", 36),
            ("Données", 24),  # what runs read back, as JSON: `Détail` is for people and may be edited
        )
    ),
)

SENDINGS = Tab(
    "Envois",
    tuple(
        _flow(title, width=width)
        for title, width in (
            ("Date", 17),
            ("Flux", 12),
            ("Référence", 16),
            ("Modèle", 24),
            ("Destinataire", 28),
            ("Clé d'idempotence", 36),
            ("Résultat", 14),
            ("Détail", 48),
        )
    ),
)  # technical: each e-mail planned, then handed over or not; what no run sends twice

TODO = Tab(
    "À faire",
    (
        _flow("Depuis le", width=17),
        _flow("À faire", width=26),
        _flow("Pourquoi", width=70),
        _flow("Référence", width=16),
        _flow("Nom", width=28),
        _flow("Onglet", width=14),
        _flow("Ligne", width=8, kind=Kind.NUMBER),
        _flow("Lien", width=24),  # Google Sheets: the row's address, to open it in one click
        _staff("Fait", choices=("Oui",), width=8, consumed=True),  # done in a way no tab shows (a phone call)
    ),
    aliases=("A faire", "Tâches"),
)

INDICATORS = Tab(
    "Indicateurs",
    tuple(
        _flow(title, width=width, kind=Kind.NUMBER if title == "Valeur" else Kind.TEXT)
        for title, width in (
            ("Mois", 9),
            ("Période", 22),
            ("Indicateur", 40),
            ("Dimension", 44),
            ("Valeur", 12),
            ("Calculé le", 17),
            ("ID", 12),  # month, period, indicator and dimension: a rerun rewrites its rows instead of adding more
        )
    ),
)

SCHOOL_MONTHS = tuple(name.capitalize() for name in (*MONTH_NAMES[8:], *MONTH_NAMES[:8]))  # Septembre … Août
DASHBOARD = Tab(
    "Tableau de bord",
    (
        _flow("Année scolaire", width=12),
        _flow("Indicateur", width=40),
        _flow("Dimension", width=36),
        *(_flow(month, width=10, kind=Kind.NUMBER) for month in SCHOOL_MONTHS),
        _flow("Année à date", width=12, kind=Kind.NUMBER),
    ),
)  # `Indicateurs` for a person: one row per indicator, the school year's months as columns

PARAMETERS = Tab(
    "Paramètres",
    (
        _staff("Paramètre", "Nom", width=44),
        _staff("Valeur", width=36),
        _staff("Description", width=80),
        ANOMALIES,  # a value that cannot be used: what is used instead
    ),
)

BASINS = Tab(
    "Bassins",
    (
        _staff("Code INSEE", "INSEE", width=11),
        _staff("Commune", width=30),
        _staff("Bassin", "Bassin d'emploi", width=30),
    ),
)

FORMS = Tab(
    "Formulaires",
    (
        ID,
        _flow("Formulaire", width=34),
        _flow("Onglet des réponses", width=16),
        _flow("Adresse à diffuser", width=60),
        _flow("Pré-remplissage", width=36),  # « Jeton = entry.1234 », one question a line
        _flow("Identifiant Google", width=30),
        UPDATED_AT,
        _flow("Questions d'orientest", width=30),  # the items it made: those staff add by hand are kept
    ),
)

ARCHIVES = Tab(
    "Archives",
    (
        ID,  # the school year, « 2025-2026 »
        _flow("Classeur", width=60),  # the .xlsx beside the live one; in Google, the address staff paste here
        _flow("État", width=40),
        _flow("Lignes archivées", width=12, kind=Kind.NUMBER),
        _flow("Dernier archivage", width=17),
        _flow("Comment faire", width=80),
    ),
)  # each finished school year: where its closed records went (RGPD export and erasure read them there too)

RESOURCE_AUDIENCES = ("Ambassadeurs", "Demandeurs", "Tous")
RESOURCE_MOMENTS = ("Bienvenue", "Proposition", "Confirmation", "Rappel", "Retour", "Nouvelle charte")
RESOURCES = Tab(
    "Ressources",
    (
        _staff("Titre", "Ressource", "Nom de la ressource", width=36),
        _staff("Adresse", "Lien", "URL", "Adresse de la ressource", width=48),
        _staff("Pour qui", "Destinataires", width=14, choices=RESOURCE_AUDIENCES),
        _staff("Quand", "Moments", "E-mails", width=30),  # several moments a line: no drop-down list
        _staff("Secteur", "Secteurs", width=30),
        _staff("Public", "Publics", width=22),
        _staff("Type d'intervention", "Types d'intervention", width=26),
        ANOMALIES,  # why the line is not sent: what to correct
    ),
)  # kits, guides, the intervention protocol: each e-mail carries the lines that match it

EVENT_KINDS = ("Rencontre", "Formation", "Webinaire")
EVENT_AUDIENCES = ("Tous", "Nouveaux ambassadeurs")
EVENTS = Tab(
    "Rencontres",
    (
        ID,  # « REN-0001 », given on the first run after staff type a title
        _staff("Titre", "Intitulé", "Nom de la rencontre", width=36),
        _staff("Type", "Sorte", width=12, choices=EVENT_KINDS),
        _staff("Date", "Jour", width=12),
        _staff("Heure de début", "Début", width=10),
        _staff("Heure de fin", "Fin", width=10),
        _staff("Lieu", "Adresse", width=36),
        _staff("Lien de la visio", "Visio", width=36),
        _staff("Pour qui", "Invités", "Public", width=20, choices=EVENT_AUDIENCES),
        _staff("Départements", width=18),  # optional filters, several allowed: empty invites everyone
        _staff("Secteurs", width=24),
        _staff("Profils", width=24),
        _staff("Places", "Capacité", width=8),
        _staff("Présents", "Présences", width=30),  # the IDs of those who came, typed after the day
        _flow("Invités", width=10, kind=Kind.NUMBER),
        _flow("Inscrits", width=30),  # IDs, in the order they registered
        _flow("Liste d'attente", width=30),  # IDs, first in line first
        ANOMALIES,
        UPDATED_AT,
    ),
)  # the network's own meetings and trainings (charter: « animer », « professionnaliser le réseau »)

EVENT_REGISTRATIONS = Tab(
    "Inscriptions aux rencontres",
    (
        TIMESTAMP,
        _form("Jeton", "Token", required=True, width=30),
        _form("Inscription", "Votre réponse", required=True, width=18),
        PROCESSED,
        ANOMALIES,
        _flow("Rencontre", width=12),
    ),
)

TABS: dict[str, Tab] = {
    tab.name: tab
    for tab in (
        TODO,
        AMBASSADORS,
        REQUESTS,
        ANSWERS,
        FEEDBACK,
        PARTICIPANTS,
        UPDATES,
        JOURNAL,
        SENDINGS,
        INDICATORS,
        DASHBOARD,
        PARAMETERS,
        RESOURCES,
        EVENTS,
        EVENT_REGISTRATIONS,
        BASINS,
        FORMS,
        ARCHIVES,
    )
}


ALL_TITLES = frozenset(title for tab in TABS.values() for title in tab.titles())
# What identifies a person; what indicators need (sectors, commune, public, dates, figures) stays.
PERSONAL = {
    "Ambassadeurs": (
        "Adresse e-mail",
        "Nom",
        "Prénom",
        "Téléphone",
        "Structure ou entreprise",
        "Métier ou fonction",
        "Adresse du site (visites d'entreprise)",  # a craftsman's workshop may be their home
        "Adresse de l'employeur pour l'attestation",  # a third person's address, given for one purpose
    ),
    "Demandes": (
        "Adresse e-mail",
        "Nom du contact",
        "Fonction du contact",
        "Téléphone",
        "Ambassadeur souhaité",
        "Message",
        "Nom de l'ambassadeur",  # the ambassador's, not the requester's: forgotten with either
        "Proposée à (nom)",
    ),
    "Mises à jour": ("Adresse e-mail", "Nouvelles informations"),
    "Réponses": ("Commentaire",),
    "Retours": ("Intentions de formation", "Commentaire"),
    "Inscriptions aux rencontres": (),  # a pseudonymous ID in its token, exported to the person, nothing to blank
    "Journal": ("Destinataire", "Nom", "Événement"),  # not `Détail`: rows older than `Données` are read back from it
    "Envois": ("Destinataire",),
}


class UnknownColumn(KeyError):
    """A title no tab of the schema has (a typo in code): raised rather than read as an empty cell."""


@dataclass(frozen=True)
class Row:
    """One row of a tab, by canonical column title; `line` is for messages to staff only. A title its tab (or, for a
    row built without one, the whole schema) does not have raises `UnknownColumn`; a column missing from the sheet
    reads as ""."""

    line: int
    values: dict[str, str] = field(default_factory=dict)
    tab: Tab | None = field(default=None, compare=False, repr=False)

    def __getitem__(self, title: str) -> str:
        value = self.values.get(title)
        if value is not None:
            return value
        if title not in (self.tab.title_set if self.tab is not None else ALL_TITLES):
            raise UnknownColumn(f"« {title} » n'est pas une colonne de {self.tab.name if self.tab else 'classeur'}")
        return ""

    def get(self, title: str) -> str:
        """The cell if this row's tab has the column, else "": for code that reads rows of several tabs alike. The
        title must still be one of the schema's."""
        if title not in ALL_TITLES:
            raise UnknownColumn(f"« {title} » n'est une colonne d'aucun onglet")
        return self.values.get(title, "")

    def with_values(self, values: dict[str, str]) -> "Row":
        """The same row with `values` changed (what a record would read after an edit)."""
        return Row(self.line, {**self.values, **values}, self.tab)

    def is_blank(self, titles: Iterable[str]) -> bool:
        return not any(self[title].strip() for title in titles)


@dataclass(frozen=True)
class Table:
    tab: Tab
    rows: tuple[Row, ...]
    columns: tuple[str, ...]  # canonical titles present in the sheet
    # line → the headers of staff's own columns (outside the schema) holding something on it: kept where they are
    own_columns: Mapping[int, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def staff_cells(self) -> tuple[tuple[str, ...], ...]:
        """What staff typed on each line holding anything, in order: a tab rebuilt whole must still find it."""
        return staff_cells(self.tab, self.rows)


def staff_cells(tab: Tab, rows: Iterable[Row]) -> tuple[tuple[str, ...], ...]:
    staff, titles = tab.titles(Owner.STAFF), tab.titles()
    if not staff:
        return ()
    return tuple(tuple(row[title].strip() for title in staff) for row in rows if not row.is_blank(titles))


Snapshot = dict[str, Table]
