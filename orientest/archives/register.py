"""The `Archives` tab: for each finished school year, where its archive is and how far its move went."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from orientest.core.french import format_datetime
from orientest.core.plan import RowAppend, RowKey, RowUpdate
from orientest.core.schema import Snapshot

TAB = "Archives"
DONE = "Archivée"
WAITING = "En attente du classeur d'archives"
STOPPED = "Arrêtée : archives incomplètes, rien n'a quitté le classeur"
REMOVING = "Copiée et vérifiée : retrait du classeur en cours"  # until the live rows are gone: a rerun finishes


class ArchivedYear(Exception):
    """A computation asked for a school year whose records left for its archive; the message says what stays."""


@dataclass(frozen=True)
class Entry:
    """One school year's line: its archive's address (a file name, or a Google address staff pasted)."""

    label: str
    address: str = ""
    present: bool = False
    state: str = ""
    how: str = ""  # what staff still have to do
    line: int = 0

    @property
    def holds_rows(self) -> bool:
        """Rows went there: an archive to read for a person's data and for retention."""
        return bool(self.address) and self.state != WAITING


def entries(snapshot: Snapshot) -> dict[str, Entry]:
    table = snapshot.get(TAB)
    found = {}
    for row in table.rows if table is not None else ():
        label = row["ID"].strip()
        if label:
            found[label] = Entry(
                label, row["Classeur"].strip(), True, row["État"].strip(), row["Comment faire"].strip(), row.line
            )
    return found


def ask_for_a_spreadsheet(label: str, account: str) -> str:
    """Google: a service account may not create a spreadsheet (it has no storage of its own); staff do."""
    return (
        f"Créez un classeur Google nommé « Archives {label} », partagez-le en modification avec {account}, puis collez "
        "son adresse dans la colonne « Classeur » de cette ligne : le passage de la nuit suivante y rangera l'année."
    )


def cut_short(error: str) -> str:
    return f"{error} Le passage suivant reprendra où celui-ci s'est arrêté, sans rien copier deux fois."


def not_all_there(missing: int) -> str:
    return f"{missing} ligne(s) relue(s) introuvable(s) dans les archives ; le passage suivant réessaiera."


def what_stays(kept: Mapping[str, tuple[str, ...]], changed: int = 0) -> str:
    """The rows that did not leave, and why: a column staff added, or a row changed during the move."""
    said = []
    for name, headers in kept.items():
        columns = ", ".join(f"« {header} »" for header in headers)
        said.append(
            f"Des lignes de « {name} » restent dans le classeur : elles ont quelque chose dans {columns}, colonne(s) "
            "ajoutée(s) à la main que les archives n'ont pas ; recopiez-le ailleurs et videz-le pour qu'elles partent."
        )
    if changed:
        said.append(
            f"{changed} ligne(s) modifiée(s) pendant l'archivage restent dans le classeur jusqu'à l'an prochain."
        )
    return " ".join(said)


def pending(snapshot: Snapshot) -> bool:
    """A year's move waits (for its spreadsheet, or after a run cut short): the nightly run tries again, even past
    September."""
    return any(entry.state in (WAITING, STOPPED, REMOVING) for entry in entries(snapshot).values())


def noted(entry: Entry, now: datetime, state: str, held: int, how: str, address: str) -> RowUpdate | RowAppend:
    """The year's line: its state, the rows its archive holds (counted there: a rerun counts nothing twice), what
    staff still have to do."""
    values = {"Classeur": address or entry.address, "État": state, "Comment faire": how}
    if held:
        values |= {"Lignes archivées": str(held), "Dernier archivage": format_datetime(now)}
    if entry.present:
        return RowUpdate(TAB, RowKey(id=entry.label), values)
    return RowAppend(TAB, {"ID": entry.label, **values})


def refuse_archived(snapshot: Snapshot, year: str, what: str) -> None:
    """Raise `ArchivedYear` when `year` (« 2025-2026 ») has rows in its archive: a figure computed from the live
    workbook alone would be false."""
    entry = entries(snapshot).get(year)
    if entry is not None and entry.holds_rows:
        raise ArchivedYear(
            f"{what} : l'année scolaire {year} est archivée (« {entry.address} ») ; ses chiffres et ses rapports "
            "restent tels qu'ils ont été envoyés, ils ne sont pas recalculés."
        )
