"""The days schools are closed in Grand Est: public holidays of France, with Alsace-Moselle's two more in 57, 67 and
68, and the school holidays of zone B (the académies of Nancy-Metz, Reims and Strasbourg)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

ALSACE_MOSELLE = frozenset({"57", "67", "68"})  # local law: Good Friday and 26 December are public holidays too
ZONE = "B"


def easter(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian computation, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year: int, departement: str = "") -> dict[date, str]:
    """The year's public holidays, by their French names."""
    sunday = easter(year)
    days = {
        date(year, 1, 1): "Jour de l'an",
        sunday + timedelta(days=1): "Lundi de Pâques",
        date(year, 5, 1): "Fête du Travail",
        date(year, 5, 8): "Fête de la Victoire",
        sunday + timedelta(days=39): "Ascension",
        sunday + timedelta(days=50): "Lundi de Pentecôte",
        date(year, 7, 14): "Fête nationale",
        date(year, 8, 15): "Assomption",
        date(year, 11, 1): "Toussaint",
        date(year, 11, 11): "Armistice",
        date(year, 12, 25): "Noël",
    }
    if departement in ALSACE_MOSELLE:
        days |= {sunday - timedelta(days=2): "Vendredi saint", date(year, 12, 26): "Saint-Étienne"}
    return days


@dataclass(frozen=True)
class Holidays:
    """School holidays of zone B, as the Éducation nationale publishes them (first and last day off)."""

    periods: tuple[tuple[date, date, str], ...]

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> "Holidays":
        return cls(
            tuple(
                (date.fromisoformat(entry["debut"]), date.fromisoformat(entry["fin"]), entry["vacances"].strip())
                for entry in rows
            )
        )

    def name(self, day: date) -> str:
        return next((name for first, last, name in self.periods if first <= day <= last), "")


@dataclass(frozen=True)
class SchoolCalendar:
    """Why a day suits no intervention in a school."""

    holidays: Holidays

    def closed(self, day: date, departement: str = "") -> str:
        """« Noël, jour férié », « Vacances de Noël (zone B) »; "" on a day schools are open."""
        if name := public_holidays(day.year, departement).get(day):
            return f"{name}, jour férié"
        if name := self.holidays.name(day):
            return f"{name} (zone {ZONE})"
        return ""
