"""Bassins d'emploi: staff own them in the `Bassins` tab; the default is one per arrondissement."""

from orientest.reference.territory import Communes


def default_basin_rows(communes: Communes) -> list[dict[str, str]]:
    """The rows `orientest init` writes into `Bassins`."""
    return [
        {"Code INSEE": c.insee, "Commune": c.name, "Bassin": c.arrondissement_name}
        for c in sorted(communes.all, key=lambda c: (c.arrondissement_name, c.name))
    ]
