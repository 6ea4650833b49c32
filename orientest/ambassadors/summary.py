"""What e-mails say about an ambassador: plain values for the templates, in French."""

from typing import Any

from orientest.ambassadors.reading import Ambassador
from orientest.core.french import count
from orientest.core.school_days import WEEKDAYS
from orientest.forms.options import VISIT


def ambassador_context(ambassador: Ambassador) -> dict[str, Any]:
    """What the ambassador told us, so they can check it."""
    summary = [
        ("Métier ou fonction", ambassador.job),
        ("Structure", ambassador.structure),
        ("Secteurs", ", ".join(ambassador.sectors)),
        ("Thématiques", ", ".join(ambassador.themes)),
        ("Publics", ", ".join(ambassador.publics)),
        ("Types d'intervention", ", ".join(ambassador.intervention_types)),
        ("Site des visites", _site(ambassador)),
        ("Consignes de sécurité", ambassador.safety_rules if VISIT in ambassador.intervention_types else ""),
        ("Zone", _zone(ambassador)),
        ("Volume annuel", f"{count(ambassador.max_per_year, 'intervention')} au plus"),
        ("Jours", _days(ambassador.weekdays)),
        ("À distance", "oui" if ambassador.remote_ok else "non"),
    ]
    return {"summary": [(label, value) for label, value in summary if value]}


def _site(ambassador: Ambassador) -> str:
    """Where they receive a visit, and how many; or that, without an address, no visit is proposed to them."""
    if VISIT not in ambassador.intervention_types:
        return ""
    if not ambassador.site_address:
        return "adresse non renseignée : aucune visite ne vous sera proposée sans elle"
    group = f", groupes de {ambassador.max_group} personnes au plus" if ambassador.max_group else ""
    return ambassador.site_address + group


def _days(weekdays: tuple[str, ...]) -> str:
    """« lundi, mercredi et jeudi »: in week order, in lower case, as French writes them in a sentence."""
    ordered = [day.lower() for day in WEEKDAYS if day in weekdays]
    return " et ".join([", ".join(ordered[:-1]), ordered[-1]]) if len(ordered) > 1 else "".join(ordered)


def _zone(ambassador: Ambassador) -> str:
    if ambassador.zone == "Département(s)":
        *others, last = ambassador.departments or ("",)
        return f"Départements {', '.join(others)} et {last}" if others else f"Département {last}".strip()
    if ambassador.zone == "Ville et environs" and ambassador.commune:
        return f"{ambassador.commune.name} et {ambassador.radius_km} km autour"
    if ambassador.zone == "Bassin d'emploi" and ambassador.commune:
        return f"Bassin d'emploi de {ambassador.commune.name}"
    return ambassador.zone
