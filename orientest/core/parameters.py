"""The `Paramètres` tab: what staff tune without asking anyone."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from orientest.core.cells import email_address
from orientest.core.email_factory import email
from orientest.core.fingerprint import locator
from orientest.core.french import parse_decimal, parse_int
from orientest.core.plan import Email, RowKey, RowUpdate
from orientest.core.schema import PARAMETERS, Row, Table
from orientest.core.text import fold, has_line_break


def _whole(low: int, high: int) -> Callable[[str], int | None]:
    def read(text: str) -> int | None:
        number = parse_int(text)
        return number if number is not None and low <= number <= high else None

    return read


def _weight(text: str) -> float | None:
    number = parse_decimal(text)
    return float(number) if number is not None and number <= 100 else None


def _days(text: str) -> tuple[int, ...] | None:
    days = [parse_int(part) for part in text.replace(";", ",").split(",") if part.strip()]
    read = tuple(day for day in days if day is not None and 1 <= day <= 60)
    return read if read and len(read) == len(days) else None


def _line(text: str) -> str | None:
    return None if has_line_break(text) or len(text) > 120 else text


def _address(text: str) -> str | None:
    return email_address(text) or None


@dataclass(frozen=True)
class Setting:
    name: str
    label: str
    read: Callable[[str], Any]  # the value, or None when it cannot be used
    description: str
    expected: str = "une valeur"  # what `read` accepts, for the message when it refuses


def _count(name: str, label: str, low: int, high: int, description: str) -> Setting:
    return Setting(name, label, _whole(low, high), description, f"un nombre entier de {low} à {high}")


def _weight_of(name: str, label: str, description: str) -> Setting:
    return Setting(name, label, _weight, description, "un nombre de 0 à 100 (ex. 2,5)")


SETTINGS = (
    Setting(
        "charter_version",
        "Version de la charte",
        _line,
        "Version en vigueur ; la changer fait signer de nouveau la charte par chaque ambassadeur.",
        "un texte sur une ligne (ex. 2027)",
    ),
    Setting(
        "sender_name", "Nom de l'expéditeur", _line, "Nom affiché comme expéditeur des e-mails.", "un nom sur une ligne"
    ),
    Setting(
        "staff_email",
        "Adresse de l'équipe",
        _address,
        "Adresse de l'équipe Orient'Est : réponses aux e-mails, alertes et rapport mensuel.",
        "une adresse e-mail (ex. orientest@grandest.fr)",
    ),
    _count(
        "response_days",
        "Délai de réponse à une proposition (jours)",
        1,
        60,
        "Sans réponse dans ce délai, la proposition expire (une relance à mi-délai).",
    ),
    _count(
        "simultaneous_proposals",
        "Propositions simultanées",
        1,
        10,
        "Nombre d'ambassadeurs sollicités en même temps pour une demande.",
    ),
    _count(
        "max_attempts",
        "Tentatives maximales",
        1,
        50,
        "Au-delà de ce nombre de propositions sans succès, la demande passe « Sans solution ».",
    ),
    _count(
        "search_days",
        "Recherche avant « Sans solution » (jours)",
        0,
        90,
        "Une demande qu'aucun ambassadeur ne peut prendre reste en recherche ce nombre de jours (un nouvel "
        "ambassadeur peut arriver) avant de passer « Sans solution ».",
    ),
    Setting(
        "reminder_days",
        "Rappels avant l'intervention (jours)",
        _days,
        "Jours avant la date auxquels les deux parties reçoivent un rappel (ex. 7, 1).",
        "des nombres de jours de 1 à 60 séparés par des virgules (ex. 7, 1)",
    ),
    _count(
        "no_shows_before_suspension",
        "Absences avant suspension",
        1,
        20,
        "Nombre d'absences signalées après lequel un ambassadeur est suspendu.",
    ),
    _count(
        "retention_years",
        "Conservation des données (années)",
        1,
        10,
        "Durée après le dernier contact au-delà de laquelle les coordonnées sont anonymisées.",
    ),
    _count(
        "daily_email_cap", "Plafond quotidien d'e-mails", 1, 100_000, "Au-delà, les e-mails attendent le lendemain."
    ),
    _weight_of("weight_sector", "Poids – secteur", "Importance du secteur dans le choix."),
    _weight_of("weight_distance", "Poids – distance", "Importance de la proximité."),
    _weight_of("weight_fairness", "Poids – équité", "Priorité à qui est le moins sollicité."),
    _weight_of("weight_reliability", "Poids – fiabilité", "Pénalité des absences passées."),
    _weight_of("weight_wished", "Poids – ambassadeur souhaité", "Bonus pour l'ambassadeur demandé."),
)
REFERENT_PREFIX = "Référent – "
_BY_LABEL = {fold(setting.label): setting for setting in SETTINGS}


@dataclass(frozen=True)
class Parameters:
    charter_version: str = "2026"
    sender_name: str = "Réseau Ambassadeurs Orient'Est"
    staff_email: str = ""
    response_days: int = 5
    simultaneous_proposals: int = 1
    max_attempts: int = 5
    search_days: int = 7
    reminder_days: tuple[int, ...] = (7, 1)
    no_shows_before_suspension: int = 2
    retention_years: int = 3
    daily_email_cap: int = 1500
    weight_sector: float = 5.0
    weight_distance: float = 3.0
    weight_fairness: float = 2.0
    weight_reliability: float = 2.0
    weight_wished: float = 4.0
    referents: dict[str, str] = field(default_factory=dict)  # ROME domain label → e-mail of the branch referent


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
                    f"« {value} » ne convient pas ({setting.expected} est attendu) : valeur "
                    f"par défaut utilisée, {default}",
                )
            )
        else:
            parameters = replace(parameters, **{setting.name: parsed})
    return replace(parameters, referents=referents), problems


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
    defaults = replace(Parameters(), staff_email=staff_email, sender_name=sender_name or Parameters.sender_name)
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


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)
