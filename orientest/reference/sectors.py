"""Sectors: the domains and sub-domains of the ROME, France Travail's job classification."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from orientest.core.choices import Choices

# The ROME has no table of kinship between its domains: this one is ours, from shared trades and training paths
# (a bac pro électricien leads to industry, building and maintenance, never to banking). Closest first.
CLOSE_DOMAINS = {
    "A": "HNI",  # agriculture: agri-food industry, logistics, machinery maintenance
    "B": "LEH",
    "C": "MD",
    "D": "CGNM",
    "E": "BLM",
    "F": "IH",
    "G": "DKL",
    "H": "IFN",
    "I": "HFN",
    "J": "K",
    "K": "JG",
    "L": "BEG",
    "M": "CED",
    "N": "DHI",
}


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
        for entry in rows:
            domains.setdefault(entry["domaine"], entry["domaine_libelle"])
            code = entry["sous_domaine"]
            subdomains[code] = SubDomain(code, entry["sous_domaine_libelle"], entry["domaine"])
        return cls(domains, subdomains)

    @property
    def domain_labels(self) -> tuple[str, ...]:
        return tuple(self.domains.values())

    @cached_property
    def choices(self) -> Choices:
        aliases = {code: label for code, label in self.domains.items()}
        aliases.update({f"{code} - {label}": label for code, label in self.domains.items()})
        return Choices(self.domain_labels, aliases)

    @cached_property
    def choices_with_subdomains(self) -> Choices:
        """Domains, and sub-domains by code (« H29 » or « H29 - Mécanique… ») for requests naming a job family."""
        aliases = dict(self.choices.aliases)
        aliases.update({sub.code: sub.code for sub in self.subdomains.values()})
        aliases.update({f"{sub.code} - {sub.label}": sub.code for sub in self.subdomains.values()})
        return Choices(self.domain_labels, aliases)  # a form offers the domains; a sub-domain is typed by its code

    @cached_property
    def _codes_by_label(self) -> dict[str, str]:
        return {label: code for code, label in self.domains.items()}

    def domain_code(self, label: str) -> str:
        return self._codes_by_label[label]

    def close_to(self, codes: Iterable[str]) -> tuple[str, ...]:
        """The domains close to those of `codes`, closest first, without them."""
        asked = list(codes)
        close = [near for code in asked for near in CLOSE_DOMAINS.get(code, "") if near in self.domains]
        return tuple(code for code in dict.fromkeys(close) if code not in asked)

    def subdomain_of(self, rome_code: str) -> SubDomain | None:
        """`H2913` or `H29` → the sub-domain H29."""
        return self.subdomains.get(rome_code.strip().upper()[:3])
