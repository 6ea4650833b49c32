"""What staff type in a request's own columns for orientest to act on, read once."""

import re
from dataclasses import dataclass

from orientest.core.schema import Row
from orientest.core.text import web_address

# « AMB-00012 », « amb-12 », « AMB 12 », each maybe followed by « forcer » (or « ! »)
_PICK = re.compile(r"\bAMB\s*-?\s*(\d{1,9})\b\s*(!|\bforcer\b)?", re.IGNORECASE)
# what may stand between IDs: any punctuation, « et », « puis », « ou »
_SEPARATOR = r"(?:[\s,;:/|+&.\-–—]|\bet\b|\bpuis\b|\bou\b)"
_BETWEEN = re.compile(rf"^{_SEPARATOR}*$", re.IGNORECASE)
_AROUND = re.compile(rf"^{_SEPARATOR}+|{_SEPARATOR}+$", re.IGNORECASE)


@dataclass(frozen=True)
class Pick:
    ambassador_id: str
    forced: bool


@dataclass(frozen=True)
class ManualChoice:
    """`Affectation manuelle` as read: the ambassadors staff chose, in order, and the parts that are no ID."""

    picks: tuple[Pick, ...]
    unreadable: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.picks or self.unreadable)


@dataclass(frozen=True)
class StaffEntries:
    id: str
    action: str  # `Action`: Annuler, Relancer, Rouvrir (cleared once carried out)
    manual: ManualChoice  # `Affectation manuelle`: one or several IDs, each maybe followed by « forcer »
    video_link: str = ""  # `Lien de la visio`: the web address in it, for a remote session
    video_link_typed: str = ""  # as typed: what staff read back when it holds no address


def read_staff_entries(row: Row) -> StaffEntries:
    typed = row["Lien de la visio"].strip()
    return StaffEntries(
        row["ID"].strip(),
        row["Action"].strip(),
        read_manual_choice(row["Affectation manuelle"]),
        web_address(typed),
        typed,
    )


def read_manual_choice(typed: str) -> ManualChoice:
    """Every ID whatever stands between them (« AMB-3 AMB-1 », « AMB-00003 et AMB-00001 ») written as orientest
    writes it (AMB-00003), each once; what is neither an ID, « forcer » nor a separator is kept to be said back."""
    picks: dict[str, Pick] = {}
    unreadable: list[str] = []
    last = 0
    for match in _PICK.finditer(typed):
        _gap(typed[last : match.start()], unreadable)
        ambassador_id = f"AMB-{int(match[1]):05d}"
        forced = bool(match[2]) or (ambassador_id in picks and picks[ambassador_id].forced)
        picks[ambassador_id] = Pick(ambassador_id, forced)
        last = match.end()
    _gap(typed[last:], unreadable)
    return ManualChoice(tuple(picks.values()), tuple(unreadable))


def _gap(text: str, unreadable: list[str]) -> None:
    if not _BETWEEN.match(text):
        unreadable.append(_AROUND.sub("", text))
