"""The « À faire » tab on both workbooks: rebuilt by the runs, emptied as things get done, never over staff's typing."""

import re
from datetime import datetime

from flows import pipeline
from flows.intake import STEP
from orientest.core.plan import RowAppend, TabReplace
from tests.factories import ambassador_answers
from tests.staff import set_cell

NOW = datetime(2026, 10, 2, 18, 0)


def _todo(connectors):
    return [dict(row.values) for row in connectors.workbook.read(["À faire"])["À faire"].rows if row["À faire"]]


def test_a_signup_to_validate_is_listed_with_its_row_and_gone_once_staff_set_it_active(connectors, staff):
    connectors.workbook.write([], [RowAppend("Ambassadeurs", ambassador_answers())])
    pipeline.run(STEP, connectors, NOW)

    (line,) = _todo(connectors)
    assert (line["À faire"], line["Référence"], line["Nom"]) == ("Inscription à valider", "AMB-00001", "Claire Martin")
    assert (line["Onglet"], line["Ligne"], line["Depuis le"]) == ("Ambassadeurs", "2", "01/10/2026 10:15")
    if connectors.settings.backend == "google":
        assert re.fullmatch(r"https://docs\.google\.com/spreadsheets/d/[^/]+/edit#gid=\d+&range=A2", line["Lien"])

    staff.edit("Ambassadeurs", set_cell(2, "Statut", "Actif"))
    pipeline.run(STEP, connectors, NOW.replace(minute=5))
    assert _todo(connectors) == []


def test_a_line_marked_done_is_noted_in_the_journal_and_not_listed_again(connectors, staff):
    connectors.workbook.write([], [RowAppend("Ambassadeurs", ambassador_answers())])
    pipeline.run(STEP, connectors, NOW)
    staff.edit("À faire", set_cell(2, "Fait", "Oui"))

    pipeline.run(STEP, connectors, NOW.replace(minute=5))
    assert _todo(connectors) == []
    (note,) = [r for r in connectors.workbook.read(["Journal"])["Journal"].rows if r["Action"] == "à faire : fait"]
    assert note["Référence"] == "AMB-00001" and note["Détail"] == "Inscription à valider (depuis le 01/10/2026 10:15)"
    pipeline.run(STEP, connectors, NOW.replace(minute=10))
    assert _todo(connectors) == []


def test_what_staff_type_in_the_tab_during_a_run_is_never_written_over(connectors, staff):
    connectors.workbook.write([], [RowAppend("Ambassadeurs", ambassador_answers())])
    pipeline.run(STEP, connectors, NOW)
    read = connectors.workbook.read(["À faire"])["À faire"]
    staff.edit("À faire", set_cell(2, "Fait", "Oui"))  # typed after the run read the tab

    report = connectors.workbook.write([], [], [TabReplace("À faire", (), read.staff_cells())])
    assert report.not_found == ["À faire : saisie de l'équipe pendant le passage, reconstruit au suivant"]
    assert [row["Fait"] for row in connectors.workbook.read(["À faire"])["À faire"].rows] == ["Oui"]


def test_a_shorter_list_empties_the_lines_it_no_longer_needs(connectors):
    rows = tuple({"À faire": f"chose {n}", "Référence": f"DEM-2026-0000{n}"} for n in range(1, 4))
    connectors.workbook.write([], [], [TabReplace("À faire", rows)])
    seen = connectors.workbook.read(["À faire"])["À faire"].staff_cells()
    connectors.workbook.write([], [], [TabReplace("À faire", rows[:1], seen)])
    assert [row["À faire"] for row in _todo(connectors)] == ["chose 1"]
