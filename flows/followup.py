"""Flow `followup` (daily): reminders, feedback, no-shows, closing, record updates and departures."""

from datetime import date, datetime

from prefect import flow

from connectors.wiring import Connectors
from flows import pipeline
from flows.runtime import connectors_for, token_secret
from orientest import followup as domain
from orientest.plan import Plan
from orientest.schema import Snapshot


def _decide(snapshot: Snapshot, connectors: Connectors, now: datetime) -> Plan:
    context = domain.Context(now, connectors.referential, token_secret(connectors.settings))
    return domain.decide(snapshot, context)


STEP = pipeline.Step("followup", domain.TABS, _decide)


@flow(name="followup", description="Rappels, demandes d'avis, absences, clôtures, mises à jour des fiches.")
def followup(workbook: str | None = None, outbox: str | None = None, today: date | None = None,
             dry_run: bool = False) -> dict:
    connectors = connectors_for(workbook, outbox)
    now = pipeline.clock(today, connectors.settings.timezone)
    _, outcome = pipeline.run(STEP, connectors, now, dry_run)
    return outcome.summary()
