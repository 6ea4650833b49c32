"""Stand-in for Google Forms in the demo: a person edits their answer, the form rewrites its row."""

import re
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from openpyxl import load_workbook

from connectors.settings import Settings
from orientest.schema import TABS, match_headers


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


def answer_links(eml: Path, settings: Settings) -> dict[str, str]:
    """The answer-form links of an e-mail, by the answer they pre-fill (« J'accepte », « Je dois annuler »…)."""
    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    links = {}
    for link in re.findall(r"https?://\S+", message.get_body(("plain",)).get_content()):
        answer = parse_qs(urlsplit(link).query).get(settings.answer_form_answer_entry)
        if answer:
            links[answer[0]] = link
    return links


def feedback_token(eml: Path) -> str:
    """The token of the feedback link of a « demande_retour » e-mail."""
    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    text = message.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+", text)[0]
    return next(values[0] for name, values in parse_qs(urlsplit(link).query).items() if name != "usp")


def edit_parameter(workbook: Path, label: str, value: str) -> None:
    """What staff do in `Paramètres`: change a value by hand."""
    book = load_workbook(workbook)
    sheet = book["Paramètres"]
    for line in range(2, sheet.max_row + 1):
        if sheet.cell(line, 1).value == label:
            sheet.cell(line, 2).value = value
    book.save(workbook)
