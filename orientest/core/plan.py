"""What a run decided: the only thing the domain hands to the outside."""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from orientest.core.invitations import Invitation


@dataclass(frozen=True)
class RowKey:
    """How a row is found at write time: by its ID, or, before it has one, by its `locator`."""

    id: str = ""
    locator: str = ""

    def __str__(self) -> str:
        return self.id or f"ligne sans ID ({self.locator})"


@dataclass(frozen=True)
class RowUpdate:
    """Flow-owned values for one row; `expect` names cells that must still hold what was read, or nothing is written."""

    tab: str
    key: RowKey
    values: Mapping[str, str]
    expect: Mapping[str, str] = field(default_factory=dict)
    edits_answers: bool = False  # form answers rewritten: the person updated their record, or data is anonymised
    concerns: frozenset[str] = frozenset()  # a source row (an answer, an update): the records it acted on


@dataclass(frozen=True)
class RowAppend:
    tab: str
    values: Mapping[str, str]
    concerns: frozenset[str] = frozenset()  # a row standing for what someone wrote: the records it is about


@dataclass(frozen=True)
class RowRemoval:
    """A row that leaves its tab (for the archive): found at write time by everything it held when read."""

    tab: str
    values: Mapping[str, str]


Held = tuple[tuple[str, str], ...]


def held(values: Mapping[str, str]) -> Held:
    """What a row holds, whatever the order of its columns: the same row in two workbooks, or at write time."""
    return tuple(sorted((title, value.strip()) for title, value in values.items() if value.strip()))


@dataclass(frozen=True)
class TabReplace:
    """A tab orientest rebuilds whole (À faire): its new rows. `seen`: its staff cells as the run read them, line by
    line; if a person typed in one since, nothing is replaced and the next run reads what they typed."""

    tab: str
    rows: tuple[Mapping[str, str], ...]
    seen: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Link:
    """A resource an e-mail carries, as the reader sees it: its title and where it opens."""

    title: str
    url: str


@dataclass(frozen=True)
class Email:
    """An e-mail to write from `template` with `context`; `key` makes sending it idempotent."""

    key: str
    template: str
    to: tuple[str, ...]
    record_id: str
    context: Mapping[str, Any]
    reply_to: str = ""
    sender_name: str = ""
    invitations: tuple[Invitation, ...] = ()  # calendar events, all requested or all cancelled
    attach: tuple[str, ...] = ()  # names of documents of the same plan, attached as files
    reply_key: str = ""  # an answer is expected: replies go to the reply address plus this key (flow `replies`)
    must_reach: bool = False  # what someone wrote reaches a person only by this e-mail: held on any failure
    resources: tuple[Link, ...] = ()  # the `Ressources` lines that match it, listed under its text


@dataclass(frozen=True)
class Document:
    """A file to render from `template` (the monthly report), written where the operator keeps them."""

    name: str
    template: str
    context: Mapping[str, Any]
    kept: bool = True  # written where the operator keeps reports; False: only attached (it names a person)


@dataclass(frozen=True)
class JournalEntry:
    at: datetime
    flow: str
    record_id: str
    action: str
    recipient: str = ""
    key: str = ""
    result: str = ""
    detail: str = ""  # for people: staff may read and edit it
    data: Mapping[str, str] = field(default_factory=dict)  # for runs: what the event is read back from (`Données`)


@dataclass
class Plan:
    flow: str
    updates: list[RowUpdate] = field(default_factory=list)
    appends: list[RowAppend] = field(default_factory=list)
    emails: list[Email] = field(default_factory=list)
    journal: list[JournalEntry] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    sendings: list[JournalEntry] = field(default_factory=list)  # e-mails' hand-overs, for `Envois`
    replaced: list[TabReplace] = field(default_factory=list)  # tabs rebuilt whole (`Tableau de bord`)
    removals: list[RowRemoval] = field(default_factory=list)  # rows that leave their tab (settled « prévu » lines)

    def is_empty(self) -> bool:
        return not (
            self.updates
            or self.appends
            or self.emails
            or self.journal
            or self.documents
            or self.sendings
            or self.replaced
            or self.removals
        )

    def holding(self, records: set[str]) -> set[str]:
        """`records` and every record a source row about one of them also acted on: a source row (an answer, a
        record update, a reply) is held whole, with all it led to, or not at all."""
        held = set(records)
        linked = [row.concerns for row in self.updates if row.concerns]
        linked += [row.concerns for row in self.appends if row.concerns]
        grown = True
        while grown:
            grown = False
            for concerns in linked:
                if concerns & held and not concerns <= held:
                    held |= concerns
                    grown = True
        return held

    def without(self, records: set[str]) -> "Plan":
        """The plan with nothing about `records` nor about the source rows that led to them (`holding`): left as
        they are, the next run reads them again and decides the same."""
        held = self.holding(records)
        return replace(
            self,
            emails=[email for email in self.emails if email.record_id not in held],
            updates=[kept for update in self.updates if (kept := _kept(update, held)) is not None],
            appends=[append for append in self.appends if not append.concerns & held],
            journal=[entry for entry in self.journal if entry.record_id not in held],
            sendings=[entry for entry in self.sendings if entry.record_id not in held],
        )


def _kept(update: RowUpdate, held: set[str]) -> RowUpdate | None:
    """The update if it is about no held record; for a new row held back, only the ID it was given, so that IDs
    follow the order of submissions whatever happens to the e-mails."""
    if not _about(update, held):
        return update
    if update.key.locator and update.values.get("ID") in held:
        return RowUpdate(update.tab, update.key, {"ID": update.values["ID"]})
    return None


def _about(update: RowUpdate, records: set[str]) -> bool:
    return update.key.id in records or update.values.get("ID") in records or bool(update.concerns & records)
