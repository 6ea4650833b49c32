"""The days schools are closed in Grand Est: Sundays, public holidays of France, with Alsace-Moselle's two more in
57, 67 and 68, and the school holidays of a zone (B: the académies of Nancy-Metz, Reims and Strasbourg)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from orientest.core.school_days import GRAND_EST_ZONE, is_school_day

ALSACE_MOSELLE = frozenset({"57", "67", "68"})  # local law: Good Friday and 26 December are public holidays too


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
    """School holidays of each zone, as the Éducation nationale publishes them (first and last day off)."""

    periods: tuple[tuple[str, date, date, str], ...]  # zone, first day, last day, name

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> "Holidays":
        return cls(
            tuple(
                (
                    entry["zone"].strip(),
                    date.fromisoformat(entry["debut"]),
                    date.fromisoformat(entry["fin"]),
                    entry["vacances"].strip(),
                )
                for entry in rows
            )
        )

    def name(self, day: date, zone: str) -> str:
        return next((name for of, first, last, name in self.periods if of == zone and first <= day <= last), "")


@dataclass(frozen=True)
class SchoolCalendar:
    """Why a day suits no intervention in a school: `zone` is the one whose school holidays count ("": none do)."""

    holidays: Holidays
    zone: str = GRAND_EST_ZONE

    def in_zone(self, zone: str) -> "SchoolCalendar":
        return replace(self, zone=zone)

    def closed(self, day: date, department: str = "") -> str:
        """« un dimanche », « Noël, jour férié », « Vacances de Noël, zone B »; "" on a day schools are open."""
        if not is_school_day(day):
            return "un dimanche"
        if name := public_holidays(day.year, department).get(day):
            return f"{name}, jour férié"
        if self.zone and (name := self.holidays.name(day, self.zone)):
            return f"{name}, zone {self.zone}"
        return ""
