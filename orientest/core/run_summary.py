"""What a run leaves behind, for its summary: rows by status once its plan is written, anomalies it found."""

from collections import Counter

from orientest.core.fingerprint import locator
from orientest.core.plan import Plan
from orientest.core.schema import Snapshot

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
