"""Flow `matching`: answers, reminders, expiries, staff columns, then proposals for every open request."""

from datetime import date, datetime

from prefect import flow

from connectors.wiring import Connectors
from flows import pipeline
from flows.runtime import connectors_for, token_secret
from orientest import matching as domain
from orientest.plan import Plan
from orientest.schema import Snapshot


def _decide(snapshot: Snapshot, connectors: Connectors, now: datetime) -> Plan:
    context = domain.Context(now, connectors.referential, token_secret(connectors.settings))
    return domain.decide(snapshot, context)


STEP = pipeline.Step("matching", domain.TABS, _decide)


@flow(name="matching", description="Traite les réponses, relance, fait expirer, puis propose chaque demande ouverte.")
def matching(workbook: str | None = None, outbox: str | None = None, today: date | None = None,
             dry_run: bool = False) -> dict:
    connectors = connectors_for(workbook, outbox)
    now = pipeline.clock(today, connectors.settings.timezone)
    _, outcome = pipeline.run(STEP, connectors, now, dry_run)
    return outcome.summary()
