"""A run is read → decide → apply; under Prefect each stage is a task at batch grain, never a task per row."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from prefect import task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.utilities.annotations import quote

from connectors.wiring import Connectors
from connectors.workbook import Workbook, WorkbookError
from flows.apply import Outcome, apply_plan
from flows.logs import run_logger
from flows.runtime import connectors_for, token_secret
from orientest import worklist
from orientest.context import Context
from orientest.core.plan import Plan
from orientest.core.schema import Snapshot
from orientest.forms.registry import TAB as FORMS_TAB
from orientest.resources.picking import with_resources
from orientest.sending.daily_cap import within_daily_cap
from orientest.sending.interrupted import reconcile


@dataclass(frozen=True)
class Step:
    """One flow's domain side: the tabs it reads, the decision it takes, whether it signs links."""

    name: str
    tabs: tuple[str, ...]
    decide: Callable[[Snapshot, Context], Plan]
    signs_links: bool = True


def _worth_retrying(task, task_run, state) -> bool:
    """A workbook problem for staff (or one Google already retried within its budget) will be the same in ten
    seconds: the scheduled run after will see; an unexpected error gets its two retries."""
    return not isinstance(state.result(raise_on_failure=False), WorkbookError)


@task(
    name="lire le classeur",
    retries=2,
    retry_delay_seconds=10,
    retry_condition_fn=_worth_retrying,
    cache_policy=NO_CACHE,
)
def read_tabs(workbook: Workbook, tabs: tuple[str, ...]) -> Snapshot:
    return workbook.read(tabs)


@task(name="décider", cache_policy=NO_CACHE)
def decide_plan(step: Step, snapshot: Snapshot, connectors: Connectors, now: datetime) -> Plan:
    secret = token_secret(connectors.settings) if step.signs_links else b""
    plan = step.decide(snapshot, Context(now, connectors.referential, secret))
    plan = with_resources(plan, snapshot, connectors.referential)
    handed = connectors.handover.for_flow(step.name).states(email.key for email in plan.emails)
    plan = reconcile(plan, handed, snapshot, now)
    plan, held = within_daily_cap(plan, snapshot, now.date())
    if held:
        run_logger().warning(
            "Plafond quotidien d'e-mails atteint : %d dossier(s) attendent le lendemain, sans changement d'ici là.",
            len(held),
        )
    return plan


@task(name="appliquer", cache_policy=NO_CACHE)  # never retried: it sends e-mail
def apply(plan: Plan, connectors: Connectors, now: datetime, snapshot: Snapshot) -> Outcome:
    return apply_plan(plan, connectors, now, snapshot)


def call(stage, *args):
    """The stage as a Prefect task inside a flow run, as a plain function elsewhere (tests, demo)."""
    if FlowRunContext.get() is None:
        return stage.fn(*args)
    # `quote`: Prefect would otherwise walk every row of the snapshot and the plan looking for futures (seconds at
    # 10,000 rows); the task still receives the plain objects.
    return stage(*(quote(argument) for argument in args))


def run(step: Step, connectors: Connectors, now: datetime, dry_run: bool = False) -> tuple[Plan, Outcome]:
    # The form addresses come in the same batch read: the e-mails' links are built from them.
    # The À faire tab is rebuilt from the same read: it needs a few small tabs more than some flows (`Ressources`
    # among them, which the e-mails of every flow carry).
    snapshot = call(read_tabs, connectors.workbook, tuple(dict.fromkeys((*step.tabs, *worklist.TABS, FORMS_TAB))))
    plan = call(decide_plan, step, snapshot, connectors, now)
    if dry_run:
        return plan, Outcome(step.name, dry_run=True)
    return plan, call(apply, plan, connectors, now, snapshot)


def execute(step: Step, workbook: str | None, outbox: str | None, today: date | None, dry_run: bool) -> dict:
    """The body of every Prefect flow: connectors from the settings, the clock, then the run."""
    connectors = connectors_for(workbook, outbox)
    now = clock(today, connectors.settings.timezone)
    _, outcome = run(step, connectors, now, dry_run)
    if FlowRunContext.get():
        create_markdown_artifact(
            outcome.markdown(now), key=f"orientest-{step.name}", description=f"Passage du flux « {step.name} »"
        )
    return outcome.summary()


def clock(today: date | None, timezone: str) -> datetime:
    """Now, as local wall time in Grand Est; `today` pins the date (for replays and the demo)."""
    now = datetime.now(ZoneInfo(timezone)).replace(tzinfo=None, microsecond=0)
    return now if today is None else datetime.combine(today, time(9, 0))
