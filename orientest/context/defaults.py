"""What a new workbook starts with, besides its headers."""

from orientest.context.referential import Referential
from orientest.core.parameters import default_rows
from orientest.forms.registry import registry_row
from orientest.reference.basins import default_basin_rows


def initial_rows(
    referential: Referential, staff_email: str = "", sender_name: str = ""
) -> dict[str, list[dict[str, str]]]:
    return {
        "Paramètres": default_rows(referential.sectors.domain_labels, staff_email, sender_name),
        "Bassins": default_basin_rows(referential.communes),
        "Formulaires": [registry_row(form) for form in referential.forms.values()],
    }
