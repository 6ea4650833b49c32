"""Flow `matching`: answers, reminders, expiries, staff columns, then proposals for every open request."""

from datetime import date

from prefect import flow

from flows import incidents, pipeline
from orientest import matching as domain

STEP = pipeline.Step("matching", domain.TABS, domain.decide)


@flow(
    name="matching",
    description="Traite les réponses, relance, fait expirer, puis propose chaque demande ouverte.",
    on_failure=[incidents.alert_staff],
    on_completion=[incidents.close_incident],
)
def matching(
    workbook: str | None = None, outbox: str | None = None, today: date | None = None, dry_run: bool = False
) -> dict:
    return pipeline.execute(STEP, workbook, outbox, today, dry_run)
