"""The `Paramètres` tab: what staff tune without asking anyone."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, cast

from annotated_types import Ge, Le
from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo

from orientest.core.cells import email_address, web_address
from orientest.core.email_factory import email
from orientest.core.fingerprint import locator
from orientest.core.french import parse_decimal, parse_int
from orientest.core.plan import Email, RowKey, RowUpdate
from orientest.core.schema import PARAMETERS, Row, Table
from orientest.core.school_days import GRAND_EST_ZONE, ZONES
from orientest.core.text import fold, has_line_break


def _whole(low: int, high: int) -> Callable[[str], int | None]:
    def read(text: str) -> int | None:
        number = parse_int(text)
        return number if number is not None and low <= number <= high else None

    return read


def _decimal(low: float, high: float) -> Callable[[str], float | None]:
    def read(text: str) -> float | None:
        number = parse_decimal(text)
        return float(number) if number is not None and low <= number <= high else None

    return read


def _days(text: str) -> tuple[int, ...] | None:
    days = [parse_int(part) for part in text.replace(";", ",").split(",") if part.strip()]
    read = tuple(day for day in days if day is not None and 1 <= day <= 60)
    return read if read and len(read) == len(days) else None


def _line(text: str) -> str | None:
    return None if has_line_break(text) or len(text) > 120 else text


def _zone(text: str) -> str | None:
    folded = fold(text).upper().removeprefix("ZONE ")
    return "" if folded in ("AUCUNE", "NON") else folded if folded in ZONES else None


def _address(text: str) -> str | None:
    return email_address(text) or None


def _page(text: str) -> str | None:
    return web_address(text) or None


def _yes_no(text: str) -> bool | None:
    return {"OUI": True, "NON": False}.get(fold(text).upper().strip())


def _sentence(text: str) -> str | None:
    return None if has_line_break(text) or len(text) > 400 else text


@dataclass(frozen=True)
class Reads:
    """How a line of `Paramètres` is read for a setting that is not a bounded number: the value, or None when it
    cannot be used, and what is expected, for the message."""

    read: Callable[[str], Any]
    expected: str


_LINE = Reads(_line, "un texte sur une ligne")
_ADDRESS = Reads(_address, "une adresse e-mail (ex. orientest@grandest.fr)")
_PAGE = Reads(_page, "l'adresse d'une page ou d'un fichier en ligne, https://…")
_DAYS = Reads(_days, "des nombres de jours de 1 à 60 séparés par des virgules (ex. 7, 1)")


def _count(default: int, label: str, low: int, high: int, description: str) -> Any:
    return Field(default, title=label, description=description, ge=low, le=high)


def _weight(default: float, label: str, description: str) -> Any:
    return Field(default, title=label, description=description, ge=0, le=100)


class Parameters(BaseModel):
    """What staff tune in `Paramètres`, each setting declared once: its default, its line's label (`title`), its
    description and its bounds. The tab's rows, their reading and their checks all come from here."""

    model_config = ConfigDict(frozen=True)

    charter_version: Annotated[str, Reads(_line, "un texte sur une ligne (ex. 2027)")] = Field(
        "2026",
        title="Version de la charte",
        description="Version en vigueur ; la changer fait signer de nouveau la charte par chaque ambassadeur.",
    )
    charter_url: Annotated[str, _PAGE] = Field(
        "",
        title="Adresse de la charte",
        description="La charte en vigueur, en ligne : lien du formulaire d'inscription, de l'e-mail de bienvenue et "
        "de la demande d'acceptation d'une nouvelle version. Vide : ces e-mails proposent de l'envoyer sur demande.",
    )
    charter_changes: Annotated[str, Reads(_sentence, "une phrase sur une ligne (400 caractères au plus)")] = Field(
        "",
        title="Ce qui change dans la charte",
        description="Dit dans la demande d'acceptation d'une nouvelle version (ex. « Le §3 précise le déroulé des "
        "visites d'entreprise. ») ; à changer avec la version.",
    )
    protocol_url: Annotated[str, _PAGE] = Field(
        "",
        title="Adresse du protocole d'intervention",
        description="Le protocole d'intervention en établissement scolaire, en ligne : lien de l'e-mail de bienvenue "
        "et de chaque confirmation à l'ambassadeur.",
    )
    training_required: Annotated[bool, Reads(_yes_no, "Oui ou Non")] = Field(
        False,
        title="Formation avant la première proposition",
        description="Oui : un ambassadeur n'est proposé qu'une fois sa « Dernière formation » remplie (onglet "
        "Rencontres, Présents ; ou tapée à la main pour une formation suivie ailleurs). Non : dès qu'il est Actif.",
    )
    sender_name: Annotated[str, Reads(_line, "un nom sur une ligne")] = Field(
        "Réseau Ambassadeurs Orient'Est",
        title="Nom de l'expéditeur",
        description="Nom affiché comme expéditeur des e-mails.",
    )
    staff_email: Annotated[str, _ADDRESS] = Field(
        "",
        title="Adresse de l'équipe",
        description="Adresse de l'équipe Orient'Est : réponses aux e-mails, alertes et rapport mensuel.",
    )
    response_days: int = _count(
        5,
        "Délai de réponse à une proposition (jours)",
        1,
        60,
        "Sans réponse dans ce délai, la proposition expire (une relance à mi-délai).",
    )
    simultaneous_proposals: int = _count(
        1, "Propositions simultanées", 1, 10, "Nombre d'ambassadeurs sollicités en même temps pour une demande."
    )
    max_attempts: int = _count(
        5,
        "Tentatives maximales",
        1,
        50,
        "Au-delà de ce nombre de propositions sans succès, la demande passe « Sans solution ».",
    )
    search_days: int = _count(
        7,
        "Recherche avant « Sans solution » (jours)",
        0,
        90,
        "Une demande qu'aucun ambassadeur ne peut prendre reste en recherche ce nombre de jours (un nouvel "
        "ambassadeur peut arriver) avant de passer « Sans solution ».",
    )
    reminder_days: Annotated[tuple[int, ...], _DAYS] = Field(
        (7, 1),
        title="Rappels avant l'intervention (jours)",
        description="Jours avant la date auxquels les deux parties reçoivent un rappel (ex. 7, 1).",
    )
    school_holiday_zone: Annotated[str, Reads(_zone, "A, B, C ou « Aucune »")] = Field(
        GRAND_EST_ZONE,
        title="Zone des vacances scolaires",
        description="Pendant les vacances scolaires de cette zone (B pour le Grand Est), aucune autre date n'est "
        "proposée et une date demandée est signalée, comme un jour férié ; « Aucune » : seuls les dimanches et "
        "les jours fériés comptent.",
    )
    no_shows_before_suspension: int = _count(
        2,
        "Absences avant suspension",
        1,
        20,
        "Nombre d'absences signalées après lequel un ambassadeur est suspendu.",
    )
    retention_years: int = _count(
        3,
        "Conservation des données (années)",
        1,
        10,
        "Durée après le dernier contact au-delà de laquelle les coordonnées sont anonymisées.",
    )
    daily_email_cap: int = _count(
        1500, "Plafond quotidien d'e-mails", 1, 100_000, "Au-delà, les e-mails attendent le lendemain."
    )
    weight_sector: float = _weight(5.0, "Poids – secteur", "Importance du secteur dans le choix.")
    weight_distance: float = _weight(3.0, "Poids – distance", "Importance de la proximité.")
    weight_fairness: float = _weight(2.0, "Poids – équité", "Priorité à qui est le moins sollicité.")
    weight_reliability: float = _weight(2.0, "Poids – fiabilité", "Pénalité des absences passées.")
    weight_wished: float = _weight(4.0, "Poids – ambassadeur souhaité", "Bonus pour l'ambassadeur demandé.")
    # ROME domain label → e-mail of the branch referent: lines « Référent – <secteur> », not a setting of its own
    referents: dict[str, str] = Field(default_factory=dict)


