"""The monthly indicators: rows for `Indicateurs` and the report for staff, computed once for a closed month and kept
as sent; asked for again, a month gets a new, dated version that says what changed."""

from datetime import date, datetime

from orientest.archives import label as label_of
from orientest.archives import register
from orientest.context import Context
from orientest.core import indicator_rows as indicator_cells
from orientest.core import journal
from orientest.core.email_factory import email
from orientest.core.email_factory import key as email_key
from orientest.core.french import MONTH_NAMES as MONTHS
from orientest.core.french import format_long_date, format_time, parse_decimal, school_year
from orientest.core.journal import Dated, ReportIssued
from orientest.core.parameters import read_parameters
from orientest.core.plan import Document, Plan, TabReplace
from orientest.core.run_summary import snapshot_after
from orientest.core.schema import Snapshot
from orientest.reference.territory import DEPARTMENTS
from orientest.reporting import dashboard, indicators
from orientest.reporting.facts import Facts, facts_from
from orientest.reporting.indicators import REGION, Figure, Period

FLOW = "indicators"
TABS = (
    "Demandes",
    "Ambassadeurs",
    "Retours",
    "Avis des participants",
    "Rencontres",
    "Journal",
    "Envois",
    "Bassins",
    "Paramètres",
    "Indicateurs",
    "Archives",
)
SHORT_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")
HEADLINES = (
    "Demandes reçues",
    "Demandes confirmées",
    "Interventions réalisées",
    "Taux de mise en relation",
    "Participants touchés",
    "Satisfaction moyenne (sur 5)",
    "Ambassadeurs actifs",
)
RATES = {
    "Taux de mise en relation",
    "Taux d'acceptation des propositions",
    "Part des avis satisfaits (4 ou 5 sur 5)",
    "Taux de réponse aux demandes d'avis",
    "Part des ambassadeurs actifs sollicités",
    indicators.BETTER_INFORMED,
    indicators.CONSIDERING,
    indicators.CHANGED_IDEA,
    indicators.NEXT_STEP,
}


def previous_month(day: date) -> date:
    return date(day.year - (day.month == 1), (day.month - 2) % 12 + 1, 1)


def decide(snapshot: Snapshot, context: Context, month: date | None = None) -> Plan:
    """`month` (its first day), asked for by staff, or by default the month before `now`: the flow runs on the 1st.
    A month already reported is left as sent unless asked for by name; then a new version if a figure changed."""
    parameters, _ = read_parameters(snapshot.get("Paramètres"))
    first = month or previous_month(context.now.date())
    label = f"{first:%Y-%m}"
    issued = journal.reports_issued(snapshot["Journal"].rows, label)
    sent_before = email_key("rapport_mensuel", label) in journal.sent_keys(snapshot)  # before versions
    if month is None and (issued or sent_before):
        return Plan(FLOW)
    register.refuse_archived(snapshot, label_of(school_year(first)), f"Indicateurs de {label}")
    facts = facts_from(snapshot, context.referential)
    current = indicators.month(first.year, first.month)
    periods = {current: indicators.compute(facts, current)}
    to_date = indicators.school_year_to_date(current)
    periods[to_date] = indicators.compute(facts, to_date)
    report = report_context(facts, first, periods)
    figures = tuple((item["name"], _number(item["value"])) for item in report["headlines"])
    version = issued[-1].event.version + 1 if issued else 1
    report |= {"taken_at": f"{format_long_date(context.now.date())} à {format_time(context.now)}", "version": version}
    if issued:
        report["changes"] = _changes(issued[-1], figures, report)
        if not report["changes"]:
            return Plan(FLOW)  # the version sent still says it all
    plan = Plan(FLOW)
    _write_rows(plan, snapshot, first, periods, context.now)
    long_table = indicator_cells.indicator_rows(snapshot_after(snapshot, plan)["Indicateurs"])
    plan.replaced.append(TabReplace("Tableau de bord", tuple(dashboard.rows(long_table, first))))
    name = f"rapport-{label}.html" if version == 1 else f"rapport-{label}-v{version}.html"
    plan.documents.append(Document(name, "emails/rapport_mensuel/piece_jointe.html", report))
    if parameters.staff_email:
        plan.emails.append(
            email(
                parameters,
                "rapport_mensuel",
                parameters.staff_email,
                label,
                {**report, "name": "l'équipe", "staff_email": parameters.staff_email},
                *((label,) if version == 1 else (label, f"v{version}")),
                reply_to="",
                attach=(name,),
            )
        )
    plan.journal.append(ReportIssued(label, version, figures).entry(context.now, FLOW))
    return journal.drop_sent(plan, snapshot)


def _changes(last: Dated[ReportIssued], figures: tuple[tuple[str, str], ...], report: dict) -> list[dict]:
    """The headlines that differ from the last version sent, with both values."""
    before = dict(last.event.figures)
    rates = {item["name"]: item["rate"] for item in report["headlines"]}
    report["previous_taken_at"] = f"{format_long_date(last.at.date())} à {format_time(last.at)}"
    return [
        {"name": name, "before": _value(before.get(name, "")), "after": _value(value), "rate": rates[name]}
        for name, value in figures
        if before.get(name, "") != value
    ]


def _value(text: str) -> float | None:
    number = parse_decimal(text) if text else None
    return None if number is None else float(number)


