"""The `Indicateurs` tab: one row per month × period × indicator × dimension, found again by its ID."""

from dataclasses import dataclass
from datetime import datetime

from orientest.core.french import format_datetime
from orientest.core.plan import RowAppend, RowKey, RowUpdate
from orientest.core.schema import Table

TAB = "Indicateurs"


@dataclass(frozen=True)
class IndicatorRow:
    id: str  # month, period, indicator and dimension: a rerun rewrites its rows instead of adding more
    month: str  # « 2026-11 »
    value: str  # as written: a number, or "" for nothing measured


def indicator_rows(table: Table | None) -> dict[str, IndicatorRow]:
    return {
        row["ID"].strip(): IndicatorRow(row["ID"].strip(), row["Mois"], row["Valeur"])
        for row in (table.rows if table else ())
        if row["ID"].strip()
    }


def indicator_id(month: str, period: str, indicator: str, dimension: str) -> str:
    return f"{month}|{period}|{indicator}|{dimension}"


def written(month: str, period: str, indicator: str, dimension: str, value: str, now: datetime) -> dict[str, str]:
    return {
        "Mois": month,
        "Période": period,
        "Indicateur": indicator,
        "Dimension": dimension,
        "Valeur": value,
        "Calculé le": format_datetime(now),
        "ID": indicator_id(month, period, indicator, dimension),
    }


def new_row(values: dict[str, str]) -> RowAppend:
    return RowAppend(TAB, values)


def rewritten(values: dict[str, str]) -> RowUpdate:
    return RowUpdate(TAB, RowKey(id=values["ID"]), values)


def emptied(row_id: str, now: datetime) -> RowUpdate:
    """A figure no longer computed for its month: its value emptied, so that nobody reads a stale one."""
    return RowUpdate(TAB, RowKey(id=row_id), {"Valeur": "", "Calculé le": format_datetime(now)})