@dataclass(frozen=True)
class Setting:
    """A line of `Paramètres`, as `Parameters` declares it."""

    name: str
    label: str
    read: Callable[[str], Any]  # the value, or None when it cannot be used
    description: str
    expected: str


def _setting(name: str, field: FieldInfo) -> Setting:
    reads = next((m for m in field.metadata if isinstance(m, Reads)), None)
    if reads is None:  # a bounded number: its bounds are the field's
        low = float(next(cast(float, m.ge) for m in field.metadata if isinstance(m, Ge)))
        high = float(next(cast(float, m.le) for m in field.metadata if isinstance(m, Le)))
        if field.annotation is int:
            reads = Reads(_whole(int(low), int(high)), f"un nombre entier de {low:.0f} à {high:.0f}")
        else:
            reads = Reads(_decimal(low, high), f"un nombre de {low:g} à {high:g} (ex. 2,5)")
    return Setting(name, field.title or name, reads.read, field.description or "", reads.expected)


SETTINGS = tuple(_setting(name, field) for name, field in Parameters.model_fields.items() if field.title)
DEFAULTS = Parameters()
REFERENT_PREFIX = "Référent – "
_BY_LABEL = {fold(setting.label): setting for setting in SETTINGS}


@dataclass(frozen=True)
class Problem:
    """A line of `Paramètres` whose value cannot be used: what was typed, and what is used instead."""

    row: Row
    message: str

    def __str__(self) -> str:
        return f"ligne {self.row.line}, « {self.row['Paramètre'].strip()} » : {self.message}"


