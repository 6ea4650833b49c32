"""Bassins d'emploi: staff own them in the `Bassins` tab; the default is one per arrondissement."""

from orientest.core.schema import Table
from orientest.reference.territory import Communes


def default_basin_rows(communes: Communes) -> list[dict[str, str]]:
    """The rows `orientest init` writes into `Bassins`."""
    return [
        {"Code INSEE": c.insee, "Commune": c.name, "Bassin": c.arrondissement_name}
        for c in sorted(communes.all, key=lambda c: (c.arrondissement_name, c.name))
    ]


def basins_of(table: Table | None) -> dict[str, str]:
    """INSEE code → bassin, as staff keep them in `Bassins` (rows without either left out)."""
    return {
        row["Code INSEE"].strip(): row["Bassin"].strip()
        for row in (table.rows if table else ())
        if row["Code INSEE"].strip() and row["Bassin"].strip()
    }
