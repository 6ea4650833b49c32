"""The `Journal` tab: what was sent and changed, and what must never be sent twice; its events, typed."""

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from typing import Generic, TypeVar

from orientest.core.french import format_date, format_datetime, parse_date, parse_datetime
from orientest.core.plan import Email, JournalEntry, Plan, RowRemoval
from orientest.core.schema import Row, Snapshot, Table
from orientest.statuses.proposals import ProposalState

PLANNED = "prévu"
SENT = "envoyé"
FAILED = "échec"
TO_CHECK = "à vérifier"  # a hand-over cut mid-way: maybe delivered, never sent again without staff
# Google deletes a batchUpdate's rows one span at a time: the first night on a year of lines clears it in a few nights.
SETTLED_A_NIGHT = 5000


def as_row(entry: JournalEntry, names: Mapping[str, str] | None = None) -> dict[str, str]:
    """The Journal's line for `entry`; `names`: record ID → what people call it (`record_names`)."""
    return {
        "Date": format_datetime(entry.at),
        "Référence": entry.record_id,
        "Nom": _name_of(entry, names or {}),
        "Événement": sentence(entry),
        "Flux": entry.flow,
        "Action": entry.action,
        "Destinataire": entry.recipient,
        "Résultat": entry.result,
        "Détail": entry.detail,
        "Clé d'idempotence": entry.key,
        "Données": json.dumps(dict(entry.data), ensure_ascii=False, sort_keys=True) if entry.data else "",
    }


def sending_row(entry: JournalEntry) -> dict[str, str]:
    """The `Envois` line of an e-mail's hand-over (`email_entry`)."""
    return {
        "Date": format_datetime(entry.at),
        "Flux": entry.flow,
        "Référence": entry.record_id,
        "Modèle": entry.action.removeprefix(EMAIL_PREFIX),
        "Destinataire": entry.recipient,
        "Clé d'idempotence": entry.key,
        "Résultat": entry.result,
        "Détail": entry.detail,
    }


EMAIL_PREFIX = "e-mail : "


def email_entry(email: Email, flow: str, at: datetime, result: str, detail: str = "") -> JournalEntry:
    return JournalEntry(
        at=at,
        flow=flow,
        record_id=email.record_id,
        action=EMAIL_PREFIX + email.template,
        recipient=", ".join(email.to),
        key=email.key,
        result=result,
        detail=detail,
    )


def sending_lines(snapshot: Snapshot) -> Iterator[Row]:
    """Every e-mail hand-over line: `Envois`, then those the Journal held before that tab (December 2026)."""
    for name in ("Envois", "Journal"):
        if (table := snapshot.get(name)) is not None:
            yield from table.rows


def keys_with_result(snapshot: Snapshot, result: str) -> set[str]:
    return {
        row["Clé d'idempotence"]
        for row in sending_lines(snapshot)
        if row["Résultat"] == result and row["Clé d'idempotence"]
    }


def sent_times(snapshot: Snapshot) -> dict[str, datetime]:
    """When each e-mail key was first handed to the mailer."""
    sent: dict[str, datetime] = {}
    for row in sending_lines(snapshot):
        key = row["Clé d'idempotence"]
        if row["Résultat"] == SENT and key and key not in sent and (at := parse_datetime(row["Date"])):
            sent[key] = at
    return sent


def sent_on(snapshot: Snapshot, day: date) -> int:
    """E-mails handed over on `day`."""
    stamp = day.strftime("%d/%m/%Y")
    return sum(1 for row in sending_lines(snapshot) if row["Résultat"] == SENT and row["Date"].startswith(stamp))


def results_of(journal: Table, action: str) -> dict[str, str]:
    """Idempotency key → result of the journal's rows for `action` (the last one written wins)."""
    return {row["Clé d'idempotence"]: row["Résultat"] for row in journal.rows if row["Action"] == action}


def email_keys(snapshot: Snapshot) -> set[str]:
    """Every e-mail key planned or handed over."""
    return {row["Clé d'idempotence"] for row in sending_lines(snapshot) if row["Clé d'idempotence"]}


