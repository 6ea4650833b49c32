"""Status changes as data: each record kind lists its statuses and the transitions flows may make, with why."""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

UNSET = ""  # a form row no flow has given a status yet


class IllegalTransition(RuntimeError):
    """A flow tried a status change its record's lifecycle does not list: a programming error, never a person's."""


@dataclass(frozen=True)
class Transition:
    """One change a flow may make: from `sources` (None: any status, one staff typed included, but `unless`) to
    `target`, for `reason` (French, as staff read it in the docs)."""

    name: str
    sources: frozenset[str] | None
    target: str
    reason: str
    unless: frozenset[str] = field(default_factory=frozenset)

    def allows(self, status: str) -> bool:
        return (self.sources is None or status in self.sources) and status not in self.unless

    def check(self, status: str) -> str:
        """The status after this transition from `status`; staying put is always allowed."""
        if status != self.target and not self.allows(status):
            raise IllegalTransition(f"{self.name} : « {status} » → « {self.target} » n'est pas une transition permise")
        return self.target


def transition(
    name: str, sources: Iterable[str] | None, target: str, reason: str, unless: Iterable[str] = ()
) -> Transition:
    return Transition(name, None if sources is None else frozenset(sources), target, reason, frozenset(unless))


@dataclass(frozen=True)
class Lifecycle:
    """A record kind's statuses, in the order staff meet them, and every transition a flow may make."""

    kind: str
    statuses: tuple[str, ...]
    transitions: tuple[Transition, ...]
    by_staff: tuple[str, ...] = ()  # changes only staff make, in the sheet (French)

    def check(self, transition: Transition, status: str) -> str:
        """The status after `transition`, one of this lifecycle's, from `status`; anything else raises."""
        if transition not in self.transitions:
            raise IllegalTransition(f"{transition.name} : ce changement n'est pas un de ceux d'un(e) {self.kind}")
        return transition.check(status)

    def read(self, typed: str) -> str | None:
        """The status staff meant by `typed`, as the list writes it (« actif », « ACTIF », « Confirmé » for
        « Confirmée »), or None for a word the list does not have (« Validé »)."""
        wanted = _key(typed)
        return next((status for status in self.statuses if _key(status) == wanted), None) if wanted else None


def _key(text: str) -> str:
    """Case, accents, spaces and the endings of gender and number left out: « Actives » and « actif » alike."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
    bare = re.sub(r"[^a-z]+", " ", bare).strip()
    return re.sub(r"(ee|e)s?$|s$", "", re.sub(r"(ive|if)s?$", "if", bare))
