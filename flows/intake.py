"""Flow `intake`: new signups and requests get an ID, a status, anomalies and an acknowledgement."""

from datetime import date

from prefect import flow

from flows import incidents, pipeline
from orientest import intake as domain

STEP = pipeline.Step("intake", domain.TABS, domain.decide, signs_links=False)


@flow(
    name="intake",
    description="Valide les inscriptions et les demandes, attribue les ID, accuse réception.",
    on_failure=[incidents.alert_staff],
    on_completion=[incidents.close_incident],
)
def intake(
    workbook: str | None = None, outbox: str | None = None, today: date | None = None, dry_run: bool = False
) -> dict:
    return pipeline.execute(STEP, workbook, outbox, today, dry_run)
