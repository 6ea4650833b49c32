"""Response sheets as Google Forms names them (« Réponses au formulaire 1 »): found by their questions, no renaming."""

from datetime import datetime

from connectors.wiring import connect
from flows import pipeline
from flows.intake import STEP as INTAKE
from orientest.context.defaults import initial_rows
from orientest.core.plan import RowAppend
from orientest.core.schema import REQUESTS
from orientest.forms.questions import form_columns
from tests.factories import request_answers

NOW = datetime(2026, 10, 2, 18)
QUESTIONS = ["Horodatage", *form_columns(REQUESTS)]


def _linked_form_sheet(staff, title="Réponses au formulaire 1"):
    """What Google makes when a form is linked to the workbook: a new sheet, the questions as headers."""
    answers = request_answers()
    staff.add_sheet(title, [QUESTIONS, [answers[question] for question in QUESTIONS]])
    return title


def test_requests_in_a_sheet_named_by_google_are_found_by_their_questions(connectors, staff):
    title = _linked_form_sheet(staff)
    pipeline.run(INTAKE, connectors, NOW)
    grid = staff.grid(title)
    assert grid[0][: len(QUESTIONS)] == QUESTIONS and {"ID", "Statut", "Anomalies"} <= set(grid[0])
    assert grid[1][grid[0].index("Statut")] == "En recherche"
    assert sorted(staff.grid("Demandes")[0]) == sorted(REQUESTS.titles())  # the empty tab `init` made is left as is
    assert len(staff.grid("Demandes")) == 1


def test_init_after_the_forms_are_linked_completes_their_sheets_instead_of_making_empty_ones(
    connectors, staff, referential
):
    title = _linked_form_sheet(staff, "Réponses au formulaire 3")
    connect(connectors.settings).workbook.ensure_layout(initial_rows(referential))
    assert staff.grid(title)[0][len(QUESTIONS) : len(QUESTIONS) + 2] == ["ID", "Statut"]
    assert staff.sheet_titles().count("Demandes") == 1


def test_a_named_tab_holding_answers_wins_over_another_sheet_with_the_same_questions(connectors, staff):
    connectors.workbook.write([], [RowAppend("Demandes", request_answers())])
    title = _linked_form_sheet(staff, "Copie de Demandes")
    pipeline.run(INTAKE, connectors, NOW)
    assert staff.grid("Demandes")[1][staff.grid("Demandes")[0].index("Statut")] == "En recherche"
    assert "ID" not in staff.grid(title)[0]
