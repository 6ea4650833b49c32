"""What staff type in a request's own columns for orientest to act on, read once."""

from dataclasses import dataclass

from orientest.core.schema import Row


@dataclass(frozen=True)
class StaffEntries:
    id: str
    action: str  # `Action`: Annuler, Relancer, Rouvrir (cleared once carried out)
    manual: str  # `Affectation manuelle`: one or several IDs, each maybe followed by « forcer »


def read_staff_entries(row: Row) -> StaffEntries:
    return StaffEntries(row["ID"].strip(), row["Action"].strip(), row["Affectation manuelle"])
