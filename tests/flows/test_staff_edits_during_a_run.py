"""Staff keep working while a flow runs: whatever they do between its read and its write, each value lands on its
own record (or is not written), and what staff typed in their own columns stays."""

from dataclasses import replace

import pytest

from flows import pipeline
from flows.intake import STEP
from orientest.core.plan import RowAppend
from tests.factories import request_answers
from tests.flows.test_intake_flow import NOW
from tests.staff import column


class EditedAfterRead:
    """The workbook, with `edit` made by staff right after the run has read it."""

    def __init__(self, inner, staff, edit):
        self.inner, self.staff, self.edit = inner, staff, edit

    def read(self, tabs):
        snapshot = self.inner.read(tabs)
        self.staff.edit("Demandes", self.edit)
        return snapshot

    def write(self, updates, appends, replaced=()):
        return self.inner.write(updates, appends, replaced)

    def remove(self, removals):
        return self.inner.remove(removals)


def _sort(grid):
    grid[1:] = sorted(grid[1:], key=lambda line: str(line[1]), reverse=True)


def _insert_a_new_answer(grid):
    answers = request_answers({"Adresse e-mail": "nouvelle@exemple.fr"})
    grid.insert(1, [answers.get(str(title), "") for title in grid[0]])


def _delete_second(grid):
    del grid[2]


def _add_a_column_before_statut(grid):
    position = column(grid, "Statut")
    for number, line in enumerate(grid):
        line.insert(position, "Note de l'équipe" if number == 0 else "à rappeler")


def _rename_message(grid):
    grid[0][column(grid, "Message")] = "Votre message pour nous"


def _type_staff_columns(grid):
    for line in grid[1:]:
        line.extend([""] * (len(grid[0]) - len(line)))
        line[column(grid, "Affectation manuelle")] = "AMB-00042"
        line[column(grid, "Action")] = "Relancer"


EDITS = {
    "sort": _sort,
    "insert": _insert_a_new_answer,
    "delete": _delete_second,
    "add a column": _add_a_column_before_statut,
    "rename a column": _rename_message,
    "type in staff columns": _type_staff_columns,
}
ADDRESSES = ["a@exemple.fr", "b@exemple.fr", "c@exemple.fr"]


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_between_read_and_write_never_puts_a_value_on_another_record(connectors, staff, edit):
    connectors.workbook.write(
        [],
        [
            RowAppend("Demandes", request_answers({"Adresse e-mail": address, "Nom du contact": address[0].upper()}))
            for address in ADDRESSES
        ],
    )
    edited = replace(connectors, workbook=EditedAfterRead(connectors.workbook, staff, EDITS[edit]))
    pipeline.run(STEP, edited, NOW)
    rows = connectors.workbook.read(["Demandes"])["Demandes"].rows
    by_address = {row["Adresse e-mail"]: row for row in rows}
    expected_ids = {address: f"DEM-2026-{n:05d}" for n, address in enumerate(ADDRESSES, start=1)}
    for address, row in by_address.items():
        if address in expected_ids:
            assert row["ID"] in ("", expected_ids[address]) and row["Nom du contact"] == address[0].upper()
            assert (row["Statut"] == "En recherche") == bool(row["ID"])
        else:
            assert row["ID"] == "" and row["Statut"] == ""  # the answer that arrived during the run waits its turn
    if edit == "type in staff columns":
        assert {(row["Affectation manuelle"], row["Action"]) for row in rows} == {("AMB-00042", "Relancer")}
    if edit == "delete":
        assert "b@exemple.fr" not in by_address
    grid = staff.grid("Demandes")
    if edit == "add a column":
        assert {line[column(grid, "Note de l'équipe")] for line in grid[1:]} == {"à rappeler"}
