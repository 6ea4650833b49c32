"""What a run leaves behind, for its summary: rows by status once its plan is written, anomalies it found."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

from orientest.core import journal
from orientest.core.fingerprint import locator
from orientest.core.plan import Plan
from orientest.core.schema import Row, Snapshot, Table

COUNTED_TABS = ("Demandes", "Ambassadeurs")


def statuses_after(snapshot: Snapshot, plan: Plan) -> dict[str, dict[str, int]]:
    """For each tab with a `Statut`: how many rows hold each status, with this run's changes."""
    counts = {}
    for tab in COUNTED_TABS:
        table = snapshot.get(tab)
        if table is None:
            continue
        status = {row["ID"] or locator(row, table.tab): row["Statut"] for row in table.rows}
        for update in plan.updates:
            key = update.key.id or update.key.locator
            if update.tab == tab and "Statut" in update.values and key in status:
                status[key] = update.values["Statut"]
        counts[tab] = dict(sorted(Counter(value or "(sans statut)" for value in status.values()).items()))
    return counts


def anomalies_found(plan: Plan) -> int:
    """Rows this run marks with at least one anomaly."""
    return sum(1 for update in plan.updates if update.values.get("Anomalies", "").strip())


def snapshot_after(snapshot: Snapshot, plan: Plan) -> Snapshot:
    """The tabs as they will read once `plan` is written: rows updated (found by ID or locator), rows and journal
    lines appended. What follows the run (the À faire tab) is computed from it without reading again."""
    updates: dict[tuple[str, str], dict[str, str]] = {}
    by_locator = set()  # tabs some rows of which are found by locator: only there is it computed
    for update in plan.updates:
        updates.setdefault((update.tab, update.key.id or update.key.locator), {}).update(update.values)
        if not update.key.id:
            by_locator.add(update.tab)
    touched = {tab for tab, _ in updates}
    appended: dict[str, list[Mapping[str, str]]] = {}
    for append in plan.appends:
        appended.setdefault(append.tab, []).append(append.values)
    appended.setdefault("Journal", []).extend(journal.as_row(entry) for entry in plan.journal)
    after = {}
    for name, table in snapshot.items():
        rows = (
            [_updated(row, table, updates, name in by_locator) for row in table.rows]
            if name in touched
            else list(table.rows)
        )
        line = max((row.line for row in rows), default=1)
        rows += [Row(line + n, dict(values), table.tab) for n, values in enumerate(appended.get(name, []), start=1)]
        after[name] = replace(table, rows=tuple(rows))
    return after


def _updated(row: Row, table: Table, updates: Mapping[tuple[str, str], dict[str, str]], by_locator: bool) -> Row:
    name = table.tab.name
    changed = updates.get((name, row["ID"].strip())) if "ID" in table.tab.title_set and row["ID"].strip() else None
    if changed is None and by_locator:
        changed = updates.get((name, locator(row, table.tab)))
    return row.with_values(changed) if changed else row
