"""Flow `followup` (daily): reminders, feedback, no-shows, closing, record updates and departures."""

from datetime import date

from prefect import flow

from flows import incidents, pipeline
from orientest import followup as domain

STEP = pipeline.Step("followup", domain.TABS, domain.decide)


@flow(
    name="followup",
    description="Rappels, demandes d'avis, absences, clôtures, mises à jour des fiches.",
    on_failure=[incidents.alert_staff],
    on_completion=[incidents.close_incident],
)
def followup(
    workbook: str | None = None, outbox: str | None = None, today: date | None = None, dry_run: bool = False
) -> dict:
    return pipeline.execute(STEP, workbook, outbox, today, dry_run)