def settled_plans(sendings: Table | None) -> list[RowRemoval]:
    """The « prévu » lines of `Envois` a result of the same key follows (same minute or later): that result is what
    no run sends twice, and the « prévu » line, read by every run, tells nothing more. A « prévu » with no result
    after it stays: the only trace of a hand-over cut short."""
    if sendings is None:
        return []
    last_result: dict[str, datetime] = {}
    for row in sendings.rows:
        key = row["Clé d'idempotence"]
        if key and row["Résultat"] != PLANNED and (at := parse_datetime(row["Date"])):
            last_result[key] = max(at, last_result.get(key, at))
    settled = (
        RowRemoval(sendings.tab.name, row.values)
        for row in sendings.rows
        if row["Résultat"] == PLANNED
        and row["Clé d'idempotence"] in last_result
        and (at := parse_datetime(row["Date"])) is not None
        and at <= last_result[row["Clé d'idempotence"]]
    )
    return list(islice(settled, SETTLED_A_NIGHT))


def drop_sent(plan: Plan, snapshot: Snapshot) -> Plan:
    """Every decision plans its e-mails afresh; those already handed over go no further."""
    sent = sent_keys(snapshot)
    plan.emails[:] = [email for email in plan.emails if email.key not in sent]
    return plan


def sent_keys(snapshot: Snapshot) -> set[str]:
    """Keys of e-mails handed to the mailer (or maybe, for staff to check): planning them again sends nothing."""
    return keys_with_result(snapshot, SENT) | keys_with_result(snapshot, TO_CHECK)


# Events: each kind writes its own journal row and reads it back; no other module looks inside the journal's
# `Action`, `Détail` or `Données`. `Détail` is for people (staff may edit it); what a run reads back is in `Données`.

STATUS_PREFIX = "statut : "
PROPOSAL = "proposition"
WORDS_KEPT = 1000  # a comment kept whole for its reader, as long as a form's paragraph usually is
STAFF_PREFIX = "action : "  # what staff typed in `Action`
REOPENED = STAFF_PREFIX + "Rouvrir"
OFFERED = "pistes proposées"
TAKEN = "piste retenue"
REDATED = "date modifiée"
NETWORK = "réseau"  # the Référence of the network's own events
NETWORK_WAITING = "réseau : en attente"
NETWORK_READY = "réseau : prêt"
REPORT = "rapport mensuel"
REPLY = "réponse par e-mail"  # a reply read from the mailbox: `Résultat` says what came of it
PASSED_ON = "transmise à l'équipe"  # …a reply staff must read: the À faire tab lists it until the record moves
DONE = "à faire : fait"  # staff marked a line of the À faire tab « Fait »


@dataclass(frozen=True)
class StatusChanged:
    """A record moved to `status`; `until` for a pause (written in the detail, as staff read it); `nobody_covers`: a
    request matching gave up on while no ambassador of the network passed its rules of coverage (a white zone)."""

    record_id: str
    status: str
    detail: str = ""
    until: date | None = None
    nobody_covers: bool = False

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        detail = f"pause jusqu'au {format_date(self.until)}" if self.until else self.detail
        data = {"until": self.until.isoformat()} if self.until else {}
        if self.nobody_covers:
            data["nobody_covers"] = "1"
        return JournalEntry(at, flow, self.record_id, STATUS_PREFIX + self.status, detail=detail, data=data)


@dataclass(frozen=True)
class ProposalMoved:
    """A proposal of `request_id` to `ambassador_id` reached `state` (see `proposals.lifecycle`)."""

    request_id: str
    ambassador_id: str
    state: str
    day: date | None = None  # the intervention date proposed, written when no other detail is
    detail: str = ""
    again: bool = False  # sent anew to someone who had answered: staff forced it in `Affectation manuelle`
    other_day: date | None = None  # « Je propose une autre date »: the day the ambassador offers, when it reads
    link: str = ""  # accepted with the link of the remote session they organise
    words: str = ""  # what they wrote when accepting: a forum's requester reads everyone's in one confirmation

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        detail = self.detail or (f"intervention le {format_date(self.day)}" if self.day else "")
        data = {"day": self.day.isoformat()} if self.day else {}
        if self.again:
            data["again"] = "1"
        if self.other_day:
            data["other_day"] = self.other_day.isoformat()
        if self.link:
            data["link"] = self.link
        if self.words:
            data["words"] = self.words[:WORDS_KEPT]
        return JournalEntry(
            at, flow, self.request_id, PROPOSAL, self.ambassador_id, result=self.state, detail=detail, data=data
        )


