"""The days an intervention may take place: one rule for the forms, intake, matching and pistes."""

from datetime import date

from orientest.core.french import format_date

WEEKDAYS = ("Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi")  # as the forms name them: no Sunday
ZONES = ("A", "B", "C")  # of the school holidays; the calendar of public and school holidays is reference data
GRAND_EST_ZONE = "B"  # the académies of Nancy-Metz, Reims and Strasbourg


def is_school_day(day: date) -> bool:
    return day.weekday() < len(WEEKDAYS)


def why_not_a_school_day(day: date) -> str:
    """What staff and requesters read when a date is not one ("" when it is)."""
    return "" if is_school_day(day) else f"le {format_date(day)} est un dimanche"
