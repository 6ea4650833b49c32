"""Closed form answers: one choice, or several as Google Forms joins them."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from orientest.core.text import clean, fold

_SEPARATORS = re.compile(r"\s*[;\n]\s*")


@dataclass(frozen=True)
class Parsed:
    chosen: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choices:
    """The options of a closed question, with other spellings people use for them."""

    labels: tuple[str, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)
    other: bool = False  # the question has an « Autre » option whose free text Forms writes as is

    @cached_property
    def _lookup(self) -> dict[str, str]:
        table = {fold(label): label for label in self.labels}
        table.update({fold(alias): label for alias, label in self.aliases.items()})
        return table

    def one(self, text: str) -> str | None:
        """The option `text` stands for, or None."""
        return self._lookup.get(fold(text))

    def many(self, text: str) -> Parsed:
        """Options of a checkbox answer; labels may contain commas, so pieces are joined back greedily."""
        lookup = self._lookup
        chosen: list[str] = []
        unknown: list[str] = []
        for chunk in _SEPARATORS.split(text.strip()):
            pieces = [p for p in re.split(r"\s*,\s*", chunk) if p.strip()]
            start = 0
            while start < len(pieces):
                end = next(
                    (end for end in range(len(pieces), start, -1) if fold(", ".join(pieces[start:end])) in lookup), None
                )
                if end is None:
                    unknown.append(clean(pieces[start]))
                    start += 1
                    continue
                label = lookup[fold(", ".join(pieces[start:end]))]
                if label not in chosen:
                    chosen.append(label)
                start = end
        if self.other and unknown:
            chosen.append("Autre : " + ", ".join(unknown))
            unknown = []
        return Parsed(tuple(chosen), tuple(unknown))


def options_text(labels: Iterable[str]) -> str:
    """« A », « B » ou « C » — for messages listing what is expected."""
    quoted = [f"« {label} »" for label in labels]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " ou " + quoted[-1]
