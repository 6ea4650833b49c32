"""Loads the reference data shipped in `data/`."""

import csv
from functools import lru_cache
from pathlib import Path

from orientest.context.referential import Referential
from orientest.reference.school_calendar import Holidays, SchoolCalendar
from orientest.reference.sectors import Sectors
from orientest.reference.territory import Communes


@lru_cache(maxsize=4)
def load_referential(data_dir: Path) -> Referential:
    with open(data_dir / "communes_grand_est.csv", encoding="utf-8", newline="") as communes:
        commune_table = Communes.from_rows(csv.DictReader(communes))
    with open(data_dir / "rome_domaines.csv", encoding="utf-8", newline="") as sectors:
        sector_table = Sectors.from_rows(csv.DictReader(sectors))
    with open(data_dir / "vacances_scolaires.csv", encoding="utf-8", newline="") as holidays:
        calendar = SchoolCalendar(Holidays.from_rows(csv.DictReader(holidays)))
    return Referential(commune_table, sector_table, calendar)
