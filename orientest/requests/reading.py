"""A request for an intervention as the form describes it, read and checked."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from orientest.context.referential import Referential
from orientest.core.french import parse_date, parse_datetime
from orientest.core.invitations import interval
from orientest.core.schema import REQUESTS, Row
from orientest.core.school_days import is_school_day, why_not_a_school_day
from orientest.forms.fields import Anomaly, FieldReader
from orientest.forms.options import REMOTE
from orientest.reference.territory import Commune

_UAI = re.compile(r"^\d{7}[A-Z]$")


@dataclass(frozen=True, slots=True)  # thousands of them per run: small and quick to build
class Request:
    id: str
    submitted_at: datetime | None
    email: str
    contact_name: str
    contact_role: str
    phone: str
    structure: str
    structure_type: str
    uai: str
    commune: Commune | None
    commune_text: str
    address: str  # number and street, as typed (« 3 rue des Lilas »)
    publics: tuple[str, ...]
    level: str
    participants: int
    sectors: tuple[str, ...]  # ROME domain labels
    subdomains: tuple[str, ...]  # ROME sub-domain codes, when the requester named a job family ("H29")
    themes: tuple[str, ...]
    intervention_types: tuple[str, ...]
    places: int  # ambassadors wanted at once (a forum: several)
    remote: bool
    wished_date: date
    alternative_date: date | None
    slot: str
    start_time: time | None  # « Heure de début »; none: the slot only, the hour left to agree
    duration_hours: Decimal | None
    wished_ambassador: str
    message: str

    @property
    def department(self) -> str:
        return self.commune.department if self.commune else ""

    @property
    def hour_given(self) -> bool:
        """The requester gave a start hour; else the hour is to agree, and nothing says one."""
        return self.start_time is not None

    def interval(self, day: date) -> tuple[datetime, datetime]:
        return interval(day, self.slot, self.duration_hours, self.start_time)

    def days_asked(self) -> tuple[tuple[str, date], ...]:
        """The dates the requester gave, by the question that asked them."""
        asked = (("Date souhaitée", self.wished_date), ("Date alternative", self.alternative_date))
        return tuple((question, day) for question, day in asked if day)


def wished_day(row: Row) -> date | None:
    """The « Date souhaitée » alone, as written (no check): what a list of dates needs, without the whole request."""
    return parse_date(row["Date souhaitée"])


def read_request(row: Row, referential: Referential, lenient: bool = False) -> tuple[Request | None, list[Anomaly]]:
    """The request a form row describes, or None, with every problem found; `lenient`: the request all the same, what
    does not pass left empty (a request accepted before a rule or the referential changed)."""
    read = FieldReader(row, referential.forms["demande"])
    submitted_at = parse_datetime(row["Horodatage"])
    earliest = submitted_at.date() if submitted_at else None
    wanted = read.many("Secteurs souhaités")
    subdomains = tuple(code for code in wanted if code in referential.sectors.subdomains)
    sectors = tuple(
        dict.fromkeys(referential.sectors.domains[code[0]] if code in subdomains else code for code in wanted)
    )
    themes = read.many("Thématique souhaitée")
    if not sectors and not themes:
        read.problem("Secteurs souhaités", "choisissez au moins un secteur ou une thématique")
    remote = read.one("Modalité") == REMOTE
    wished_date = read.date("Date souhaitée", not_before=earliest)
    if wished_date and not is_school_day(wished_date):
        read.problem("Date souhaitée", why_not_a_school_day(wished_date))
    alternative_date = read.date("Date alternative", not_before=earliest)
    request = Request(
        id=row["ID"].strip(),
        submitted_at=submitted_at,
        email=read.email("Adresse e-mail"),
        contact_name=read.text("Nom du contact", header_safe=True, max_length=120),
        contact_role=read.text("Fonction du contact", header_safe=True, max_length=120),
        phone=read.phone("Téléphone"),
        structure=read.text("Nom de la structure", header_safe=True, max_length=200),
        structure_type=read.one("Type de structure"),
        uai=_uai(read),
        commune=_commune(read, referential, remote),
        commune_text=read.text("Commune", required=False, header_safe=True, max_length=200),
        address=read.text("Adresse de la structure", header_safe=True, max_length=300),
        publics=read.many("Public"),
        level=read.text("Niveau ou classe", max_length=120),
        participants=read.integer("Nombre de participants") or 0,  # unread: an anomaly (lenient: unknown)
        sectors=sectors,
        subdomains=subdomains,
        themes=themes,
        intervention_types=read.many("Type d'intervention"),
        places=read.integer("Nombre d'ambassadeurs souhaités") or 1,
        remote=remote,
        wished_date=wished_date or date.min,  # unread: the request is not returned (below)
        alternative_date=alternative_date,
        slot=read.one("Créneau"),
        start_time=read.time("Heure de début"),
        duration_hours=read.decimal("Durée (heures)", Decimal("0.5"), Decimal(8)),
        wished_ambassador=read.text("Ambassadeur souhaité", header_safe=True, max_length=120),
        message=read.text("Message", max_length=5000),
    )
    if (read.anomalies and not lenient) or wished_date is None:
        return None, read.anomalies_in_column_order(REQUESTS)
    return request, read.anomalies_in_column_order(REQUESTS)


def _uai(read: FieldReader) -> str:
    value = read.text("Code UAI", header_safe=True, max_length=20).replace(" ", "").upper()
    if value and not _UAI.match(value):
        read.problem("Code UAI", f"« {value} » : 7 chiffres et une lettre sont attendus (ex. 0671234A)")
        return ""
    return value


def _commune(read: FieldReader, referential: Referential, remote: bool) -> Commune | None:
    title = "Commune"
    if not read.row[title].strip():
        read.problem(title, "à renseigner (ex. « 67000 Strasbourg »)")
        return None
    resolution = read.commune(title, referential.communes)
    if resolution.commune is None and not remote:
        problem = resolution.problem()
        if resolution.outside_region:
            problem += " : une intervention en présentiel se déroule en Grand Est ; choisissez « À distance » sinon"
        read.problem(title, problem)
    return resolution.commune


def contact_name_of(row: Row) -> str:
    """Whom to greet in an e-mail about the row, read or not."""
    return row["Nom du contact"].strip()
