"""Whatever anyone types into a form, every flow goes through: no crash, no formula, no raw HTML, no forged header."""

import shutil
from datetime import datetime
from email import message_from_bytes, policy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from connectors.wiring import connect
from flows import pipeline
from flows.registry import STEPS
from orientest.core.plan import RowAppend
from orientest.core.schema import AMBASSADORS, REQUESTS, Owner
from orientest.statuses.ambassadors import AmbassadorStatus
from orientest.statuses.requests import RequestStatus
from tests.conftest import initialised, local_settings
from tests.factories import ambassador_answers, request_answers

NOW = datetime(2026, 10, 2, 18, 0)
SPELLINGS = [  # dates, numbers and payloads people (and attackers) type
    "10/11/2026",
    "10/11/26",
    "2026-11-10",
    "10 novembre 2026",
    "mardi 10 nov.",
    "31/02/2026",
    "00/00/0000",
    "3,5",
    "3.5",
    "1 234",
    "1e10",
    "-2",
    "trente",
    "0612345678",
    "+33 6 12 34 56 78",
    "",
    '=HYPERLINK("http://x")',
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "a@b.fr\r\nBcc: victime@exemple.fr",
    "Objet\nBcc: x@y.fr",
    "\x00\x07\x1b",
    "\u202e\u200b",
    "😀" * 3,
    "x" * 50_000,
]
ANSWER = st.one_of(st.sampled_from(SPELLINGS), st.text(max_size=80), st.text(st.characters(codec="utf-8"), max_size=20))
KNOWN_STATUSES = {str(s) for s in (*RequestStatus, *AmbassadorStatus)}


def _rows(factory, tab):
    """A real-looking row with some answers replaced by anything at all."""
    titles = [t for t in tab.titles(Owner.FORM) if t != "Horodatage"]
    return st.dictionaries(st.sampled_from(titles), ANSWER, max_size=len(titles)).map(lambda changes: factory(changes))


@pytest.fixture(scope="module")
def template(tmp_path_factory, referential):
    directory = tmp_path_factory.mktemp("modele")
    initialised(local_settings(directory), referential)
    return directory / "classeur.xlsx"


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    requests=st.lists(_rows(request_answers, REQUESTS), min_size=1, max_size=3),
    ambassadors=st.lists(_rows(ambassador_answers, AMBASSADORS), max_size=2),
)
def test_any_form_answer_goes_through_every_flow_safely(tmp_path_factory, template, requests, ambassadors):
    directory = tmp_path_factory.mktemp("passage")
    shutil.copy(template, directory / "classeur.xlsx")
    connectors = connect(local_settings(directory))
    typed = [RowAppend("Demandes", row) for row in requests] + [RowAppend("Ambassadeurs", r) for r in ambassadors]
    connectors.workbook.write([], typed)
    typed_in = connectors.workbook.read(["Demandes", "Ambassadeurs"])  # as the file holds them (Excel: 32,767 max)
    for name in ("intake", "matching", "followup", "housekeeping", "indicators"):
        pipeline.run(STEPS[name], connectors, NOW)

    snapshot = connectors.workbook.read(["Demandes", "Ambassadeurs"])
    for tab in ("Demandes", "Ambassadeurs"):
        rows, before = snapshot[tab].rows, typed_in[tab].rows
        assert len(rows) == len(before)
        for row, original in zip(rows, before, strict=True):
            form = snapshot[tab].tab.titles(Owner.FORM)
            assert {t: row[t] for t in form} == {t: original[t] for t in form}  # form answers untouched
            assert row["Statut"] in KNOWN_STATUSES  # accepted, or held with its anomalies
            assert row["Statut"] not in ("Incomplète",) or row["Anomalies"]
    book = load_workbook(connectors.settings.workbook)
    assert not [c.coordinate for sheet in book for line in sheet.iter_rows() for c in line if c.data_type == "f"]
    for path in connectors.settings.outbox.glob("*.eml"):
        _check_message(path.read_bytes())


def _check_message(raw: bytes) -> None:
    message = message_from_bytes(raw, policy=policy.default)
    assert {name.lower() for name in message.keys()} <= {
        "from",
        "to",
        "reply-to",
        "subject",
        "date",
        "message-id",
        "x-orientest-key",
        "mime-version",
        "content-type",
        "auto-submitted",
        "x-auto-response-suppress",
    }
    assert "victime@exemple.fr" not in str(message["To"]) + str(message.get("Bcc", ""))
    html = message.get_body(("html",))
    if html is not None:
        content = html.get_content()
        assert "<script>" not in content and "<img src=x" not in content
