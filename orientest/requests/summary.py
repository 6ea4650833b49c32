"""What e-mails say about a request: plain values for the templates, in French."""

from typing import Any

from orientest.core.french import format_decimal, format_long_date, format_time
from orientest.requests.reading import Request


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(values)


def request_context(request: Request) -> dict[str, Any]:
    """The request's summary, as the requester will recognise it."""
    commune = request.commune.name if request.commune else request.commune_text
    slot = f", {request.slot.lower()}" if request.slot else ""
    summary = [
        ("Structure", request.structure),
        ("Adresse", request.address),
        ("Commune", commune),
        ("Public", _listed(request.publics) + (f" ({request.level})" if request.level else "")),
        ("Participants", str(request.participants)),
        ("Secteurs", _listed(request.sectors)),
        ("Thématique", _listed(request.themes)),
        ("Type d'intervention", _listed(request.intervention_types)),
        ("Modalité", "À distance" if request.remote else "Présentiel"),
        ("Date souhaitée", format_long_date(request.wished_date) + slot),
        ("Date alternative", format_long_date(request.alternative_date) if request.alternative_date else ""),
        ("Heure de début", format_time(request.start_time) if request.start_time else "à convenir"),
        ("Durée", f"{format_decimal(request.duration_hours)} h" if request.duration_hours else ""),
    ]
    return {
        "summary": [(label, value) for label, value in summary if value],
        "structure": request.structure,
        "message": request.message,  # « Ce que l'ambassadeur doit savoir »: for the ambassador's e-mails
        "places": request.places,
        "event_kind": event_kind(request),
    }


_WITH_ARTICLE = {
    "Intervention en établissement": "une intervention en établissement",
    "Témoignage ou conférence": "un témoignage ou une conférence",
    "Démonstration": "une démonstration",
    "Événement à distance": "un événement à distance",
    "Événement en présentiel": "un événement en présentiel (forum, salon)",
    "Visite d'entreprise": "une visite d'entreprise",
}


def event_kind(request: Request) -> str:
    """What the request is, with its article, as a sentence says it (« un événement en présentiel (forum, salon) »)."""
    kinds = [_WITH_ARTICLE.get(kind, kind.lower()) for kind in request.intervention_types]
    return " et ".join(kinds) if kinds else "une intervention"
