"""Flow `housekeeping` (daily, at night): charter revisions, and personal data past its retention period."""

from datetime import date

from prefect import flow

from flows import incidents, pipeline
from orientest import housekeeping as domain

STEP = pipeline.Step("housekeeping", domain.TABS, domain.decide)


@flow(
    name="housekeeping",
    description="Charte à accepter, anonymisation des données anciennes.",
    on_failure=[incidents.alert_staff],
    on_completion=[incidents.close_incident],
)
def housekeeping(
    workbook: str | None = None, outbox: str | None = None, today: date | None = None, dry_run: bool = False
) -> dict:
    return pipeline.execute(STEP, workbook, outbox, today, dry_run)
