"""Sectors: the domains and sub-domains of the ROME, France Travail's job classification."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class SubDomain:
    code: str  # "H29"
    label: str
    domain: str  # "H"


@dataclass(frozen=True)
class Sectors:
    domains: dict[str, str]  # "H" → "Industrie"
    subdomains: dict[str, SubDomain]

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> "Sectors":
        domains: dict[str, str] = {}
        subdomains: dict[str, SubDomain] = {}
        for row in rows:
            domains.setdefault(row["domaine"], row["domaine_libelle"])
            code = row["sous_domaine"]
            subdomains[code] = SubDomain(code, row["sous_domaine_libelle"], row["domaine"])
        return cls(domains, subdomains)

    @property
    def domain_labels(self) -> tuple[str, ...]:
        return tuple(self.domains.values())

    def domain_code(self, label: str) -> str:
        return next(code for code, known in self.domains.items() if known == label)

    def subdomain_of(self, rome_code: str) -> SubDomain | None:
        """`H2913` or `H29` → the sub-domain H29."""
        return self.subdomains.get(rome_code.strip().upper()[:3])
