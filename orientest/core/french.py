"""Dates and numbers as people in France type them, and as staff read them back."""

import re
from calendar import monthrange
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from orientest.core.text import fold

MONTHS = (
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
)
MONTH_NAMES = tuple(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
)  # as written; `MONTHS` above are folded, for reading
WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$")
_WORDED_DATE = re.compile(
    r"^(?:(?:{}) )?(\d{{1,2}}|1er) ({}) (\d{{4}})$".format("|".join(WEEKDAY_NAMES), "|".join(MONTHS))
)


_TIME = re.compile(r"(\d{1,2})(?:h|:|heures?)(\d{2})?(?::\d{2})?(?:min)?")


def parse_time(text: str) -> time | None:
    """`14 h 30`, `14h30`, `14:30`, `14:30:00` (as Google Forms writes a time), `9 h`; None if unreadable."""
    found = _TIME.fullmatch(re.sub(r"\s+", "", text.strip().lower()))
    if found is None or int(found[1]) > 23 or int(found[2] or 0) > 59:
        return None
    return time(int(found[1]), int(found[2] or 0))


def parse_datetime(text: str) -> datetime | None:
    """`28/11/2026`, `28/11/2026 14:30:00`, `2026-11-28`, `samedi 28 novembre 2026`…; None if unreadable."""
    parts = _date_parts(text)
    try:
        return datetime(*parts) if parts else None
    except ValueError:  # 31/02/2026 and friends
        return None


def _date_parts(text: str) -> tuple[int, int, int, int, int, int] | None:
    """(year, month, day, hour, minute, second) as written, whether or not such a day exists."""
    text = text.strip()
    if match := _NUMERIC_DATE.match(text):
        day, month, year, hour, minute, second = match.groups()
        year_number = int(year) + (2000 if len(year) == 2 else 0)
        return year_number, int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
    if match := _ISO_DATE.match(text):
        year, month, day, hour, minute, second = match.groups()
        return int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
    if match := _WORDED_DATE.match(fold(text)):
        day, month, year = match.groups()
        return int(year), MONTHS.index(month) + 1, 1 if day == "1er" else int(day), 0, 0, 0
    return None


def parse_date(text: str) -> date | None:
    moment = parse_datetime(text)
    return moment.date() if moment else None


def impossible_date(text: str) -> str:
    """Why a date written in full cannot exist (« le 31 novembre 2026 n'existe pas »); "" otherwise."""
    parts = _date_parts(text)
    if parts is None:
        return ""
    year, month, day = parts[:3]
    if not 1 <= month <= 12:
        return f"il n'y a pas de mois {month}"
    last = monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"le {day} {MONTH_NAMES[month - 1]} {year} n'existe pas ({MONTH_NAMES[month - 1]} {year} a {last} jours)"
    return ""


def parse_decimal(text: str) -> Decimal | None:
    """`3,5`, `3.5`, `1 h 30`, `1h30`, `90 min`, `2 heures`; None if unreadable."""
    compact = re.sub(r"\s+", "", text.strip().lower()).replace(",", ".")
    if match := re.fullmatch(r"(\d+)h(\d{1,2})", compact):
        return Decimal(match[1]) + Decimal(match[2]) / 60
    if match := re.fullmatch(r"(\d+)(?:min|minutes?)", compact):
        return Decimal(match[1]) / 60
    compact = re.sub(r"(h|heures?)$", "", compact)
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", compact):
        return None
    try:
        return Decimal(compact)
    except InvalidOperation:
        return None


def parse_int(text: str) -> int | None:
    """`25`, `25 élèves`, `environ 30`, `30.0` (a spreadsheet's float); None otherwise."""
    compact = re.sub(r"^(environ|env\.?|~|approx\.?)\s*", "", text.strip().lower())
    if match := re.fullmatch(r"(\d+)(?:[.,]0+)?(?:\s+\D.*)?", compact, flags=re.DOTALL):
        return int(match[1])
    return None


def format_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def format_datetime(moment: datetime) -> str:
    return moment.strftime("%d/%m/%Y %H:%M")


def format_long_date(day: date) -> str:
    """`lundi 7 décembre 2026`, as in a letter."""
    weekday = WEEKDAY_NAMES[day.weekday()]
    number = "1er" if day.day == 1 else str(day.day)
    return f"{weekday} {number} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_time(moment: datetime | time) -> str:
    """`9 h`, `14 h 30`: the hour as French typography writes it."""
    return f"{moment.hour} h" if moment.minute == 0 else f"{moment.hour} h {moment.minute:02d}"


def count(n: int, singular: str, plural: str = "") -> str:
    """`1 intervention`, `4 interventions`: the noun agreed with its number (French: singular up to 1)."""
    return f"{n} {singular if abs(n) < 2 else plural or singular + 's'}"


def format_decimal(value: Decimal | float) -> str:
    """`1,5` — a decimal comma, no useless zeros."""
    text = f"{Decimal(str(value)).normalize():f}"
    return text.replace(".", ",")


NO_DATA = "pas de données"


def format_figure(value: float | None) -> str:
    """`1 234` or `4,42`: thin space for thousands, decimal comma; « pas de données » when nothing was measured."""
    if value is None:
        return NO_DATA
    if float(value).is_integer():
        return f"{value:,.0f}".replace(",", "\u202f")
    return f"{value:,.2f}".replace(",", "\u202f").replace(".", ",")


def format_percent(value: float | None) -> str:
    return NO_DATA if value is None else f"{value * 100:.0f}\u202f%"


def format_change(value: float | None, rate: bool = False) -> str:
    """`+3`, `−2`, `+5 pts` against the previous month; « sans comparaison » when a month had nothing to measure."""
    if value is None:
        return "sans comparaison"
    shown = f"{abs(value) * 100:.0f}\u202fpts" if rate else format_figure(abs(value))
    return ("+" if value > 0 else "−" if value < 0 else "±") + shown


def school_year(day: date) -> int:
    """September to August: the school year 2026-2027 is 2026."""
    return day.year if day.month >= 9 else day.year - 1