@dataclass(frozen=True)
class StaffActed:
    """Staff typed `typed` in a request's `Action` column."""

    request_id: str
    typed: str

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        return JournalEntry(at, flow, self.request_id, STAFF_PREFIX + self.typed, detail="demandée par l'équipe")


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
        detail = " ".join(self.codes)
        return JournalEntry(at, flow, self.request_id, OFFERED, detail=detail, data={"codes": detail})


@dataclass(frozen=True)
class AlternativeTaken:
    """The requester took a piste: the request changed, and its attempts count from now."""

    request_id: str
    code: str

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        return JournalEntry(at, flow, self.request_id, TAKEN, detail=self.code, data={"code": self.code})


@dataclass(frozen=True)
class Redated:
    """Staff moved a confirmed intervention to another day (its `Date confirmée`)."""

    request_id: str
    day: date | None  # None: an old journal row edited by hand, which no longer says the day

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        detail = f"intervention le {format_date(self.day)}" if self.day else ""
        data = {"day": self.day.isoformat()} if self.day else {}
        return JournalEntry(at, flow, self.request_id, REDATED, detail=detail, data=data)


@dataclass(frozen=True)
class NetworkChanged:
    """Requests waited because no ambassador could be asked (`ready` False), or someone now can: a request's search
    clock starts when the network can serve it."""

    ready: bool

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        if self.ready:
            return JournalEntry(at, flow, NETWORK, NETWORK_READY, detail="un ambassadeur au moins peut être sollicité")
        return JournalEntry(
            at, flow, NETWORK, NETWORK_WAITING, detail="aucun ambassadeur ne peut encore être sollicité"
        )


@dataclass(frozen=True)
class CharterAccepted:
    ambassador_id: str
    version: str

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        return JournalEntry(
            at,
            flow,
            self.ambassador_id,
            "charte acceptée",
            detail=f"version {self.version}",
            data={"version": self.version},
        )


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


ARCHIVED = "archivage"


@dataclass(frozen=True)
class DataArchived:
    """Rows of a finished school year moved to its archive workbook (`year`: « 2025-2026 »)."""

    year: str
    detail: str

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        return JournalEntry(at, flow, f"Archives {self.year}", ARCHIVED, detail=self.detail)


@dataclass(frozen=True)
class ReportIssued:
    """A month's report as computed and sent (`month`: AAAA-MM): its version and headline figures, what a later
    version is compared with."""

    month: str
    version: int
    figures: tuple[tuple[str, str], ...]  # headline → value, as `Indicateurs` writes it

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        detail = f"version {self.version}, données arrêtées au {format_datetime(at)}"
        data = {"version": str(self.version), **dict(self.figures)}
        return JournalEntry(at, flow, self.month, REPORT, detail=detail, data=data)


@dataclass(frozen=True)
class ToDoDone:
    """Staff marked « Fait » the line of the À faire tab saying `kind` about `reference` since `since` (as shown)."""

    reference: str
    kind: str
    since: str

    def entry(self, at: datetime, flow: str) -> JournalEntry:
        data = {"kind": self.kind, "since": self.since}
        return JournalEntry(at, flow, self.reference, DONE, detail=f"{self.kind} (depuis le {self.since})", data=data)


Event = (
    StatusChanged
    | ProposalMoved
    | StaffActed
    | Reopened
    | AlternativesOffered
    | AlternativeTaken
    | Redated
    | NetworkChanged
    | CharterAccepted
    | RecordEdited
    | DataAnonymised
    | ReportIssued
    | ToDoDone
)


E = TypeVar("E", bound=Event, covariant=True)


@dataclass(frozen=True)
class Dated(Generic[E]):
    at: datetime
    event: E


def events(rows: Iterable[Row]) -> Iterator[Dated[Event]]:
    """The journal's status changes, proposals, reopenings, pistes and new dates, typed, in the order written; other
    rows are skipped."""
    return _read(rows, lambda action: action.startswith(STATUS_PREFIX) or action in _LEDGER)


_LEDGER = (PROPOSAL, REOPENED, OFFERED, TAKEN, REDATED, NETWORK_WAITING, NETWORK_READY)


def proposal_events(rows: Iterable[Row]) -> Iterator[Dated[Event]]:
    """Proposals moved, requests reopened, pistes offered and taken, interventions moved: what the ledger of proposals
    is rebuilt from."""
    return _read(rows, _LEDGER.__contains__)


