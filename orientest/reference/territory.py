"""Communes of Grand Est: resolving what people type, and distances between them."""

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from orientest.core.text import fold

EARTH_RADIUS_KM = 6371.0088
DEPARTMENTS = {
    "08": "Ardennes",
    "10": "Aube",
    "51": "Marne",
    "52": "Haute-Marne",
    "54": "Meurthe-et-Moselle",
    "55": "Meuse",
    "57": "Moselle",
    "67": "Bas-Rhin",
    "68": "Haut-Rhin",
    "88": "Vosges",
}
_CODE = re.compile(r"\b(\d{5})\b")
_DEPARTMENT_HINT = re.compile(r"\(\s*(\d{2})\s*\)")
_CEDEX = re.compile(r"\bcedex\b(\s*\d+)?", re.IGNORECASE)


@dataclass(frozen=True)
class Commune:
    insee: str
    name: str
    postal_codes: tuple[str, ...]
    department: str
    arrondissement: str
    arrondissement_name: str
    latitude: float
    longitude: float
    population: int

    @property
    def label(self) -> str:
        return f"{self.name} ({self.department})"


@dataclass(frozen=True)
class Resolution:
    """A commune found, or why not: `candidates` when ambiguous, `suggestions` when unknown."""

    commune: Commune | None = None
    candidates: tuple[Commune, ...] = ()
    suggestions: tuple[Commune, ...] = ()
    outside_region: bool = False

    def problem(self) -> str:
        if self.commune:
            return ""
        if self.outside_region:
            return "commune hors du Grand Est"
        if self.candidates:
            return (
                "plusieurs communes possibles : "
                + ", ".join(c.label for c in self.candidates[:8])
                + " ; précisez le nom et le code postal"
            )
        if self.suggestions:
            return (
                "commune inconnue en Grand Est ; vouliez-vous dire : "
                + ", ".join(c.label for c in self.suggestions)
                + " ?"
            )
        return "commune inconnue en Grand Est ; indiquez le code postal et le nom (ex. « 67000 Strasbourg »)"


class Communes:
    """The 5,115 communes of Grand Est, searchable by INSEE code, postal code and name."""

    def __init__(self, communes: Iterable[Commune]):
        self.all = tuple(communes)
        self.by_insee = {c.insee: c for c in self.all}
        self.by_postal_code: dict[str, list[Commune]] = defaultdict(list)
        self.by_name: dict[str, list[Commune]] = defaultdict(list)
        self._resolved: dict[str, Resolution] = {}
        for commune in self.all:
            for code in commune.postal_codes:
                self.by_postal_code[code].append(commune)
            self.by_name[fold(commune.name)].append(commune)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> "Communes":
        return cls(
            Commune(
                insee=entry["code_insee"],
                name=entry["nom"],
                postal_codes=tuple(entry["codes_postaux"].split()),
                department=entry["departement"],
                arrondissement=entry["arrondissement"],
                arrondissement_name=entry["arrondissement_nom"],
                latitude=float(entry["latitude"]),
                longitude=float(entry["longitude"]),
                population=int(entry["population"] or 0),
            )
            for entry in rows
        )

    def resolve(self, text: str) -> Resolution:
        """`67000 Strasbourg`, `strasbourg`, `St-Dié-des-Vosges`, `51100`, `67482` (INSEE) → one commune, or why not."""
        if text not in self._resolved:  # every run reads every row again: answer each spelling once
            self._resolved[text] = self._resolve(text)
        return self._resolved[text]

    def _resolve(self, text: str) -> Resolution:
        text = _CEDEX.sub(" ", text)
        hint = _DEPARTMENT_HINT.search(text)
        codes = _CODE.findall(text)
        name = fold(_CODE.sub(" ", _DEPARTMENT_HINT.sub(" ", text)))
        if codes:
            return self._resolve_code(codes[0], name)
        candidates = self._by_name(name)
        if hint:
            candidates = [c for c in candidates if c.department == hint[1]] or candidates
        return self._pick(candidates, name)

    def _resolve_code(self, code: str, name: str) -> Resolution:
        # A bare code is read as a postal code first: people type those, not INSEE codes ("51100" is Reims,
        # while INSEE 51100 is La Caure).
        in_code = self.by_postal_code.get(code, [])
        by_insee = [self.by_insee[code]] if code in self.by_insee else []
        named = self._by_name(name)
        if name and named:
            return self._pick([c for c in in_code + by_insee if c in named] or named, name)
        if in_code or (by_insee and not name):
            return self._pick(in_code or by_insee, name)
        if code[:2] not in DEPARTMENTS:
            return Resolution(outside_region=True)
        return self._pick([], name)

    def _pick(self, candidates: list[Commune], name: str) -> Resolution:
        if len(candidates) == 1:
            return Resolution(commune=candidates[0])
        if candidates:
            return Resolution(candidates=tuple(sorted(candidates, key=lambda c: -c.population)))
        return Resolution(suggestions=self._suggestions(name))

    def _by_name(self, name: str) -> list[Commune]:
        if not name:
            return []
        if name in self.by_name:
            return list(self.by_name[name])
        # "Saint-Dié" for "Saint-Dié-des-Vosges": a unique commune whose name starts with what was typed.
        starting = [c for key, communes in self.by_name.items() if key.startswith(name + " ") for c in communes]
        return starting if len(starting) == 1 else []

    def _suggestions(self, name: str) -> tuple[Commune, ...]:
        close = difflib.get_close_matches(name, self.by_name.keys(), n=3, cutoff=0.8)
        return tuple(self.by_name[key][0] for key in close)


def great_circle_km(lat1, lon1, lat2, lon2):
    """Haversine distance in km; works on floats and on numpy arrays alike."""
    lat1, lon1, lat2, lon2 = (np.radians(value) for value in (lat1, lon1, lat2, lon2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(h))
