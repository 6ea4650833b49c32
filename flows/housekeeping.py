"""Flow `housekeeping` (daily, at night): charter revisions, personal data past its retention period, and in
September each finished school year archived."""

from datetime import date, datetime

from prefect import flow

from connectors.wiring import Connectors
from flows import archiving, incidents, pipeline
from flows.runtime import connectors_for
from orientest import archives
from orientest import housekeeping as domain
from orientest.archives import register

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
    connectors = connectors_for(workbook, outbox)
    done = {} if dry_run else archive_and_retain(connectors, pipeline.clock(today, connectors.settings.timezone))
    return pipeline.execute(STEP, workbook, outbox, today, dry_run) | done


def archive_and_retain(connectors: Connectors, now: datetime) -> dict[str, int]:
    """In September (and after, while a year's move waits), each finished school year archived; on the 2nd of each
    month, retention in the archives. Before the nightly run: the À faire tab it rebuilds points at the lines as they
    are after the move."""
    done = {}
    if archives.due(now.date()) or register.pending(connectors.workbook.read([register.TAB])):
        done["lignes archivées"] = sum(moved.removed for moved in archiving.archive_finished_years(connectors, now))
    if now.day == archives.ARCHIVE_DAY[1]:
        done["lignes anonymisées dans les archives"] = archiving.retain_in_archives(connectors, now)
    return done
