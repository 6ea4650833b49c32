"""Flow `intake`: new signups and requests get an ID, a status, anomalies and an acknowledgement."""

from datetime import date, datetime

from prefect import flow

from connectors.wiring import Connectors
from flows import pipeline
from flows.runtime import connectors_for
from orientest import intake as domain
from orientest.plan import Plan
from orientest.schema import Snapshot


def _decide(snapshot: Snapshot, connectors: Connectors, now: datetime) -> Plan:
    return domain.decide(snapshot, domain.Context(now, connectors.referential))


STEP = pipeline.Step("intake", domain.TABS, _decide)


@flow(name="intake", description="Valide les inscriptions et les demandes, attribue les ID, accuse réception.")
def intake(workbook: str | None = None, outbox: str | None = None, today: date | None = None,
           dry_run: bool = False) -> dict:
    connectors = connectors_for(workbook, outbox)
    now = pipeline.clock(today, connectors.settings.timezone)
    _, outcome = pipeline.run(STEP, connectors, now, dry_run)
    return outcome.summary()
