"""The reference data every decision may need, loaded once by the caller."""

from dataclasses import dataclass

from orientest.sectors import Sectors
from orientest.territory import Communes


@dataclass(frozen=True)
class Referential:
    communes: Communes
    sectors: Sectors
