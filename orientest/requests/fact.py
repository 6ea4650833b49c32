"""A request as the indicators count it, read from its row: what it asked, where, and where it stands."""

from dataclasses import dataclass
from datetime import date

from orientest.context.referential import Referential
from orientest.core.choices import Choices
from orientest.core.french import parse_date, parse_int
from orientest.core.schema import Row
from orientest.forms.options import PUBLICS, STRUCTURE_TYPES, THEMES
from orientest.requests.state import read_state
from orientest.statuses import requests as request_life

PUBLIC = Choices(PUBLICS)
THEME = Choices(THEMES)
STRUCTURE_TYPE = Choices(STRUCTURE_TYPES)


@dataclass(frozen=True)
class RequestFact:
    id: str
    received: date
    status: str
    department: str  # "67", or "" for a remote request outside Grand Est
    basin: str
    sectors: tuple[str, ...]
    themes: tuple[str, ...]
    structure_type: str
    publics: tuple[str, ...]
    participants: int
    ambassadors: tuple[str, ...]
    day: date | None  # the intervention date, once confirmed


def request_fact(row: Row, referential: Referential, basins: dict[str, str]) -> RequestFact | None:
    """None for a row that is no request (a duplicate, a row without ID or date)."""
    received = parse_date(row["Horodatage"])
    state = read_state(row)
    if not row["ID"].strip() or not received or state.status in request_life.NOT_REQUESTS:
        return None
    commune = referential.communes.resolve(row["Commune"]).commune if row["Commune"].strip() else None
    return RequestFact(
        id=row["ID"].strip(),
        received=received,
        status=state.status,
        department=commune.department if commune else "",
        basin=basins.get(commune.insee, "") if commune else "",
        sectors=referential.sectors.choices.many(row["Secteurs souhaités"]).chosen,
        themes=THEME.many(row["Thématique souhaitée"]).chosen,
        structure_type=STRUCTURE_TYPE.one(row["Type de structure"]) or "Autre",
        publics=PUBLIC.many(row["Public"]).chosen,
        participants=parse_int(row["Nombre de participants"]) or 0,
        ambassadors=state.ambassadors,
        day=state.confirmed_day,
    )