def status_changes(rows: Iterable[Row], statuses: Iterable[str] | None = None) -> Iterator[Dated[StatusChanged]]:
    """Status changes (to `statuses` only, when given)."""
    if statuses is None:
        found = _read(rows, lambda action: action.startswith(STATUS_PREFIX))
    else:
        wanted = {STATUS_PREFIX + status for status in statuses}
        found = _read(rows, wanted.__contains__)
    return (Dated(dated.at, dated.event) for dated in found if isinstance(dated.event, StatusChanged))


def _read(rows: Iterable[Row], wanted: Callable[[str], bool]) -> Iterator[Dated[Event]]:
    """Rows whose action is `wanted`, typed; the others are not even parsed (a busy year's journal is long)."""
    for row in rows:
        action = row["Action"]
        if wanted(action) and (at := parse_datetime(row["Date"])) is not None:
            yield Dated(at, _event(row, action))


def _event(row: Row, action: str) -> Event:
    data = _data(row)
    if data is None:
        data = _data_of_an_old_row(row["Détail"], action)
    reference = row["Référence"]
    if action in (NETWORK_WAITING, NETWORK_READY):
        return NetworkChanged(action == NETWORK_READY)
    if action == REOPENED:
        return Reopened(reference)
    if action == OFFERED:
        return AlternativesOffered(reference, tuple(data.get("codes", "").split()))
    if action == TAKEN:
        return AlternativeTaken(reference, data.get("code", "").strip())
    if action == REDATED:
        return Redated(reference, _day(data.get("day")))
    if action == PROPOSAL:
        return ProposalMoved(
            reference,
            row["Destinataire"],
            row["Résultat"],
            _day(data.get("day")),
            row["Détail"],
            data.get("again") == "1",
            _day(data.get("other_day")),
            data.get("link", ""),
            data.get("words", ""),
        )
    status = action.removeprefix(STATUS_PREFIX)
    return StatusChanged(reference, status, row["Détail"], _day(data.get("until")), data.get("nobody_covers") == "1")


def _data(row: Row) -> dict[str, str] | None:
    """The row's `Données`, or None for a row written before that column (or a cell no longer an object of texts)."""
    try:
        data = json.loads(row["Données"] or "null")
    except ValueError:
        return None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return None
    return data


def _data_of_an_old_row(detail: str, action: str) -> dict[str, str]:
    """What rows written before `Données` (December 2026) said in their `Détail`: « intervention le JJ/MM/AAAA »,
    « pause jusqu'au JJ/MM/AAAA », piste codes. Read only for those rows; new rows are never read this way."""
    if action == OFFERED:
        return {"codes": detail}
    if action == TAKEN:
        return {"code": detail}
    for marker, name in (("intervention le ", "day"), ("pause jusqu'au ", "until")):
        _, found, rest = detail.partition(marker)
        day = parse_date(rest[:10]) if found else None
        if day is not None and (name == "day" or detail.strip() == marker + rest[:10]):
            return {name: day.isoformat()}
    return {}


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def reports_issued(rows: Iterable[Row], month: str) -> list[Dated[ReportIssued]]:
    """The versions of `month`'s report, oldest first."""
    found = []
    for row in rows:
        if row["Action"] == REPORT and row["Référence"].strip() == month and (at := parse_datetime(row["Date"])):
            data = _data(row) or {}
            version = int(data.pop("version", "0") or 0)
            found.append(Dated(at, ReportIssued(month, version, tuple(data.items()))))
    return sorted(found, key=lambda dated: dated.event.version)


# The Journal as people read it: each line in one French sentence, and the name of whom it is about.

