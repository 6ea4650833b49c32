"""An ambassador as the signup form describes them, read and checked."""

import re
from dataclasses import dataclass
from datetime import datetime

from orientest.context.referential import Referential
from orientest.core.french import parse_datetime
from orientest.core.schema import AMBASSADORS, Row
from orientest.core.text import fold
from orientest.forms.fields import Anomaly, FieldReader
from orientest.forms.options import NO, YES
from orientest.forms.questions import EMPLOYER_COPY
from orientest.reference.territory import Commune

SITE = "Adresse du site (visites d'entreprise)"
_POSTAL_CODE = re.compile(r"\b\d{5}\b")


@dataclass(frozen=True, slots=True)  # thousands of them per run: small and quick to build
class Ambassador:
    id: str
    submitted_at: datetime | None
    email: str
    last_name: str
    first_name: str
    phone: str
    person_kind: str
    structure: str
    job: str
    sectors: tuple[str, ...]
    rome_subdomain: str
    profile: str
    themes: tuple[str, ...]
    publics: tuple[str, ...]
    intervention_types: tuple[str, ...]
    zone: str
    departments: tuple[str, ...]  # codes, "67"
    commune: Commune | None
    radius_km: int | None
    max_per_year: int
    weekdays: tuple[str, ...]
    remote_ok: bool
    employer_informed: str
    site_address: str = ""  # where they receive a company visit, as typed
    site_commune: Commune | None = None  # the commune of `site_address`: a visit's distances start there
    max_group: int | None = None  # a visit's largest group (None: no limit said)
    safety_rules: str = ""  # what a visiting group must know, passed to the requester
    employer_copy: str = ""  # where they asked a copy of their yearly attestation to go ("" : nowhere)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def read_ambassador(row: Row, referential: Referential) -> tuple[Ambassador | None, list[Anomaly]]:
    """The ambassador a signup row describes, or None, with every problem found."""
    read = FieldReader(row, referential.forms["inscription"])
    sectors = read.many("Secteurs")
    themes = read.many("Thématiques transversales")
    if not sectors and not themes:
        read.problem("Secteurs", "choisissez au moins un secteur ou une thématique transversale")
    rome_code = read.text("Code ROME du métier", header_safe=True, max_length=10)
    subdomain = referential.sectors.subdomain_of(rome_code) if rome_code else None
    if rome_code and subdomain is None:
        read.problem("Code ROME du métier", f"« {rome_code} » inconnu (ex. H29 ou H2913)")
    zone = read.one("Zone d'intervention")
    departments = tuple(label[:2] for label in read.many("Départements", required=zone == "Département(s)"))
    person_kind = read.one("Vous êtes") or "Personne physique"
    employer = _employer_informed(read)
    read.accepted("Charte", "la charte doit être acceptée pour rejoindre le réseau")
    read.accepted("Consentement", "le consentement au traitement des données est nécessaire")
    ambassador = Ambassador(
        id=row["ID"].strip(),
        submitted_at=parse_datetime(row["Horodatage"]),
        email=read.email("Adresse e-mail"),
        last_name=read.text("Nom", header_safe=True, max_length=100),
        first_name=read.text("Prénom", header_safe=True, max_length=100),
        phone=read.phone("Téléphone"),
        person_kind=person_kind,
        structure=read.text(
            "Structure ou entreprise", required=person_kind == "Personne morale", header_safe=True, max_length=200
        ),
        job=read.text("Métier ou fonction", header_safe=True, max_length=200),
        sectors=sectors,
        rome_subdomain=subdomain.code if subdomain else "",
        profile=read.one("Profil"),
        themes=themes,
        publics=read.many("Publics"),
        intervention_types=read.many("Types d'intervention"),
        zone=zone,
        departments=departments,
        commune=_home_commune(read, referential, zone),
        radius_km=read.integer("Rayon de déplacement (km)", required=zone == "Ville et environs"),
        max_per_year=read.integer("Nombre maximal d'interventions par an") or 0,  # unread: an anomaly, not returned
        weekdays=read.many("Jours de disponibilité"),
        remote_ok=read.one("Interventions à distance") == YES,
        employer_informed=employer,
        site_address=read.text(SITE, header_safe=True, max_length=300),
        site_commune=_site_commune(read, referential),
        max_group=read.integer("Taille maximale du groupe"),
        safety_rules=read.text("Consignes de sécurité", max_length=2000),
        employer_copy=_employer_copy(read),
    )
    if read.anomalies:
        return None, read.anomalies_in_column_order(AMBASSADORS)
    return ambassador, []


def _employer_informed(read: FieldReader) -> str:
    title = "Employeur informé"
    if fold(read.row[title]) == fold(NO):  # an older form, or a row typed by hand
        read.problem(
            title,
            "la charte (§2) demande d'informer votre employeur ou votre hiérarchie avant "
            "d'intervenir ; répondez « Oui » une fois que c'est fait",
        )
        return ""
    return read.one(title)


def _employer_copy(read: FieldReader) -> str:
    """Optional: only an address that reads as one; anything else is asked again rather than guessed."""
    if not read.row[EMPLOYER_COPY].strip():
        return ""
    return read.email(EMPLOYER_COPY)


def _home_commune(read: FieldReader, referential: Referential, zone: str) -> Commune | None:
    title = "Commune de rattachement"
    if not read.row[title].strip():
        read.problem(title, "à renseigner (ex. « 67000 Strasbourg »)")
        return None
    resolution = read.commune(title, referential.communes)
    # Someone living just outside Grand Est may still cover the whole region or some départements.
    if resolution.outside_region and zone in ("Région", "Département(s)"):
        return None
    if resolution.commune is None:
        read.problem(title, resolution.problem())
    return resolution.commune


def _site_commune(read: FieldReader, referential: Referential) -> Commune | None:
    """The commune a site address ends with (« 12 rue de l'Industrie, 67240 Bischwiller »): from its postal code on,
    or its last part."""
    address = read.row[SITE].strip()
    if not address:
        return None
    code = _POSTAL_CODE.search(address)
    place = address[code.start() :] if code else address.rsplit(",", 1)[-1]
    resolution = referential.communes.resolve(place.strip()[:200])
    if resolution.commune is None:
        read.problem(
            SITE,
            f"{resolution.problem()} ; terminez l'adresse par le code postal et la commune "
            "(ex. « 12 rue de l'Industrie, 67240 Bischwiller »)",
        )
    return resolution.commune


def full_name_of(row: Row) -> str:
    """Whom to greet in an e-mail about the row, read or not."""
    return f"{row['Prénom']} {row['Nom']}".strip()
