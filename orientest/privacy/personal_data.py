"""Personal data: what is held on a person, and anonymising it (CNIL retention, or the person's request)."""

from collections.abc import Collection, Iterable
from datetime import datetime

from orientest.core.fingerprint import content_fingerprint, locator
from orientest.core.french import parse_datetime
from orientest.core.journal import DataAnonymised
from orientest.core.plan import Plan, RowKey, RowUpdate
from orientest.core.record_rows import names_forgotten
from orientest.core.schema import PERSONAL, Row, Snapshot, Table

ERASED = "anonymisé"


def is_erased(row: Row) -> bool:
    return row["Adresse e-mail"].strip() == ERASED


def anonymised(table: Table, row: Row) -> RowUpdate:
    """The row with every personal answer blanked (the address says why), found again at write time."""
    name = table.tab.name
    values = {title: "" for title in PERSONAL[name] if title in table.columns and row[title].strip()}
    if "Adresse e-mail" in values:
        values["Adresse e-mail"] = ERASED
    if "ID" in table.tab.titles():
        values["Empreinte"] = content_fingerprint(row.with_values(values), table.tab)
        key = RowKey(id=row["ID"].strip()) if row["ID"].strip() else RowKey(locator=locator(row, table.tab))
    else:
        key = RowKey(locator=locator(row, table.tab))
    return RowUpdate(name, key, values, edits_answers=True)


def rows_about(snapshot: Snapshot, email: str) -> dict[str, list[Row]]:
    """Every row that holds something on the person with this address, tab by tab."""
    wanted = email.strip().casefold()
    records = {
        name: [r for r in snapshot[name].rows if r["Adresse e-mail"].strip().casefold() == wanted]
        for name in ("Ambassadeurs", "Demandes")
    }
    return related(snapshot, records, wanted)


def related(snapshot: Snapshot, records: dict[str, list[Row]], email: str = "") -> dict[str, list[Row]]:
    """The records, and what other tabs hold on them: their journal lines, answers, feedback and updates."""
    ids = {r["ID"].strip() for rows in records.values() for r in rows if r["ID"].strip()}
    addresses = {r["Adresse e-mail"].strip().casefold() for r in records.get("Ambassadeurs", [])} | (
        {email} if email else set()
    )
    found = {name: list(rows) for name, rows in records.items()}
    found["Mises à jour"] = [
        r for r in snapshot["Mises à jour"].rows if r["Adresse e-mail"].strip().casefold() in addresses
    ]
    for name in ("Journal", "Envois"):
        found[name] = [r for r in _rows(snapshot, name) if _names(r, ids, addresses)]
    for name in ("Réponses", "Retours"):
        found[name] = [r for r in snapshot[name].rows if _token_names(r["Jeton"], ids)]
    if (registrations := snapshot.get("Inscriptions aux rencontres")) is not None:  # the ID in its tokens, no more
        found[registrations.tab.name] = [r for r in registrations.rows if _token_names(r["Jeton"], ids)]
    return found


def _rows(snapshot: Snapshot, name: str) -> tuple[Row, ...]:
    table = snapshot.get(name)
    return table.rows if table is not None else ()


def _names(row: Row, ids: set[str], addresses: set[str]) -> bool:
    """A journal or sending line about the records (a proposal names its ambassador as `Destinataire`), or to them."""
    recipient = row["Destinataire"]
    return row["Référence"] in ids or recipient in ids or any(a and a in recipient.casefold() for a in addresses)


def _token_names(token: str, ids: set[str]) -> bool:
    parts = token.split(".")
    return len(parts) == 5 and (parts[1] in ids or (parts[1] == "DEMANDEUR" and parts[0] in ids))


def export(snapshot: Snapshot, email: str) -> dict[str, list[dict[str, str]]]:
    """Everything held on the person, as plain data (the right of access)."""
    return {
        name: [{title: value for title, value in row.values.items() if value.strip()} for row in rows]
        for name, rows in rows_about(snapshot, email).items()
        if rows
    }


def erasure(snapshot: Snapshot, email: str, now: datetime, flow: str) -> Plan:
    """Anonymise everything held on the person; the journal keeps that it was done, not who it was. Nothing held:
    an empty plan."""
    about = rows_about(snapshot, email)
    updates = [anonymised(snapshot[name], row) for name, rows in about.items() for row in rows]
    updates = [update for update in updates if update.values]
    updates += names_forgotten(
        snapshot, {row["ID"].strip() for row in about.get("Ambassadeurs", []) if row["ID"].strip()}
    )
    if not updates:
        return Plan(flow)
    event = DataAnonymised(f"{len(updates)} ligne(s) anonymisée(s) à la demande de la personne")
    return Plan(flow, updates=updates, journal=[event.entry(now, flow)])


def last_contact(row: Row) -> datetime | None:
    """The latest date the row shows: submission, last update or intervention (a request's only)."""
    read = [parse_datetime(row.get(title)) for title in ("Horodatage", "Mis à jour le", "Date confirmée")]
    dates = [d for d in read if d]
    return max(dates) if dates else None


def due_for_retention(rows: Iterable[Row], statuses: Collection[str], before: datetime) -> list[Row]:
    return [
        row
        for row in rows
        if row["Statut"].strip() in statuses and not is_erased(row) and (last_contact(row) or before) < before
    ]


def gone_before(rows: Iterable[Row], statuses: Collection[str], before: datetime) -> list[Row]:
    """Records in `statuses` last seen before `before`, anonymised already or not: what an archive still holds on
    them is due too."""
    return [row for row in rows if row["Statut"].strip() in statuses and (last_contact(row) or before) < before]


def sent_before(rows: Iterable[Row], before: datetime) -> list[Row]:
    """Rows sent before `before` (a processed update in an archive: applied long ago, kept no longer)."""
    return [row for row in rows if (sent := parse_datetime(row["Horodatage"])) is not None and sent < before]


def changes(update: RowUpdate, row: Row) -> bool:
    """The update changes something on the row (an anonymised row is not anonymised again every month)."""
    return any(row.get(title) != value for title, value in update.values.items() if title != "Empreinte")
