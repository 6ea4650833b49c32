"""The `Formulaires` tab: where each form lives and how its links are pre-filled, as `orientest formulaires` left it.

The e-mails' links are read from here on every run, so nobody copies an address or an `entry.N` by hand. A team on
another form tool types the address and the pre-filling parameters into the same cells.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from orientest.core.cells import ids
from orientest.core.french import format_datetime
from orientest.core.schema import Table
from orientest.forms.questions import Form

TAB = "Formulaires"
_PREFILL_LINE = re.compile(r"^\s*(.+?)\s*=\s*(\S+)\s*$")


class FormNotReady(Exception):
    """An e-mail needs a form whose address (or pre-filling parameter) nobody recorded; the message says what to do."""


@dataclass(frozen=True)
class FormAddress:
    key: str
    title: str
    url: str = ""  # the address to share, the one responders open
    prefill: Mapping[str, str] = field(default_factory=dict)  # question title → URL parameter, « entry.1234 »
    google_id: str = ""  # the form's ID in the Forms API, for updating it in place
    items: tuple[str, ...] = ()  # IDs of the items orientest made: any other item was added by hand, and stays

    def unready(self, titles: Iterable[str]) -> str:
        """Why links pre-filling `titles` cannot be made yet, in French, with what to do; "" when they can."""
        if not self.url:
            return (
                f"le formulaire « {self.title} » n'a pas d'adresse dans l'onglet « Formulaires » (saisissez-la "
                "s'il vient d'un autre outil) : lancez « orientest formulaires --google »"
            )
        missing = [title for title in titles if not self.prefill.get(title)]
        if missing:
            return (
                f"le formulaire « {self.title} » ne dit pas comment pré-remplir « {', '.join(missing)} » (colonne "
                "« Pré-remplissage » de l'onglet « Formulaires ») : lancez « orientest formulaires --google »"
            )
        return ""

    def link(self, answers: Mapping[str, str]) -> str:
        """The form with `answers` already filled in: opening it changes nothing, sending it does."""
        if problem := self.unready(answers):
            raise FormNotReady(problem[0].upper() + problem[1:] + ".")
        query = urlencode({"usp": "pp_url", **{self.prefill[title]: value for title, value in answers.items()}})
        return f"{self.url}?{query}"


def prefill_text(prefill: Mapping[str, str]) -> str:
    """`Jeton = entry.1234`, one question a line: readable, and typed the same way by hand."""
    return "\n".join(f"{title} = {parameter}" for title, parameter in prefill.items())


def _prefill(text: str) -> dict[str, str]:
    return {match[1]: match[2] for line in text.splitlines() if (match := _PREFILL_LINE.match(line))}


def read_registry(table: Table | None, forms: Mapping[str, Form]) -> dict[str, FormAddress]:
    """Every form by key, with what the tab records about it (nothing for a form missing from the tab)."""
    rows = {row["ID"].strip(): row for row in (table.rows if table else ())}
    registry = {}
    for key, form in forms.items():
        row = rows.get(key)
        registry[key] = (
            FormAddress(key, form.title)
            if row is None
            else FormAddress(
                key,
                form.title,
                row["Adresse à diffuser"].strip(),
                _prefill(row["Pré-remplissage"]),
                row["Identifiant Google"].strip(),
                ids(row["Questions d'orientest"]),
            )
        )
    return registry


def registry_row(form: Form, address: FormAddress | None = None, at: datetime | None = None) -> dict[str, str]:
    """The tab's row for `form`: what `init` writes (no address yet), or what `orientest formulaires` found."""
    row = {"ID": form.key, "Formulaire": form.title, "Onglet des réponses": form.tab.name}
    if address is not None:
        row.update(
            {
                "Adresse à diffuser": address.url,
                "Pré-remplissage": prefill_text(address.prefill),
                "Identifiant Google": address.google_id,
                "Questions d'orientest": ", ".join(address.items),
            }
        )
    if at is not None:
        row["Mis à jour le"] = format_datetime(at)
    return row
