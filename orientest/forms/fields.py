"""Reading one form row field by field, collecting every problem in plain French."""

import re
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

import phonenumbers

from orientest.core.cells import email_address
from orientest.core.choices import Choices, options_text
from orientest.core.french import format_decimal, impossible_date, parse_date, parse_decimal, parse_int, parse_time
from orientest.core.schema import Row, Tab
from orientest.core.text import clean, has_line_break
from orientest.forms.questions import Form, Question
from orientest.reference.territory import Communes, Resolution

MAX_LENGTH = 500
FIRST_HOUR, LAST_HOUR = time(7, 0), time(20, 0)  # an intervention starts within a school or working day
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Anomaly:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field} : {self.message}"


def anomalies_text(anomalies: list[Anomaly]) -> str:
    """The `Anomalies` cell: one problem per line."""
    return "\n".join(f"• {anomaly}" for anomaly in anomalies)


@dataclass
class FieldReader:
    """Reads typed values out of a row; each bad value becomes an `Anomaly` and reads as empty.

    With the `form` the row answers, each question's options, bounds and whether it is required come from the form's
    definition (what the form itself shows); a reader passes them only for a rule that depends on another answer.
    """

    row: Row
    form: Form | None = None
    anomalies: list[Anomaly] = field(default_factory=list)

    def problem(self, title: str, message: str) -> None:
        self.anomalies.append(Anomaly(title, message))

    def _asked(self, title: str) -> Question | None:
        return self.form.question(title) if self.form else None

    def _required(self, title: str, required: bool | None) -> bool:
        question = self._asked(title)
        return required if required is not None else bool(question and question.required)

    def _choices(self, title: str, choices: Choices | None) -> Choices:
        question = self._asked(title)
        found = choices or (question.choices if question else None)
        if found is None:
            raise KeyError(f"« {title} » n'est pas une question à choix")
        return found

    def _bounds(self, title: str, low: int | None, high: int | None) -> tuple[int, int]:
        question = self._asked(title)
        low = low if low is not None else question.low if question else None
        high = high if high is not None else question.high if question else None
        if low is None or high is None:
            raise KeyError(f"« {title} » n'a pas de bornes")
        return low, high

    def anomalies_in_column_order(self, tab: Tab) -> list[Anomaly]:
        order = {title: position for position, title in enumerate(tab.titles())}
        return sorted(self.anomalies, key=lambda anomaly: order.get(anomaly.field, len(order)))

    def text(
        self, title: str, required: bool | None = None, header_safe: bool = False, max_length: int = MAX_LENGTH
    ) -> str:
        """Free text; `header_safe` for what may end up in an e-mail header (a name, a subject)."""
        required = self._required(title, required)
        value = self.row[title].strip()
        if header_safe and (has_line_break(value) or _CONTROL.search(value)):
            self.problem(title, "sur une seule ligne, sans retour à la ligne ni caractère de contrôle")
            return ""
        if len(value) > max_length:
            self.problem(title, f"trop long ({len(value)} caractères, {max_length} au plus)")
            return ""
        if required and not value:
            self.problem(title, "à renseigner")
        return clean(value) if header_safe else value

    def email(self, title: str) -> str:
        value = self.text(title, required=True, header_safe=True, max_length=254)
        if not value:
            return ""
        address = email_address(value)
        if not address:
            self.problem(title, f"« {value} » n'est pas une adresse e-mail valide (ex. prenom.nom@exemple.fr)")
        return address

    def phone(self, title: str, required: bool | None = None) -> str:
        value = self.text(title, required=required, header_safe=True, max_length=40)
        if not value:
            return ""
        try:
            number = phonenumbers.parse(value, "FR")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            self.problem(title, f"« {value} » n'est pas un numéro de téléphone valide (ex. 06 12 34 56 78)")
            return ""
        style = phonenumbers.PhoneNumberFormat
        return phonenumbers.format_number(number, style.NATIONAL if number.country_code == 33 else style.INTERNATIONAL)

    def one(self, title: str, choices: Choices | None = None, required: bool | None = None) -> str:
        choices, value = self._choices(title, choices), self.row[title].strip()
        if not value:
            if self._required(title, required):
                self.problem(title, f"à renseigner : {options_text(choices.labels)}")
            return ""
        found = choices.one(value)
        if found is None and choices.other:
            return "Autre : " + clean(value)[:MAX_LENGTH]
        if found is None:
            expected = options_text(choices.labels)
            self.problem(title, f"« {clean(value)[:80]} » n'est pas une réponse possible : {expected}")
        return found or ""

    def many(self, title: str, choices: Choices | None = None, required: bool | None = None) -> tuple[str, ...]:
        choices, required, value = self._choices(title, choices), self._required(title, required), self.row[title]
        if len(value) > 10 * MAX_LENGTH:
            self.problem(title, "réponse trop longue")
            return ()
        parsed = choices.many(value)
        for unknown in parsed.unknown:
            self.problem(title, f"« {unknown[:80]} » n'est pas une option connue : {options_text(choices.labels)}")
        if required and not parsed.chosen and not parsed.unknown:
            self.problem(title, f"au moins une réponse parmi {options_text(choices.labels)}")
        return parsed.chosen

    def integer(
        self, title: str, low: int | None = None, high: int | None = None, required: bool | None = None
    ) -> int | None:
        (low, high), value = self._bounds(title, low, high), self.row[title].strip()
        if not value:
            if self._required(title, required):
                self.problem(title, f"à renseigner (un nombre entre {low} et {high})")
            return None
        number = parse_int(value[:100])
        if number is None or not low <= number <= high:
            self.problem(title, f"« {value[:40]} » : un nombre entier entre {low} et {high} est attendu")
            return None
        return number

    def decimal(self, title: str, low: Decimal, high: Decimal) -> Decimal | None:
        value = self.row[title].strip()
        if not value:
            return None
        number = parse_decimal(value[:100])
        if number is None or not low <= number <= high:
            self.problem(
                title,
                f"« {value[:40]} » : une durée entre {format_decimal(low)} et {format_decimal(high)} "
                "heures est attendue (ex. 1,5)",
            )
            return None
        return number

    def time(self, title: str) -> time | None:
        """An hour of the school day, 7 h to 20 h (« 14 h 30 », « 14:30 »)."""
        value = self.row[title].strip()
        if not value:
            return None
        hour = parse_time(value[:40])
        if hour is None or not FIRST_HOUR <= hour <= LAST_HOUR:
            self.problem(title, f"« {value[:40]} » : une heure entre 7 h et 20 h est attendue (ex. 14 h 30)")
            return None
        return hour

    def date(self, title: str, required: bool | None = None, not_before: date | None = None) -> date | None:
        value = self.row[title].strip()
        if not value:
            if self._required(title, required):
                self.problem(title, "à renseigner (JJ/MM/AAAA)")
            return None
        day = parse_date(value[:100])
        if day is None:
            impossible = impossible_date(value[:100])
            shown = f"« {value[:40]} »"
            self.problem(
                title, f"{shown} : {impossible}" if impossible else f"{shown} n'est pas une date lisible (JJ/MM/AAAA)"
            )
        elif not_before and day < not_before:
            self.problem(title, f"le {day:%d/%m/%Y} est déjà passé")
            return None
        return day

    def commune(self, title: str, communes: Communes) -> Resolution:
        value = self.row[title].strip()
        if not value:
            return Resolution()
        return communes.resolve(value[:200])

    def accepted(self, title: str, what: str) -> bool:
        """A required consent: the form's statement, or a plain « Oui »."""
        if self._choices(title, None).one(self.row[title].strip()):
            return True
        self.problem(title, what)
        return False


def contact(row: Row, email_title: str = "Adresse e-mail") -> str:
    """The row's e-mail address if it is one, else ""."""
    return FieldReader(row).email(email_title)
