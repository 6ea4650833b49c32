"""The `Paramètres` tab: what staff tune without asking anyone."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from orientest.fields import Anomaly
from orientest.french import parse_decimal, parse_int
from orientest.schema import Table
from orientest.text import fold


def _integer(text: str) -> int | None:
    return parse_int(text)


def _number(text: str) -> float | None:
    number = parse_decimal(text)
    return float(number) if number is not None else None


def _days(text: str) -> tuple[int, ...] | None:
    days = [parse_int(part) for part in text.replace(";", ",").split(",") if part.strip()]
    return tuple(days) if days and None not in days else None  # type: ignore[return-value]


def _text(text: str) -> str | None:
    return text.strip() or None


@dataclass(frozen=True)
class Setting:
    name: str
    label: str
    read: Callable[[str], Any]
    description: str


SETTINGS = (
    Setting("charter_version", "Version de la charte", _text,
            "Version en vigueur ; la changer fait signer de nouveau la charte par chaque ambassadeur."),
    Setting("sender_name", "Nom de l'expéditeur", _text,
            "Nom affiché comme expéditeur des e-mails."),
    Setting("staff_email", "Adresse de l'équipe", _text,
            "Adresse de l'équipe Orient'Est : réponses aux e-mails, alertes et rapport mensuel."),
    Setting("response_days", "Délai de réponse à une proposition (jours)", _integer,
            "Sans réponse dans ce délai, la proposition expire (une relance à mi-délai)."),
    Setting("simultaneous_proposals", "Propositions simultanées", _integer,
            "Nombre d'ambassadeurs sollicités en même temps pour une demande."),
    Setting("max_attempts", "Tentatives maximales", _integer,
            "Au-delà de ce nombre de propositions sans succès, la demande passe « Sans solution »."),
    Setting("search_days", "Recherche avant « Sans solution » (jours)", _integer,
            "Une demande qu'aucun ambassadeur ne peut prendre reste en recherche ce nombre de jours (un nouvel "
            "ambassadeur peut arriver) avant de passer « Sans solution »."),
    Setting("reminder_days", "Rappels avant l'intervention (jours)", _days,
            "Jours avant la date auxquels les deux parties reçoivent un rappel (ex. 7, 1)."),
    Setting("no_shows_before_suspension", "Absences avant suspension", _integer,
            "Nombre d'absences signalées après lequel un ambassadeur est suspendu."),
    Setting("retention_years", "Conservation des données (années)", _integer,
            "Durée après le dernier contact au-delà de laquelle les coordonnées sont anonymisées."),
    Setting("daily_email_cap", "Plafond quotidien d'e-mails", _integer,
            "Au-delà, les e-mails attendent le lendemain."),
    Setting("weight_sector", "Poids – secteur", _number, "Importance du secteur dans le choix."),
    Setting("weight_distance", "Poids – distance", _number, "Importance de la proximité."),
    Setting("weight_fairness", "Poids – équité", _number, "Priorité à qui est le moins sollicité."),
    Setting("weight_reliability", "Poids – fiabilité", _number, "Pénalité des absences passées."),
    Setting("weight_wished", "Poids – ambassadeur souhaité", _number, "Bonus pour l'ambassadeur demandé."),
)
REFERENT_PREFIX = "Référent – "


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



def read_parameters(table: Table | None) -> tuple[Parameters, list[Anomaly]]:
    """Staff's values over the defaults; a value that cannot be read keeps its default and is reported."""
    parameters, problems = Parameters(), []
    if table is None:
        return parameters, problems
    by_label = {fold(setting.label): setting for setting in SETTINGS}
    referents: dict[str, str] = {}
    for row in table.rows:
        label, value = row["Paramètre"].strip(), row["Valeur"].strip()
        if label.startswith(REFERENT_PREFIX):
            if value:
                referents[label.removeprefix(REFERENT_PREFIX).strip()] = value
            continue
        setting = by_label.get(fold(label))
        if setting is None or not value:
            continue
        parsed = setting.read(value)
        if parsed is None:
            problems.append(Anomaly(label, f"« {value} » illisible ; valeur par défaut utilisée"))
        else:
            parameters = replace(parameters, **{setting.name: parsed})
    return replace(parameters, referents=referents), problems


def default_rows(domain_labels: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows `orientest init` writes into `Paramètres`."""
    defaults = Parameters()
    rows = [{"Paramètre": s.label, "Valeur": _shown(getattr(defaults, s.name)), "Description": s.description}
            for s in SETTINGS]
    rows += [{"Paramètre": REFERENT_PREFIX + label, "Valeur": "",
              "Description": "Adresse du référent de branche alerté quand une demande du secteur reste sans solution."}
             for label in domain_labels]
    return rows


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)
