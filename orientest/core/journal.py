"""The `Journal` tab: what was sent and changed, and what must never be sent twice; its events, typed."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from orientest.core.french import format_date, format_datetime, parse_date, parse_datetime
from orientest.core.plan import Email, JournalEntry, Plan
from orientest.core.schema import Row, Table

PLANNED = "prévu"
SENT = "envoyé"
FAILED = "échec"
TO_CHECK = "à vérifier"  # a hand-over cut mid-way: maybe delivered, never sent again without staff


def as_row(entry: JournalEntry) -> dict[str, str]:
    return {
        "Date": format_datetime(entry.at),
        "Flux": entry.flow,
        "Référence": entry.record_id,
        "Action": entry.action,
        "Destinataire": entry.recipient,
        "Clé d'idempotence": entry.key,
        "Résultat": entry.result,
        "Détail": entry.detail,
    }


def email_entry(email: Email, flow: str, at, result: str, detail: str = "") -> JournalEntry:
    return JournalEntry(
        at=at,
        flow=flow,
        record_id=email.record_id,
        action=f"e-mail : {email.template}",
        recipient=", ".join(email.to),
        key=email.key,
        result=result,
        detail=detail,
    )


def keys_with_result(journal: Table, result: str) -> set[str]:
    return {row["Clé d'idempotence"] for row in journal.rows if row["Résultat"] == result and row["Clé d'idempotence"]}


def sent_times(journal: Table) -> dict[str, datetime]:
    """When each e-mail key was first handed to the mailer."""
    sent: dict[str, datetime] = {}
    for row in journal.rows:
        key = row["Clé d'idempotence"]
        if row["Résultat"] == SENT and key and key not in sent and (at := parse_datetime(row["Date"])):
            sent[key] = at
    return sent


def sent_on(journal: Table | None, day: date) -> int:
    """E-mails the journal shows as handed over on `day`."""
    if journal is None:
        return 0
    stamp = day.strftime("%d/%m/%Y")
    return sum(1 for row in journal.rows if row["Résultat"] == SENT and row["Date"].startswith(stamp))


def drop_sent(plan: Plan, journal: Table) -> Plan:
    """Every decision plans its e-mails afresh; those whose key the journal shows as sent go no further."""
    sent = sent_keys(journal)
    plan.emails[:] = [email for email in plan.emails if email.key not in sent]
    return plan


def sent_keys(journal: Table) -> set[str]:
    """Keys of e-mails handed to the mailer (or maybe, for staff to check): planning them again sends nothing."""
    return keys_with_result(journal, SENT) | keys_with_result(journal, TO_CHECK)


# Events: each kind writes its own journal row and reads it back; no other module looks inside the journal's
# `Action` or `Détail`.

STATUS_PREFIX = "statut : "
PROPOSAL = "proposition"
REOPENED = "action : Rouvrir"
OFFERED = "pistes proposées"
TAKEN = "piste retenue"
REDATED = "date modifiée"
_PAUSE = re.compile(r"^pause jusqu'au (\d{2}/\d{2}/\d{4})$")
_DAY = re.compile(r"intervention le (\d{2}/\d{2}/\d{4})")


@dataclass(frozen=True)
class StatusChanged:
    """A record moved to `status`; `until` for a pause (written in the detail, as staff read it)."""

    record_id: str
    status: str
    detail: str = ""
    until: date | None = None

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        detail = f"pause jusqu'au {format_date(self.until)}" if self.until else self.detail
        return JournalEntry(at, flow, self.record_id, STATUS_PREFIX + self.status, detail=detail)


@dataclass(frozen=True)
class ProposalMoved:
    """A proposal of `request_id` to `ambassador_id` reached `state` (see `proposals.lifecycle`)."""

    request_id: str
    ambassador_id: str
    state: str
    day: date | None = None  # the intervention date proposed, written when no other detail is
    detail: str = ""

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        detail = self.detail or (f"intervention le {format_date(self.day)}" if self.day else "")
        return JournalEntry(at, flow, self.request_id, PROPOSAL, self.ambassador_id, result=self.state, detail=detail)


@dataclass(frozen=True)
class StaffActed:
    """Staff typed `typed` in a request's `Action` column."""

    request_id: str
    typed: str

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        return JournalEntry(at, flow, self.request_id, f"action : {self.typed}", detail="demandée par l'équipe")


