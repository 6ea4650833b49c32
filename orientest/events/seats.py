"""Who has a seat at an event and who waits: first come, first seated; a seat given back goes to the first in line."""

from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    SEATED = "inscrit"
    WAITING = "en attente"
    ALREADY = "déjà inscrit"  # asked again: nothing changes, nothing is sent again
    WITHDRAWN = "désinscrit"  # gave their seat back
    LEFT_LINE = "sorti de la liste d'attente"
    NOT_REGISTERED = "pas inscrit"  # « Je ne peux pas » from someone never registered: noted, nothing to undo


@dataclass
class Seats:
    places: int | None  # None: as many as come
    seated: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)

    def register(self, who: str) -> Outcome:
        if who in self.seated or who in self.waiting:
            return Outcome.ALREADY
        if self.places is None or len(self.seated) < self.places:
            self.seated.append(who)
            return Outcome.SEATED
        self.waiting.append(who)
        return Outcome.WAITING

    def withdraw(self, who: str) -> Outcome:
        if who in self.seated:
            self.seated.remove(who)
            return Outcome.WITHDRAWN
        if who in self.waiting:
            self.waiting.remove(who)
            return Outcome.LEFT_LINE
        return Outcome.NOT_REGISTERED

    def promote(self) -> list[str]:
        """Those the waiting list seats now that places are free (one given back, or staff added places)."""
        promoted = []
        while self.waiting and (self.places is None or len(self.seated) < self.places):
            promoted.append(self.waiting.pop(0))
            self.seated.append(promoted[-1])
        return promoted

    def position(self, who: str) -> int:
        """1 for the first in line."""
        return self.waiting.index(who) + 1
