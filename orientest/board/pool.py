"""The ambassadors of a run as columns, so that each rule looks at all of them at once."""

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from orientest.ambassadors.reading import Ambassador
from orientest.core.school_days import WEEKDAYS
from orientest.core.text import fold
from orientest.forms.options import INTERVENTION_TYPES, PUBLICS, THEMES, ZONES
from orientest.reference.sectors import Sectors
from orientest.reference.territory import DEPARTMENTS, Commune, great_circle_km

REGION, DEPARTMENT, CITY, BASIN = range(4)
_DEPARTMENT_CODES = tuple(DEPARTMENTS)


def bits(values: Sequence[str], vocabulary: Sequence[str]) -> int:
    """A bit per known value: sets of answers compared with one `&`."""
    return sum(1 << vocabulary.index(value) for value in values if value in vocabulary)


@dataclass(frozen=True)
class Member:
    """An ambassador as matching sees them: the record, whether they may be asked, and their past."""

    ambassador: Ambassador
    eligible: bool  # Actif, current charter accepted, not paused
    no_shows: int = 0
    status: str = "Actif"  # as written in `Statut`: staff cannot force a proposal to someone not « Actif »


@dataclass(frozen=True)
class Pool:
    members: tuple[Member, ...]
    ids: tuple[str, ...]
    eligible: np.ndarray
    publics: np.ndarray
    types: np.ndarray
    domains: np.ndarray
    themes: np.ndarray
    weekdays: np.ndarray
    zone: np.ndarray
    departments: np.ndarray
    latitude: np.ndarray
    longitude: np.ndarray
    site_latitude: np.ndarray  # where they receive company visits (their home commune when no site is given)
    site_longitude: np.ndarray
    has_site: np.ndarray
    max_group: np.ndarray  # a visit's largest group (0: no limit said)
    radius: np.ndarray
    basin: np.ndarray
    remote_ok: np.ndarray
    max_per_year: np.ndarray
    no_shows: np.ndarray
    subdomains: np.ndarray
    names: tuple[str, ...]
    _distances: dict[str, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    def index(self) -> dict[str, int]:
        return {record_id: position for position, record_id in enumerate(self.ids)}

    def distances_km(self, commune: Commune, at_site: np.ndarray | None = None) -> np.ndarray:
        """Distance from each ambassador's home commune, or from their site where `at_site` (a company visit), NaN
        where it is unknown; once per commune and run."""
        home = self._from(commune, "home", self.latitude, self.longitude)
        if at_site is None or not at_site.any():
            return home
        return np.where(at_site, self._from(commune, "site", self.site_latitude, self.site_longitude), home)

    def _from(self, commune: Commune, kind: str, latitude: np.ndarray, longitude: np.ndarray) -> np.ndarray:
        key = f"{kind} {commune.insee}"
        if key not in self._distances:
            self._distances[key] = great_circle_km(latitude, longitude, commune.latitude, commune.longitude)
        return self._distances[key]


def build_pool(members: Sequence[Member], sectors: Sectors, basin_ids: dict[str, int]) -> Pool:
    people = [member.ambassador for member in members]
    domain_codes = tuple(sectors.domains)
    sites = [a.site_commune or a.commune for a in people]

    def column(values, dtype=np.int64):
        return np.array(list(values), dtype=dtype)

    return Pool(
        members=tuple(members),
        ids=tuple(a.id for a in people),
        eligible=column((m.eligible for m in members), bool),
        publics=column(bits(a.publics, PUBLICS) for a in people),
        types=column(bits(a.intervention_types, INTERVENTION_TYPES) for a in people),
        domains=column(bits([sectors.domain_code(s) for s in a.sectors], domain_codes) for a in people),
        themes=column(bits(a.themes, THEMES) for a in people),
        weekdays=column(bits(a.weekdays, WEEKDAYS) for a in people),
        zone=column(ZONES.index(a.zone) for a in people),
        departments=column(bits(a.departments, _DEPARTMENT_CODES) for a in people),
        latitude=column((a.commune.latitude if a.commune else np.nan for a in people), float),
        longitude=column((a.commune.longitude if a.commune else np.nan for a in people), float),
        site_latitude=column((site.latitude if site else np.nan for site in sites), float),
        site_longitude=column((site.longitude if site else np.nan for site in sites), float),
        has_site=column((a.site_commune is not None for a in people), bool),
        max_group=column(a.max_group or 0 for a in people),
        radius=column((a.radius_km or 0 for a in people), float),
        basin=column(basin_ids.get(a.commune.insee, -1) if a.commune else -1 for a in people),
        remote_ok=column((a.remote_ok for a in people), bool),
        max_per_year=column(a.max_per_year for a in people),
        no_shows=column(m.no_shows for m in members),
        subdomains=column((a.rome_subdomain for a in people), object),
        names=tuple(fold(a.full_name) for a in people),
    )


def department_bit(code: str) -> int:
    return 1 << _DEPARTMENT_CODES.index(code) if code in _DEPARTMENT_CODES else 0
