"""`Tableau de bord`: the long `Indicateurs` table as a person reads it, one row per indicator and dimension, the
school year's months as columns, rebuilt whole from it by the run that writes it."""

from datetime import date

from orientest.core.french import school_year
from orientest.core.indicator_rows import IndicatorRow
from orientest.core.schema import SCHOOL_MONTHS

MONTH = "mois"
TO_DATE = "année scolaire à date"


def rows(indicators: dict[str, IndicatorRow], of_month: date) -> list[dict[str, str]]:
    """The school year holding `of_month`: each indicator × dimension in the long table's order, a value per month
    (empty: not computed, or nothing to measure), and the year to date as of the latest month reported."""
    start = school_year(of_month)
    months = [f"{start + (n >= 4)}-{(n + 8) % 12 + 1:02d}" for n in range(12)]  # 2026-09 … 2027-08
    columns = dict(zip(months, SCHOOL_MONTHS, strict=True))
    found: dict[tuple[str, str], dict[str, str]] = {}
    latest: dict[tuple[str, str], tuple[str, str]] = {}
    for row in indicators.values():
        month, period, indicator, dimension = (row.id.split("|") + ["", "", "", ""])[:4]
        if month not in columns or not indicator:
            continue
        line = found.setdefault((indicator, dimension), {})
        if period == MONTH:
            line[columns[month]] = row.value
        elif period == TO_DATE and month >= latest.get((indicator, dimension), ("", ""))[0]:
            latest[(indicator, dimension)] = (month, row.value)
    label = f"{start}-{start + 1}"
    return [
        {
            "Année scolaire": label,
            "Indicateur": indicator,
            "Dimension": dimension,
            **values,
            "Année à date": latest.get((indicator, dimension), ("", ""))[1],
        }
        for (indicator, dimension), values in found.items()
    ]