@dataclass(frozen=True)
class Reopened:
    """Staff reopened a request: its attempts count from now."""

    request_id: str

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        return JournalEntry(at, flow, self.request_id, REOPENED, detail="tentatives remises à zéro")


@dataclass(frozen=True)
class AlternativesOffered:
    """The requester was sent pistes (their codes, as their tokens carry them)."""

    request_id: str
    codes: tuple[str, ...]

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        return JournalEntry(at, flow, self.request_id, OFFERED, detail=" ".join(self.codes))


@dataclass(frozen=True)
class AlternativeTaken:
    """The requester took a piste: the request changed, and its attempts count from now."""

    request_id: str
    code: str

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        return JournalEntry(at, flow, self.request_id, TAKEN, detail=self.code)


@dataclass(frozen=True)
class Redated:
    """Staff moved a confirmed intervention to another day (its `Date confirmée`)."""

    request_id: str
    day: date | None  # None: a journal row edited by hand, which no longer says the day

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        return JournalEntry(at, flow, self.request_id, REDATED, detail=f"intervention le {format_date(self.day)}")


@dataclass(frozen=True)
class CharterAccepted:
    ambassador_id: str
    version: str

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        return JournalEntry(at, flow, self.ambassador_id, "charte acceptée", detail=f"version {self.version}")


@dataclass(frozen=True)
class RecordEdited:
    """An ambassador changed their record, or a requester took a piste; `before` keeps the old values for staff."""

    record_id: str
    before: str

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        return JournalEntry(at, flow, self.record_id, "fiche mise à jour", detail=self.before[:1000])


@dataclass(frozen=True)
class DataAnonymised:
    """Personal data anonymised, by retention (`retention`) or at a person's request; counts only, no name."""

    detail: str
    retention: bool = False

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        action = "durée de conservation atteinte" if self.retention else "données personnelles effacées"
        return JournalEntry(at, flow, "RGPD", action, detail=self.detail)


Event = (
    StatusChanged
    | ProposalMoved
    | StaffActed
    | Reopened
    | AlternativesOffered
    | AlternativeTaken
    | Redated
    | CharterAccepted
    | RecordEdited
    | DataAnonymised
)


@dataclass(frozen=True)
class Dated:
    at: datetime
    event: Event


def events(rows: Iterable[Row]) -> Iterator[Dated]:
    """The journal's status changes, proposals, reopenings, pistes and new dates, typed, in the order written; other
    rows are skipped."""
    return _read(rows, lambda action: action.startswith(STATUS_PREFIX) or action in _LEDGER)


_LEDGER = (PROPOSAL, REOPENED, OFFERED, TAKEN, REDATED)


def proposal_events(rows: Iterable[Row]) -> Iterator[Dated]:
    """Proposals moved, requests reopened, pistes offered and taken, interventions moved: what the ledger of proposals
    is rebuilt from."""
    return _read(rows, _LEDGER.__contains__)


def status_changes(rows: Iterable[Row], statuses: Iterable[str] | None = None) -> Iterator[Dated]:
    """Status changes (to `statuses` only, when given)."""
    if statuses is None:
        return _read(rows, lambda action: action.startswith(STATUS_PREFIX))
    wanted = {STATUS_PREFIX + status for status in statuses}
    return _read(rows, wanted.__contains__)


def _read(rows: Iterable[Row], wanted) -> Iterator[Dated]:
    """Rows whose action is `wanted`, typed; the others are not even parsed (a busy year's journal is long)."""
    for row in rows:
        action = row["Action"]
        if wanted(action) and (at := parse_datetime(row["Date"])) is not None:
            yield Dated(at, _event(row, action))


def _event(row: Row, action: str) -> Event:
    if action == REOPENED:
        return Reopened(row["Référence"])
    if action == OFFERED:
        return AlternativesOffered(row["Référence"], tuple(row["Détail"].split()))
    if action == TAKEN:
        return AlternativeTaken(row["Référence"], row["Détail"].strip())
    if action == REDATED:
        day = _DAY.search(row["Détail"])
        return Redated(row["Référence"], parse_date(day[1]) if day else None)
    if action == PROPOSAL:
        day = _DAY.search(row["Détail"])
        return ProposalMoved(
            row["Référence"], row["Destinataire"], row["Résultat"], parse_date(day[1]) if day else None, row["Détail"]
        )
    pause = _PAUSE.match(row["Détail"])
    return StatusChanged(
        row["Référence"], action.removeprefix(STATUS_PREFIX), row["Détail"], parse_date(pause[1]) if pause else None
    )
