"""Stand-in for Google Forms in the demo: forms at made-up addresses, people following the e-mails' links and
sending the form, a person editing their answer so that the form rewrites its row."""

import hashlib
import re
from collections.abc import Mapping
from email import message_from_bytes, policy
from pathlib import Path

from openpyxl import load_workbook

from connectors.forms import prefilled
from orientest.context.defaults import initial_rows
from orientest.context.referential import Referential
from orientest.core.schema import TABS, match_headers
from orientest.forms.questions import Form
from orientest.forms.registry import FormAddress, registry_row


def stand_in_registry(forms: Mapping[str, Form]) -> dict[str, FormAddress]:
    """What `orientest formulaires --google` would record, at addresses that lead nowhere: the demo's forms."""

    def entry(form: Form, title: str) -> str:
        return f"entry.{int(hashlib.sha256(f'{form.key}:{title}'.encode()).hexdigest()[:8], 16)}"

    return {
        key: FormAddress(
            key,
            form.title,
            f"https://docs.google.com/forms/d/e/DEMO-{key}/viewform",
            {question.title: entry(form, question.title) for question in form.prefilled},
        )
        for key, form in forms.items()
    }


def edit_answer(workbook: Path, tab_name: str, record_id: str, title: str, value: str) -> bool:
    """Rewrite one form cell of the row with `record_id`, as an edited form response would."""
    book = load_workbook(workbook)
    sheet = book[tab_name]
    positions = match_headers(TABS[tab_name], [str(c.value or "") for c in sheet[1]])
    for line in range(2, sheet.max_row + 1):
        if str(sheet.cell(line, positions["ID"] + 1).value or "") == record_id:
            sheet.cell(line, positions[title] + 1).value = value
            book.save(workbook)
            return True
    return False


def stand_in_rows(forms: Mapping[str, Form]) -> list[dict[str, str]]:
    """The `Formulaires` tab as it reads once the stand-in forms are recorded."""
    registry = stand_in_registry(forms)
    return [registry_row(form, registry[key]) for key, form in forms.items()]


def stand_in_layout(referential: Referential, staff_email: str = "") -> dict[str, list[dict[str, str]]]:
    """What `init` writes, with the stand-in forms recorded as `orientest formulaires --google` would."""
    return {**initial_rows(referential, staff_email), "Formulaires": stand_in_rows(referential.forms)}


def links_to(eml: Path, form: FormAddress) -> list[dict[str, str]]:
    """The answers each link of an e-mail to `form` pre-fills, in the order of the text part."""
    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    body = message.get_body(("plain",))
    text = body.get_content() if body is not None else ""
    return [prefilled(link, form) for link in re.findall(r"https?://\S+", text) if link.startswith(form.url)]


def answer_tokens(eml: Path, form: FormAddress) -> dict[str, str]:
    """The tokens of an e-mail's answer-form links, by the answer they pre-fill (« J'accepte », « Je dois annuler »)."""
    return {answers["Réponse"]: answers["Jeton"] for answers in links_to(eml, form) if "Réponse" in answers}


def feedback_token(eml: Path, form: FormAddress) -> str:
    """The token of the feedback link of a « demande_retour » e-mail."""
    return links_to(eml, form)[0]["Jeton"]


def edit_parameter(workbook: Path, label: str, value: str) -> None:
    """What staff do in `Paramètres`: change a value by hand."""
    book = load_workbook(workbook)
    sheet = book["Paramètres"]
    for line in range(2, sheet.max_row + 1):
        if sheet.cell(line, 1).value == label:
            sheet.cell(line, 2).value = value
    book.save(workbook)
