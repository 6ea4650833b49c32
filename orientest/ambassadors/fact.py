"""An ambassador as the indicators count them, read from their row: when they joined, their status, what they cover."""

from dataclasses import dataclass
from datetime import date

from orientest.context.referential import Referential
from orientest.core.french import parse_date
from orientest.core.schema import Row
from orientest.forms.options import DEPARTMENT
from orientest.statuses import ambassadors as ambassador_life


@dataclass(frozen=True)
class AmbassadorFact:
    id: str
    joined: date
    status: str
    departments: tuple[str, ...]  # "" for the whole region
    sectors: tuple[str, ...]


def ambassador_fact(row: Row, referential: Referential) -> AmbassadorFact | None:
    """None for a row that is no ambassador (a duplicate, a row without ID or date)."""
    joined = parse_date(row["Horodatage"])
    status = row["Statut"].strip()
    if not row["ID"].strip() or not joined or status in ambassador_life.NOT_AMBASSADORS:
        return None
    region = row["Zone d'intervention"].strip().startswith("Région")
    return AmbassadorFact(
        id=row["ID"].strip(),
        joined=joined,
        status=status,
        departments=("",) if region else _departments(row, referential),
        sectors=referential.sectors.choices.many(row["Secteurs"]).chosen,
    )


def _departments(row: Row, referential: Referential) -> tuple[str, ...]:
    """The départements an ambassador covers: listed ones, or that of their home commune."""
    listed = tuple(label[:2] for label in DEPARTMENT.many(row["Départements"]).chosen)
    if listed:
        return listed
    home = referential.communes.resolve(row["Commune de rattachement"]).commune
    return (home.department,) if home else ()