def read_parameters(table: Table | None) -> tuple[Parameters, list[Problem]]:
    """Staff's values over the defaults; a value that cannot be used keeps its default and is reported."""
    parameters, problems, referents = Parameters(), [], {}
    for row in table.rows if table else ():
        label, value = row["Paramètre"].strip(), row["Valeur"].strip()
        if not label or not value:
            continue
        if label.startswith(REFERENT_PREFIX):
            if address := _address(value):
                referents[label.removeprefix(REFERENT_PREFIX).strip()] = address
            else:
                problems.append(Problem(row, f"« {value} » n'est pas une adresse e-mail : aucun référent alerté"))
            continue
        setting = _BY_LABEL.get(fold(label))
        if setting is None:
            problems.append(
                Problem(row, "paramètre inconnu, ignoré (vérifiez son orthographe dans la colonne « Paramètre »)")
            )
        elif (parsed := setting.read(value)) is None:
            default = _shown(getattr(parameters, setting.name)) or "aucune"
            problems.append(
                Problem(
                    row,
                    f"« {value} » ne convient pas (attendu : {setting.expected}) : valeur "
                    f"par défaut utilisée, {default}",
                )
            )
        else:
            parameters = parameters.model_copy(update={setting.name: parsed})
    return parameters.model_copy(update={"referents": referents}), problems


def check(table: Table | None, now: datetime) -> tuple[list[RowUpdate], list[Email]]:
    """Each line's `Anomalies` as it now stands, and staff told once of each new set of problems."""
    parameters, problems = read_parameters(table)
    by_line = {problem.row.line: f"• {problem.message}" for problem in problems}
    updates = [
        RowUpdate(PARAMETERS.name, RowKey(locator=locator(row, PARAMETERS)), {"Anomalies": by_line.get(row.line, "")})
        for row in (table.rows if table else ())
        if row["Anomalies"].strip() != by_line.get(row.line, "")
    ]
    if not problems or not parameters.staff_email:
        return updates, []
    listed = [str(problem) for problem in problems]
    digest = hashlib.sha256("\n".join(listed).encode()).hexdigest()[:12]
    # Keyed « parametres », not by the template's name: the journals of running workbooks already hold these keys.
    return updates, [
        email(
            parameters,
            "parametres_a_corriger",
            parameters.staff_email,
            "Paramètres",
            {"problems": listed, "staff_email": parameters.staff_email},
            digest,
            key_name="parametres",
        )
    ]


def default_rows(domain_labels: tuple[str, ...], staff_email: str = "", sender_name: str = "") -> list[dict[str, str]]:
    """The rows `orientest init` writes into `Paramètres`, with the team's address and sender name when given."""
    defaults = DEFAULTS.model_copy(
        update={"staff_email": staff_email, "sender_name": sender_name or DEFAULTS.sender_name}
    )
    rows = [
        {"Paramètre": s.label, "Valeur": _shown(getattr(defaults, s.name)), "Description": s.description}
        for s in SETTINGS
    ]
    rows += [
        {
            "Paramètre": REFERENT_PREFIX + label,
            "Valeur": "",
            "Description": "Adresse du référent de branche alerté quand une demande du secteur reste sans solution.",
        }
        for label in domain_labels
    ]
    return rows


def missing_rows(table: Table | None, domain_labels: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """The rows `init` would write that a `Paramètres` made by an older version lacks (a setting added since)."""
    present = {fold(row["Paramètre"].strip()) for row in (table.rows if table else ())}
    return [row for row in default_rows(domain_labels) if fold(row["Paramètre"]) not in present]


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)
