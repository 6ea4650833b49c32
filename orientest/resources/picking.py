"""Which resources an e-mail carries: those for its reader, at its moment, and matching what it is about."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from orientest.context.referential import Referential
from orientest.core.plan import Email, Link, Plan
from orientest.core.schema import Row, Snapshot
from orientest.forms.options import INTERVENTION_TYPE, PUBLIC
from orientest.resources.reading import AMBASSADORS, REQUESTERS, Resource, read_resources

# template → (moment, reader); None: the reader is the e-mail's own `audience` (one template for both sides)
MOMENTS: Mapping[str, tuple[str, str | None]] = {
    "bienvenue": ("Bienvenue", AMBASSADORS),
    "demande_recue": ("Bienvenue", REQUESTERS),
    "proposition": ("Proposition", AMBASSADORS),
    "proposition_relance": ("Proposition", AMBASSADORS),
    "confirmation_ambassadeur": ("Confirmation", AMBASSADORS),
    "confirmation_demandeur": ("Confirmation", REQUESTERS),
    "confirmation_forum": ("Confirmation", REQUESTERS),
    "rappel_intervention": ("Rappel", None),
    "demande_retour": ("Retour", None),
    "nouvelle_charte": ("Nouvelle charte", AMBASSADORS),
    "nouvelle_charte_relance": ("Nouvelle charte", AMBASSADORS),
}
_AUDIENCE = {"ambassadeur": AMBASSADORS, "demandeur": REQUESTERS}


@dataclass(frozen=True)
class About:
    """What an e-mail's record asks or offers, for the filters: a request's wishes, an ambassador's profile."""

    sectors: frozenset[str]
    publics: frozenset[str]
    types: frozenset[str]


def with_resources(plan: Plan, snapshot: Snapshot, referential: Referential) -> Plan:
    """The plan with each e-mail carrying its resources; the `Ressources` tab is read once for the whole run."""
    reading = read_resources(snapshot.get("Ressources"), referential)
    if not reading.resources or not any(email.template in MOMENTS for email in plan.emails):
        return plan
    records = _records(snapshot, {email.record_id for email in plan.emails if email.template in MOMENTS})
    abouts: dict[str, About | None] = {}
    emails = []
    for email in plan.emails:
        record_id = email.record_id
        if record_id not in abouts:
            row, tab = records.get(record_id, (None, ""))
            abouts[record_id] = _about(row, tab, referential) if row is not None else None
        links = picked(reading.resources, email, abouts[record_id])
        emails.append(replace(email, resources=links) if links else email)
    return replace(plan, emails=emails)


def picked(resources: Iterable[Resource], email: Email, about: About | None) -> tuple[Link, ...]:
    """The links for `email`, in the tab's order, each once; a filtered line needs the record to match it."""
    moment, reader = MOMENTS.get(email.template, ("", None))
    reader = reader or _AUDIENCE.get(str(email.context.get("audience", "")), "")
    if not moment or not reader:
        return ()
    chosen = [resource.link for resource in resources if resource.is_for(reader, moment) and _matches(resource, about)]
    return tuple(dict.fromkeys(chosen))


def _matches(resource: Resource, about: About | None) -> bool:
    if not (resource.sectors or resource.publics or resource.types):
        return True
    return (
        about is not None
        and _shares(resource.sectors, about.sectors)
        and _shares(resource.publics, about.publics)
        and _shares(resource.types, about.types)
    )


def _shares(wanted: tuple[str, ...], offered: frozenset[str]) -> bool:
    return not wanted or not offered.isdisjoint(wanted)


def _records(snapshot: Snapshot, ids: set[str]) -> dict[str, tuple[Row, str]]:
    found: dict[str, tuple[Row, str]] = {}
    for tab in ("Demandes", "Ambassadeurs"):
        table = snapshot.get(tab)
        for row in table.rows if table is not None else ():
            record_id = row["ID"].strip()
            if record_id in ids and record_id not in found:
                found[record_id] = (row, tab)
    return found


def _about(row: Row, tab: str, referential: Referential) -> About:
    sectors, publics, types = (
        ("Secteurs souhaités", "Public", "Type d'intervention")
        if tab == "Demandes"
        else ("Secteurs", "Publics", "Types d'intervention")
    )
    return About(
        frozenset(referential.sectors.choices.many(row[sectors]).chosen),
        frozenset(PUBLIC.many(row[publics]).chosen),
        frozenset(INTERVENTION_TYPE.many(row[types]).chosen),
    )