_SUBJECTS = {"DEM-": "La demande", "AMB-": "La fiche de l'ambassadeur"}
_PROPOSAL_SENTENCES: dict[str, str] = {
    ProposalState.SENT: "Proposition envoyée à {who}",
    ProposalState.REMINDED: "Proposition relancée auprès de {who}",
    ProposalState.OTHER_DATE: "{who} propose une autre date",
    ProposalState.ACCEPTED: "{who} accepte la proposition",
    ProposalState.DECLINED: "{who} décline la proposition",
    ProposalState.EXPIRED: "Proposition à {who} expirée sans réponse",
    ProposalState.FILLED: "Proposition à {who} close : la demande est pourvue",
    ProposalState.WITHDRAWN: "Proposition à {who} retirée",
    ProposalState.CALLED_OFF: "{who} se désiste",
}
_FIXED_SENTENCES = {
    REOPENED: "L'équipe rouvre la demande",
    OFFERED: "Pistes proposées au demandeur",
    TAKEN: "Le demandeur retient une piste",
    REDATED: "L'équipe change la date de l'intervention",
    NETWORK_WAITING: "Aucun ambassadeur ne peut encore être sollicité : les demandes attendent",
    NETWORK_READY: "Un ambassadeur au moins peut être sollicité : les demandes en attente partent",
    REPORT: "Rapport mensuel calculé et envoyé",
    "charte acceptée": "L'ambassadeur accepte la charte",
    "fiche mise à jour": "Fiche mise à jour ; valeurs d'avant",
    "durée de conservation atteinte": "Données personnelles anonymisées (durée de conservation atteinte)",
    "données personnelles effacées": "Données personnelles effacées à la demande de la personne",
    REPLY: "Réponse reçue par e-mail : {result}",
    DONE: "L'équipe marque « Fait » une ligne de l'onglet À faire",
    ARCHIVED: "Année scolaire archivée",
}


def sentence(entry: JournalEntry) -> str:
    """The line in French: what happened, to which record, and why when the line says it."""
    action = entry.action
    if action.startswith(STATUS_PREFIX):
        subject = _SUBJECTS.get(entry.record_id[:4], entry.record_id)
        said = f"{subject} passe au statut « {action.removeprefix(STATUS_PREFIX)} »"
    elif action == PROPOSAL:
        template = _PROPOSAL_SENTENCES.get(entry.result, "Proposition à {who} : " + entry.result.lower())
        said = template.format(who=f"l'ambassadeur {entry.recipient}" if entry.recipient else "l'ambassadeur")
        said = said[0].upper() + said[1:]
    elif action.startswith(STAFF_PREFIX):
        said = f"L'équipe demande « {action.removeprefix(STAFF_PREFIX)} »"
    else:
        said = _FIXED_SENTENCES.get(action, action[:1].upper() + action[1:]).format(result=entry.result)
    if not entry.detail:
        return f"{said}."
    return f"{said} : {entry.detail}" + ("" if entry.detail.endswith(".") else ".")


def _name_of(entry: JournalEntry, names: Mapping[str, str]) -> str:
    """Whom the line is about: the record, and the ambassador a proposal concerns."""
    found = [names[ref] for ref in (entry.record_id, entry.recipient) if ref in names]
    return " — ".join(dict.fromkeys(found))


def replies_waiting(rows: Iterable[Row]) -> dict[str, tuple[datetime, str]]:
    """Record → when and what of the last reply passed on to staff, unless the record moved since (a status, a
    proposal, a staff action: someone took it up)."""
    waiting: dict[str, tuple[datetime, str]] = {}
    for row in rows:
        reference, action = row["Référence"], row["Action"]
        if action == REPLY and row["Résultat"] == PASSED_ON and (at := parse_datetime(row["Date"])):
            waiting[reference] = (at, row["Détail"])
        elif reference in waiting and action not in (REPLY, DONE):
            del waiting[reference]
    return waiting


def done_items(rows: Iterable[Row]) -> set[tuple[str, str, str]]:
    """(kind, reference, since) of every À faire line staff marked « Fait »."""
    found = set()
    for row in rows:
        if row["Action"] == DONE and (data := _data(row)):
            found.add((data.get("kind", ""), row["Référence"], data.get("since", "")))
    return found


def read_however_old(rows: Iterable[Row]) -> set[int]:
    """The lines a run reads back whatever their age, which stay when a year is archived: each record's last status
    change (a pause and its end, who left), a reply still waiting for staff, and the À faire lines marked done."""
    last_status: dict[str, int] = {}
    waiting: dict[str, int] = {}
    done = set()
    for row in rows:
        reference, action = row["Référence"], row["Action"]
        if action.startswith(STATUS_PREFIX):
            last_status[reference] = row.line
        if action == REPLY and row["Résultat"] == PASSED_ON:
            waiting[reference] = row.line
        elif reference in waiting and action not in (REPLY, DONE):
            del waiting[reference]
        if action == DONE:
            done.add(row.line)
    return {*last_status.values(), *waiting.values(), *done}
