"""A line of `Ressources` as a record: what it is, for whom and when; or why it cannot be sent."""

from dataclasses import dataclass

from orientest.context.referential import Referential
from orientest.core.cells import web_address
from orientest.core.choices import Choices, options_text
from orientest.core.fingerprint import locator
from orientest.core.plan import Link, RowKey, RowUpdate
from orientest.core.schema import RESOURCE_AUDIENCES, RESOURCE_MOMENTS, RESOURCES, Owner, Row, Table
from orientest.forms.options import INTERVENTION_TYPE, PUBLIC

AMBASSADORS, REQUESTERS, EVERYONE = RESOURCE_AUDIENCES
AUDIENCE = Choices(
    RESOURCE_AUDIENCES,
    {
        "Ambassadeur": AMBASSADORS,
        "Ambassadrices": AMBASSADORS,
        "Ambassadeurs et ambassadrices": AMBASSADORS,
        "Demandeur": REQUESTERS,
        "Établissements": REQUESTERS,
        "Structures": REQUESTERS,
        "Les deux": EVERYONE,
        "Tout le monde": EVERYONE,
    },
)
MOMENT = Choices(
    RESOURCE_MOMENTS,
    {
        "Accueil": "Bienvenue",
        "Inscription": "Bienvenue",
        "Propositions": "Proposition",
        "Rappels": "Rappel",
        "Retours": "Retour",
        "Bilan": "Retour",
        "Charte": "Nouvelle charte",
        "Renouvellement": "Nouvelle charte",
        "Renouvellement de la charte": "Nouvelle charte",
    },
)


@dataclass(frozen=True)
class Resource:
    """Empty filters match every record; a filter matches a record sharing one of its options."""

    line: int
    link: Link
    audience: str
    moments: tuple[str, ...]
    sectors: tuple[str, ...] = ()
    publics: tuple[str, ...] = ()
    types: tuple[str, ...] = ()

    def is_for(self, audience: str, moment: str) -> bool:
        return moment in self.moments and self.audience in (audience, EVERYONE)


@dataclass(frozen=True)
class Reading:
    resources: tuple[Resource, ...]
    problems: dict[int, str]  # line → what keeps it from being sent


def read_resources(table: Table | None, referential: Referential) -> Reading:
    """Every usable line; a line missing something, or holding what no option reads, is set aside with why."""
    resources, problems = [], {}
    for row in table.rows if table is not None else ():
        if row.is_blank(RESOURCES.titles(Owner.STAFF)):
            continue
        resource, why = _read(row, referential)
        if resource is not None:
            resources.append(resource)
        else:
            problems[row.line] = why
    return Reading(tuple(resources), problems)


def _read(row: Row, referential: Referential) -> tuple[Resource | None, str]:
    title, url = " ".join(row["Titre"].split()), row["Adresse"].strip()
    if not title:
        return None, "« Titre » vide : l'e-mail n'aurait rien à montrer pour ce lien"
    if not web_address(url):
        return None, f"« {url or 'vide'} » n'est pas une adresse de page (https://…) : lien non envoyé"
    audience = AUDIENCE.one(row["Pour qui"]) if row["Pour qui"].strip() else EVERYONE
    if audience is None:
        who = row["Pour qui"].strip()
        return None, f"« Pour qui » : « {who} » ne se lit pas ; attendu : {options_text(RESOURCE_AUDIENCES)}"
    moments = MOMENT.many(row["Quand"])
    if moments.unknown or not moments.chosen:
        read = f"« {', '.join(moments.unknown)} » ne se lit pas" if moments.unknown else "vide"
        return None, f"« Quand » {read} : un ou plusieurs de {options_text(RESOURCE_MOMENTS)}, séparés par des virgules"
    filters = []
    for title_of, choices in (
        ("Secteur", referential.sectors.choices),
        ("Public", PUBLIC),
        ("Type d'intervention", INTERVENTION_TYPE),
    ):
        parsed = choices.many(row[title_of])
        if parsed.unknown:
            return None, f"« {title_of} » : « {', '.join(parsed.unknown)} » n'est pas une option des formulaires"
        filters.append(parsed.chosen)
    return Resource(row.line, Link(title, url), audience, moments.chosen, *filters), ""


@dataclass(frozen=True)
class SetAside:
    """A line the last check could not send, as `Anomalies` shows it."""

    line: int
    title: str
    why: str


def set_aside(table: Table | None) -> list[SetAside]:
    rows = table.rows if table is not None else ()
    return [
        SetAside(row.line, row["Titre"].strip(), row["Anomalies"].strip()) for row in rows if row["Anomalies"].strip()
    ]


def check(table: Table | None, referential: Referential) -> list[RowUpdate]:
    """Each line's `Anomalies` as it now stands: why it is not sent, or nothing once it is right."""
    reading = read_resources(table, referential)
    return [
        RowUpdate(RESOURCES.name, RowKey(locator=locator(row, RESOURCES)), {"Anomalies": wanted})
        for row in (table.rows if table is not None else ())
        if row["Anomalies"].strip() != (wanted := reading.problems.get(row.line, ""))
    ]
