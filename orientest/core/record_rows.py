"""A row of `Ambassadeurs` or `Demandes` as the flows see it besides its form answers: its ID, status, fingerprint and
the cells orientest keeps on it, read once; and the cells a run writes back. The only place, with the record
packages, that knows these columns."""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from orientest.core.cells import ids, with_lines
from orientest.core.fingerprint import content_fingerprint, locator
from orientest.core.french import format_datetime, parse_datetime
from orientest.core.plan import Plan, RowKey, RowUpdate
from orientest.core.schema import Row, Snapshot, Tab, Table

RETAINED = "Valeurs retenues"


@dataclass(frozen=True)
class RecordRow:
    row: Row  # the form answers, for the readers of each form and the fingerprint
    tab: Tab
    id: str  # "" until intake gives one
    status: str
    fingerprint: str  # `Empreinte`: the answers intake last checked
    anomalies: str
    email: str  # `Adresse e-mail` as typed (checked by `forms.fields.contact`)
    charter_version: str = ""  # ambassadors: the charter they accepted
    interventions: str = ""  # ambassadors: the count orientest last wrote
    retained: str = ""  # requests: their last valid answers (`requests.retained`)
    last_training: str = ""  # ambassadors: « 14/01/2027 – Accueillir une classe », as orientest last wrote it

    @property
    def submitted_at(self) -> datetime | None:
        """When the form was sent (read only when asked: most runs look up rows by ID and never need it)."""
        return parse_datetime(self.row["Horodatage"])

    @property
    def updated_at(self) -> datetime | None:
        """`Mis à jour le`: the last time orientest wrote on the row."""
        return parse_datetime(self.row["Mis à jour le"])

    @property
    def key(self) -> RowKey:
        """How the row is found at write time: by its ID, or, before it has one, by its content."""
        return RowKey(id=self.id) if self.id else RowKey(locator=locator(self.row, self.tab))

    @property
    def answers_fingerprint(self) -> str:
        return content_fingerprint(self.row, self.tab)

    @property
    def as_checked(self) -> bool:
        """Its answers are those intake checked: nobody edited them since."""
        return bool(self.id) and self.fingerprint == self.answers_fingerprint

    def update(
        self,
        now: datetime | None = None,
        *,
        id: str | None = None,
        status: str | None = None,
        anomalies: str | None = None,
        fingerprint: str | None = None,
        charter_version: str | None = None,
        interventions: str | None = None,
        retained: str | None = None,
    ) -> RowUpdate:
        """The cells orientest writes on it (those given), stamped `Mis à jour le` when `now` is."""
        given = {
            "id": id,
            "status": status,
            "anomalies": anomalies,
            "fingerprint": fingerprint,
            "charter_version": charter_version,
            "interventions": interventions,
            "retained": retained,
        }
        values = {COLUMNS[name]: value for name, value in given.items() if value is not None}
        if now is not None:
            values["Mis à jour le"] = format_datetime(now)
        return RowUpdate(self.tab.name, self.key, values)


COLUMNS = {
    "id": "ID",
    "status": "Statut",
    "anomalies": "Anomalies",
    "fingerprint": "Empreinte",
    "charter_version": "Charte acceptée (version)",
    "interventions": "Interventions (année scolaire)",
    "retained": RETAINED,
    "last_training": "Dernière formation",
}


def noted_in_plan(plan: Plan, tab: str, record_id: str, lines: list[str]) -> bool:
    """`lines` added to the `Anomalies` this run already writes on the record, if it writes any."""
    for position in range(len(plan.updates) - 1, -1, -1):
        update = plan.updates[position]
        if update.tab == tab and record_id in (update.key.id, update.values.get("ID")) and "Anomalies" in update.values:
            merged = with_lines(update.values["Anomalies"], lines)
            plan.updates[position] = replace(update, values={**update.values, "Anomalies": merged})
            return True
    return False


def record_row(row: Row, tab: Tab) -> RecordRow:
    optional = {name: row.get(title) for name, title in COLUMNS.items() if title in tab.title_set}
    return RecordRow(
        row,
        tab,
        row["ID"].strip(),
        row["Statut"].strip(),
        row["Empreinte"],
        row["Anomalies"].strip(),
        row["Adresse e-mail"],
        charter_version=optional.get("charter_version", "").strip(),
        interventions=optional.get("interventions", ""),
        retained=optional.get("retained", "").strip(),
        last_training=optional.get("last_training", "").strip(),
    )


def record_rows(table: Table | None) -> list[RecordRow]:
    return [record_row(row, table.tab) for row in table.rows] if table else []


def shown_name(row: Row) -> str:
    """What people call a record: a request by its structure, an ambassador by first and last name."""
    if row.tab is not None and row.tab.name == "Demandes":
        return row["Nom de la structure"].strip()
    return " ".join(part for part in (row.get("Prénom").strip(), row.get("Nom").strip()) if part)


def record_names(snapshot: Snapshot, plan: Plan | None = None) -> dict[str, str]:
    """Record ID → its shown name, for every request and ambassador, and those `plan` gives an ID to."""
    names: dict[str, str] = {}
    unnamed: dict[str, Row] = {}
    for name in ("Ambassadeurs", "Demandes"):
        if (table := snapshot.get(name)) is None:
            continue
        for row in table.rows:
            if record_id := row["ID"].strip():
                names[record_id] = shown_name(row)
            elif plan is not None:
                unnamed[locator(row, table.tab)] = row
    for update in plan.updates if plan is not None and unnamed else ():
        if (given := update.values.get("ID")) and (new := unnamed.get(update.key.locator)) is not None:
            names[given] = shown_name(new)
    return {record_id: name for record_id, name in names.items() if name}


NAMED = {"Ambassadeur": "Nom de l'ambassadeur", "Proposée à": "Proposée à (nom)"}  # ID column → its names
FORGOTTEN = "anonymisé"


def names_beside(cell: str, names: Mapping[str, str]) -> str:
    """The names of the IDs a cell lists, in its order (an ID nobody knows stays as it is)."""
    return ", ".join(names.get(record_id, record_id) for record_id in ids(cell))


def with_names(updates: list[RowUpdate], names: Mapping[str, str]) -> list[RowUpdate]:
    """Each update writing an `Ambassadeur` or `Proposée à` of `Demandes` writes the names beside it too."""
    named = []
    for update in updates:
        written = {NAMED[title]: names_beside(value, names) for title, value in update.values.items() if title in NAMED}
        named.append(
            replace(update, values={**update.values, **written}) if update.tab == "Demandes" and written else update
        )
    return named


def names_forgotten(snapshot: Snapshot, ambassador_ids: set[str]) -> list[RowUpdate]:
    """The requests naming these ambassadors, their names replaced by « anonymisé » (the others' names kept)."""
    if not ambassador_ids:
        return []
    names = record_names(snapshot) | dict.fromkeys(ambassador_ids, FORGOTTEN)
    updates = []
    for record in record_rows(snapshot.get("Demandes")):
        cells = {title: record.row[title] for title in NAMED}
        if record.id and any(set(ids(cell)) & ambassador_ids for cell in cells.values()):
            values = {NAMED[title]: names_beside(cell, names) for title, cell in cells.items()}
            updates.append(RowUpdate("Demandes", RowKey(id=record.id), values))
    return updates
