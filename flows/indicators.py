"""Flow `indicators` (the 1st of each month, or on demand for a month): `Indicateurs`, the report, the e-mail."""

from datetime import date
from functools import partial

from prefect import flow
from prefect.artifacts import create_table_artifact
from prefect.context import FlowRunContext

from flows import incidents, pipeline
from orientest import reporting as domain

STEP = pipeline.Step("indicators", domain.TABS, domain.decide, signs_links=False)


def step_for(month: str | None) -> pipeline.Step:
    """`month` as `AAAA-MM`; none: the month before today."""
    if not month:
        return STEP
    year, number = (int(part) for part in month.split("-"))
    return pipeline.Step(
        "indicators", domain.TABS, partial(domain.decide, month=date(year, number, 1)), signs_links=False
    )


@flow(
    name="indicators",
    description="Indicateurs du mois, rapport HTML et envoi à l'équipe.",
    on_failure=[incidents.alert_staff],
    on_completion=[incidents.close_incident],
)
def indicators(
    workbook: str | None = None,
    outbox: str | None = None,
    today: date | None = None,
    dry_run: bool = False,
    month: str | None = None,
) -> dict:
    summary = pipeline.execute(step_for(month), workbook, outbox, today, dry_run)
    if FlowRunContext.get():
        create_table_artifact(
            [{"élément": key, "valeur": str(value)} for key, value in summary.items()],
            key="orientest-indicateurs-tableau",
        )
    return summary
