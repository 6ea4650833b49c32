"""How well each candidate fits a request, with the weights staff set in `Paramètres`, and why, in French."""

from dataclasses import dataclass

import numpy as np

from orientest.board.pool import Pool, bits
from orientest.board.venue import is_visit, visits
from orientest.core.parameters import Parameters
from orientest.core.text import fold
from orientest.forms.options import THEMES
from orientest.reference.sectors import Sectors
from orientest.requests.reading import Request

SUBDOMAIN, DOMAIN, THEME_ONLY = 1.0, 0.7, 0.4
DISTANCE_SCALE_KM = 150.0  # beyond this, proximity no longer adds anything: Grand Est is ~400 km wide
NO_SHOWS_FOR_ZERO = 3


@dataclass(frozen=True)
class Fit:
    """Each criterion between 0 and 1, per ambassador."""

    sector: np.ndarray
    distance: np.ndarray
    fairness: np.ndarray
    reliability: np.ndarray
    wished: np.ndarray
    distances_km: np.ndarray

    def score(self, parameters: Parameters) -> np.ndarray:
        return (
            parameters.weight_sector * self.sector
            + parameters.weight_distance * self.distance
            + parameters.weight_fairness * self.fairness
            + parameters.weight_reliability * self.reliability
            + parameters.weight_wished * self.wished
        )


def fit(pool: Pool, request: Request, sectors: Sectors, done_this_year: np.ndarray) -> Fit:
    domains = bits([sectors.domain_code(label) for label in request.sectors], tuple(sectors.domains))
    same_domain = (pool.domains & domains) != 0
    same_theme = (pool.themes & bits(request.themes, THEMES)) != 0
    subdomains = np.isin(pool.subdomains, request.subdomains) if request.subdomains else False
    sector = np.where(
        subdomains & same_domain, SUBDOMAIN, np.where(same_domain, DOMAIN, np.where(same_theme, THEME_ONLY, 0.0))
    )
    if request.remote or request.commune is None:
        distances = np.full(len(pool.ids), np.nan)
        distance = np.ones(len(pool.ids))
    else:
        distances = pool.distances_km(request.commune, visits(pool, request))
        distance = np.nan_to_num(1 - np.clip(distances / DISTANCE_SCALE_KM, 0, 1), nan=0.3)
    return Fit(
        sector=sector,
        distance=distance,
        fairness=1 - np.clip(done_this_year / np.maximum(pool.max_per_year, 1), 0, 1),
        reliability=1 - np.clip(pool.no_shows / NO_SHOWS_FOR_ZERO, 0, 1),
        wished=_wished(pool, request),
        distances_km=distances,
    )


def _wished(pool: Pool, request: Request) -> np.ndarray:
    """The requester named them: by ID or by first and last name."""
    wanted = fold(request.wished_ambassador)
    if not wanted:
        return np.zeros(len(pool.ids))
    return np.array(
        [
            wanted == fold(record_id) or (len(name) > 3 and name in wanted)
            for record_id, name in zip(pool.ids, pool.names, strict=True)
        ],
        dtype=float,
    )


def motif(pool: Pool, position: int, request: Request, sectors: Sectors, fitted: Fit, done: int) -> str:
    """For staff, in `Motif`: « Industrie – Mécanique, travail des métaux et outillage (H29) · 12 km · 1 intervention
    sur 4 cette année »."""
    ambassador = pool.members[position].ambassador
    distance = fitted.distances_km[position]
    where = "à distance" if request.remote else f"{distance:.0f} km" if not np.isnan(distance) else "hors Grand Est"
    count = f"{done} intervention{'s' if done > 1 else ''} sur {ambassador.max_per_year} cette année"
    return f"{_shared_topic(pool, position, request, sectors)[1]} · {where} · {count}"


def why_you(pool: Pool, position: int, request: Request, sectors: Sectors, fitted: Fit) -> str:
    """For the volunteer, in their proposal: « votre métier, Industrie – Mécanique… (H29), à 12 km de chez vous »; the
    scoring detail stays with staff."""
    kind, topic = _shared_topic(pool, position, request, sectors)
    distance = fitted.distances_km[position]
    if request.remote:
        return f"{kind}, {topic}, pour une intervention à distance"
    known = not np.isnan(distance) and distance >= 1
    if is_visit(request, pool.members[position].ambassador):
        away = f"à {distance:.0f} km de votre site" if known else "tout près de votre site"
        return f"{kind}, {topic}, pour une visite de votre site par un groupe venant d'une structure {away}"
    where = f"à {distance:.0f} km de chez vous" if known else "près de chez vous"
    return f"{kind}, {topic}, {where}"


def _shared_topic(pool: Pool, position: int, request: Request, sectors: Sectors) -> tuple[str, str]:
    """What the ambassador and the request share, and what kind of thing it is: the job family if it is theirs, else
    the sector, else the theme."""
    ambassador = pool.members[position].ambassador
    shared = [label for label in request.sectors if label in ambassador.sectors]
    subdomain = sectors.subdomains.get(ambassador.rome_subdomain)
    if shared and subdomain and sectors.domains[subdomain.domain] in shared:
        return "votre métier", f"{sectors.domains[subdomain.domain]} – {subdomain.label} ({subdomain.code})"
    if shared:
        return "votre secteur", shared[0]
    return "votre thématique", next((theme for theme in request.themes if theme in ambassador.themes), "thématique")
