"""Flow `replies`: the replies mailbox read once; plain answers become `Réponses` rows, the rest goes to staff."""

from datetime import date, datetime
from functools import partial

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from connectors.imap import ReplyMailbox
from connectors.wiring import Connectors
from flows import incidents, pipeline
from flows.apply import Outcome
from flows.runtime import connectors_for
from orientest.core.plan import Plan
from orientest.replies import run as domain


@task(name="lire la boîte des réponses", retries=2, retry_delay_seconds=10, cache_policy=NO_CACHE)
def fetch(mailbox: ReplyMailbox) -> list[domain.Incoming]:
    return mailbox.fetch()


@task(name="ranger les réponses lues", retries=2, retry_delay_seconds=10, cache_policy=NO_CACHE)
def file(mailbox: ReplyMailbox, connectors: Connectors, messages: list[domain.Incoming]) -> int:
    """Only what the journal now shows as handled leaves the inbox: a run cut short loses no reply."""
    done, set_aside = domain.filing(messages, connectors.workbook.read(["Journal"])["Journal"])
    mailbox.file(done, set_aside)
    return len(done) + len(set_aside)


def read_replies(connectors: Connectors, now: datetime, dry_run: bool = False) -> tuple[Plan, Outcome | None, int]:
    """One connection: the waiting messages read, decided on, applied, and those handled filed away."""
    settings = connectors.settings
    mailbox = connectors.replies()
    if mailbox is None:
        return Plan(domain.FLOW), None, 0
    with mailbox:
        messages = pipeline.call(fetch, mailbox)
        if not messages:
            return Plan(domain.FLOW), None, 0
        reply_box = domain.Mailbox(settings.reply_address, settings.authserv_id, settings.imap_review_folder)
        step = pipeline.Step(domain.FLOW, domain.TABS, partial(domain.decide, messages, reply_box))
        plan, outcome = pipeline.run(step, connectors, now, dry_run)
        if not dry_run:
            pipeline.call(file, mailbox, connectors, messages)
    return plan, outcome, len(messages)


@flow(
    name="replies",
    description="Lit les réponses par e-mail : les réponses claires valent le formulaire, les autres vont à l'équipe.",
    on_failure=[incidents.alert_staff],
    on_completion=[incidents.close_incident],
)
def replies(
    workbook: str | None = None, outbox: str | None = None, today: date | None = None, dry_run: bool = False
) -> dict:
    connectors = connectors_for(workbook, outbox)
    if not connectors.settings.replies_on:
        return {"flux": "replies", "lus": "ORIENTEST_IMAP_HOST ou ORIENTEST_REPLY_ADDRESS vide : rien à lire"}
    _, outcome, read = read_replies(connectors, pipeline.clock(today, connectors.settings.timezone), dry_run)
    return {**(outcome.summary() if outcome else {"flux": "replies"}), "messages lus": read}
