"""Flow `housekeeping` (daily, at night): charter revisions, personal data past its retention period, and in
September each finished school year archived."""

from datetime import date

from prefect import flow

from flows import archiving, incidents, pipeline
from flows.runtime import connectors_for
from orientest import archives
from orientest import housekeeping as domain

STEP = pipeline.Step("housekeeping", domain.TABS, domain.decide)


@flow(
    name="housekeeping",
    description="Charte à accepter, anonymisation des données anciennes, archivage de l'année scolaire finie.",
    on_failure=[incidents.alert_staff],
    on_completion=[incidents.close_incident],
)
def housekeeping(
    workbook: str | None = None, outbox: str | None = None, today: date | None = None, dry_run: bool = False
) -> dict:
    summary = pipeline.execute(STEP, workbook, outbox, today, dry_run)
    connectors = connectors_for(workbook, outbox)
    now = pipeline.clock(today, connectors.settings.timezone)
    if not dry_run and archives.due(now.date()):
        moves = archiving.archive_finished_years(connectors, now)
        summary["lignes archivées"] = sum(moved.removed for moved in moves)
    if not dry_run and now.day == archives.ARCHIVE_DAY[1]:  # once a month, the archives' share of retention
        summary["lignes anonymisées dans les archives"] = archiving.retain_in_archives(connectors, now)
    return summary
