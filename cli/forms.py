"""Stand-in for Google Forms in the demo: a person edits their answer, the form rewrites its row."""

import re
from email import message_from_bytes, policy
from pathlib import Path

from openpyxl import load_workbook

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


def proposal_links(eml: Path) -> dict[str, str]:
    """The answer links of a proposal e-mail, by the answer they pre-fill."""
    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    text = message.get_body(("plain",)).get_content()
    return {label.strip(): link for label, link in _LINK.findall(text)}


_LINK = re.compile(r"^- ([^:\n]+) : (https?://\S+)$", re.MULTILINE)