def _write_rows(
    plan: Plan, snapshot: Snapshot, first: date, periods: dict[Period, list[Figure]], now: datetime
) -> None:
    """One row per month × period × indicator × dimension; existing rows rewritten, stale ones emptied."""
    existing = indicator_cells.indicator_rows(snapshot["Indicateurs"])
    month = f"{first:%Y-%m}"
    seen = set()
    for period, figures in periods.items():
        for figure in figures:
            value = _number(figure.value)
            values = indicator_cells.written(month, period.label, figure.indicator, figure.dimension, value, now)
            row_id = indicator_cells.indicator_id(month, period.label, figure.indicator, figure.dimension)
            seen.add(row_id)
            if row_id not in existing:
                plan.appends.append(indicator_cells.new_row(values))
            elif existing[row_id].value != value:
                plan.updates.append(indicator_cells.rewritten(values))
    for row_id, row in existing.items():
        if row.month == month and row_id not in seen and row.value:
            plan.updates.append(indicator_cells.emptied(row_id, now))


def _number(value: float | None) -> str:
    if value is None:
        return ""  # no data: an empty cell, which sums and averages in a pivot table leave out
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}".rstrip("0").replace(".", ",")


def report_context(facts: Facts, first: date, periods: dict[Period, list[Figure]]) -> dict:
    """Plain figures for the report template: headlines with their change, series, map, white zones."""
    current, to_date = list(periods.values())
    before = previous_month(first)
    previous = indicators.compute(facts, indicators.month(before.year, before.month))
    region = {f.indicator: f.value for f in current if f.dimension == REGION}
    earlier = {f.indicator: f.value for f in previous if f.dimension == REGION}
    year = {f.indicator: f.value for f in to_date if f.dimension == REGION}
    series = _months_of_school_year(facts, first)
    departments = {
        f.dimension.removeprefix("Département : ")[:2]: f.value
        for f in to_date
        if f.indicator == "Demandes reçues" and f.dimension.startswith("Département : ")
    }
    return {
        "month": f"{MONTHS[first.month - 1]} {first.year}",
        "headlines": [
            {
                "name": name,
                "value": region.get(name, 0),
                "change": _change(region.get(name, 0), earlier.get(name, 0)),
                "rate": name in RATES,
            }
            for name in HEADLINES
        ],
        "series": series,
        "satisfaction": [(month["month"], month["Satisfaction moyenne (sur 5)"]) for month in series],
        "publics": [
            (f.dimension.removeprefix("Public : "), f.value)
            for f in to_date
            if f.indicator == "Participants touchés" and f.dimension != REGION
        ],
        "intentions": [
            (f.dimension.removeprefix("Intention : "), f.value)
            for f in to_date
            if f.indicator == INTENTIONS and f.dimension != REGION
        ],
        "group": _group(to_date),
        "network": {key: year.get(name) or 0 for name, key in NETWORK.items()},
        "attendance": [
            (f.dimension.removeprefix("Département : "), f.value)
            for f in to_date
            if f.indicator == indicators.ATTENDANCE and f.dimension != REGION
        ],
        "map": {code: value for code, value in departments.items() if code.isdigit()},
        "map_table": [(f"{code} - {DEPARTMENTS[code]}", departments.get(code, 0)) for code in DEPARTMENTS],
        "map_label": "Demandes reçues depuis la rentrée",
        "white_zones": [(f.dimension, f.value) for f in to_date if f.indicator.startswith("Zone blanche")],
        "year_to_date": [(f.indicator, f.value, f.indicator in RATES) for f in to_date if f.dimension == REGION],
    }


INTENTIONS = "Interventions suivies d'intentions de formation"
NETWORK = {indicators.EVENTS_HELD: "held", indicators.SEATS_TAKEN: "seats", indicators.ATTENDANCE: "attendance"}


def _group(to_date: list[Figure]) -> dict:
    """The participants' own answers since the school year began: how many, and the share saying each thing."""
    shares = {f.indicator: f.value for f in to_date if f.dimension == REGION}
    interventions = next(
        (f.value for f in to_date if f.indicator == indicators.GROUP_ANSWERS and f.dimension == "Interventions"), 0
    )
    return {
        "answers": shares.get(indicators.GROUP_ANSWERS) or 0,
        "interventions": interventions,
        "shares": [
            (label, shares.get(name))
            for label, name in (
                ("Se sentent mieux informés sur le métier ou le secteur", indicators.BETTER_INFORMED),
                ("Envisagent de travailler dans ce secteur", indicators.CONSIDERING),
                ("Une idée a changé", indicators.CHANGED_IDEA),
                ("Ont une prochaine étape en vue", indicators.NEXT_STEP),
            )
        ],
        "steps": [
            (f.dimension.removeprefix("Étape : "), f.value)
            for f in to_date
            if f.indicator == indicators.NEXT_STEP and f.dimension.startswith("Étape : ")
        ],
    }


def _change(value: float | None, before: float | None) -> float | None:
    """Against the previous month; none when either month had nothing to measure."""
    return None if value is None or before is None else value - before


SERIES = (
    "Demandes reçues",
    "Demandes confirmées",
    "Interventions réalisées",
    "Demandes sans solution",
    "Demandes annulées",
    "Satisfaction moyenne (sur 5)",
)


def _months_of_school_year(facts: Facts, first: date) -> list[dict]:
    """Region figures month by month, from September to the report's month."""
    start = date(first.year if first.month >= 9 else first.year - 1, 9, 1)
    rows, day = [], start
    while day <= first:
        figures = {
            f.indicator: f.value
            for f in indicators.compute(facts, indicators.month(day.year, day.month))
            if f.dimension == REGION
        }
        rows.append({"month": SHORT_MONTHS[day.month - 1], **{name: figures.get(name, 0) for name in SERIES}})
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return rows
