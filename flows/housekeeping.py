"""Flow `housekeeping` (daily, at night): charter revisions, and personal data past its retention period."""

from datetime import date, datetime

from prefect import flow

from connectors.wiring import Connectors
from flows import pipeline
from flows.runtime import connectors_for, token_secret
from orientest import housekeeping as domain
from orientest.plan import Plan
from orientest.schema import Snapshot


def _decide(snapshot: Snapshot, connectors: Connectors, now: datetime) -> Plan:
    return domain.decide(snapshot, domain.Context(now, token_secret(connectors.settings)))


STEP = pipeline.Step("housekeeping", domain.TABS, _decide)


@flow(name="housekeeping", description="Charte à accepter, anonymisation des données anciennes.")
def housekeeping(workbook: str | None = None, outbox: str | None = None, today: date | None = None,
                 dry_run: bool = False) -> dict:
    connectors = connectors_for(workbook, outbox)
    now = pipeline.clock(today, connectors.settings.timezone)
    _, outcome = pipeline.run(STEP, connectors, now, dry_run)
    return outcome.summary()
