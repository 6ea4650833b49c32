"""Once a school year, each active ambassador's attestation of the interventions they gave (charter §4, « valoriser
le réseau »): something to show an employer, sent from 1 July until the end of August."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from orientest.ambassadors.reading import Ambassador, read_ambassador
from orientest.context import Context
from orientest.core.email_factory import email, key
from orientest.core.french import format_long_date, school_year
from orientest.core.parameters import Parameters
from orientest.core.plan import Document, Email, Plan
from orientest.core.record_rows import record_rows
from orientest.core.schema import Snapshot
from orientest.requests.reading import Request, read_request
from orientest.requests.state import read_state
from orientest.statuses import requests as request_life
from orientest.statuses.ambassadors import AmbassadorStatus

FIRST_DAY = (7, 1)  # the school year's interventions are over; the archive takes the year on 2 September
TEMPLATE = "attestation"
EMPLOYER_TEMPLATE = "attestation_employeur"


@dataclass(frozen=True)
class Given:
    """An intervention as the attestation lists it."""

    day: date
    request: Request


def due_year(today: date) -> int | None:
    """The school year whose attestations go out today (July and August), or None."""
    return school_year(today) if (today.month, today.day) >= FIRST_DAY and today.month <= 8 else None


def attestations(snapshot: Snapshot, context: Context, parameters: Parameters, sent: set[str], plan: Plan) -> None:
    """Each active ambassador with at least one intervention held this school year, once: the attestation as a PDF
    and an HTML page (attached, never kept on the server: they name the person) and the e-mail that carries them."""
    year = due_year(context.now.date())
    if year is None:
        return
    given = _given(snapshot, context, year)
    for record in record_rows(snapshot["Ambassadeurs"]):
        if record.status != AmbassadorStatus.ACTIVE or not given.get(record.id):
            continue
        ambassador, _ = read_ambassador(record.row, context.referential)
        if ambassador is None or not ambassador.email or _all_sent(ambassador, year, sent):
            continue
        page = _document(ambassador, sorted(given[record.id], key=lambda g: g.day), year)
        pdf = Document(
            page.name.removesuffix(".html") + ".pdf", f"emails/{TEMPLATE}/piece_jointe.pdf", page.context, False
        )
        plan.documents += [page, pdf]
        plan.emails.append(_email(parameters, ambassador, (pdf, page), year, len(given[record.id])))
        if ambassador.employer_copy:  # they gave the address themselves, for this copy only
            plan.emails.append(_employer_copy(parameters, ambassador, pdf, year))


def _all_sent(ambassador: Ambassador, year: int, sent: set[str]) -> bool:
    """Both copies handed over already: no PDF drawn again. One that failed (the relay down) is planned again."""
    wanted = [key(TEMPLATE, year, ambassador.id)]
    if ambassador.employer_copy:
        wanted.append(key(EMPLOYER_TEMPLATE, year, ambassador.id))
    return all(k in sent for k in wanted)


def _given(snapshot: Snapshot, context: Context, year: int) -> dict[str, list[Given]]:
    """Ambassador ID → the interventions of `year` that took place with them (« Réalisée » or « Clôturée »)."""
    found: dict[str, list[Given]] = {}
    for row in snapshot["Demandes"].rows:
        state = read_state(row)
        day = state.confirmed_day
        if state.status not in request_life.HELD or day is None or school_year(day) != year:
            continue
        request, _ = read_request(row, context.referential, lenient=True)
        if request is None:
            continue
        for ambassador_id in state.ambassadors:
            found.setdefault(ambassador_id, []).append(Given(day, request))
    return found


def _label(year: int) -> str:
    return f"{year}-{year + 1}"


def _document(ambassador: Ambassador, given: list[Given], year: int) -> Document:
    rows: list[dict[str, Any]] = [
        {
            "day": format_long_date(g.day),
            "structure": g.request.structure,
            "commune": g.request.commune.name if g.request.commune else g.request.commune_text,
            "public": ", ".join(g.request.publics) + (f" ({g.request.level})" if g.request.level else ""),
            "kind": ", ".join(g.request.intervention_types),
            "participants": g.request.participants,
        }
        for g in given
    ]
    context = {
        "name": ambassador.full_name,
        "job": ambassador.job,
        "structure": ambassador.structure,
        "school_year": _label(year),
        "interventions": rows,
        "participants": sum(g.request.participants for g in given),
    }
    name = f"attestation-{_label(year)}-{ambassador.id}.html"
    return Document(name, f"emails/{TEMPLATE}/piece_jointe.html", context, kept=False)


def _email(
    parameters: Parameters, ambassador: Ambassador, documents: tuple[Document, ...], year: int, count: int
) -> Email:
    """The attestation twice: a PDF to print or pass on, and the same page for a phone's browser."""
    names = tuple(document.name for document in documents)
    context = {
        "name": ambassador.full_name,
        "staff_email": parameters.staff_email,
        "school_year": _label(year),
        "count": count,
        "file": names[0],
        "employer": ambassador.employer_copy,
    }
    return email(parameters, TEMPLATE, ambassador.email, ambassador.id, context, year, ambassador.id, attach=names)


def _employer_copy(parameters: Parameters, ambassador: Ambassador, pdf: Document, year: int) -> Email:
    """The PDF alone, to the address the ambassador gave for it; replies reach the team."""
    context = {
        "name": "Madame, Monsieur",
        "ambassador_name": ambassador.full_name,
        "staff_email": parameters.staff_email,
        "school_year": _label(year),
        "file": pdf.name,
    }
    return email(
        parameters,
        EMPLOYER_TEMPLATE,
        ambassador.employer_copy,
        ambassador.id,
        context,
        year,
        ambassador.id,
        attach=(pdf.name,),
    )
