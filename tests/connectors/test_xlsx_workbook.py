"""The local workbook, on real .xlsx files reopened with openpyxl."""

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from connectors.workbook import WorkbookError
from connectors.xlsx import XlsxWorkbook
from orientest.core.column_notes import display_order
from orientest.core.fingerprint import locator
from orientest.core.plan import RowAppend, RowKey, RowUpdate
from orientest.core.schema import REQUESTS, TABS, Row
from tests.factories import request_answers

ORDER = [column.title for column in display_order(REQUESTS)]  # a new `Demandes`, staff's columns first


def _sheet(path, name):
    return load_workbook(path)[name]


def _headers(sheet):
    return [cell.value for cell in sheet[1]]


def _append_requests(book, *answers):
    book.write([], [RowAppend("Demandes", a) for a in answers])


def test_init_creates_every_tab_with_the_canonical_headers(connectors):
    book = load_workbook(connectors.settings.workbook)
    assert book.sheetnames == list(TABS)
    for name, tab in TABS.items():
        assert _headers(book[name]) == [column.title for column in display_order(tab)]
        assert sorted(_headers(book[name])) == sorted(tab.titles())
    assert book["Bassins"].max_row == 5116
    assert book["Paramètres"]["A2"].value == "Version de la charte"


def _cell(title, line=2):
    return f"{get_column_letter(ORDER.index(title) + 1)}{line}"


def _whole_column(title):
    """`Demandes`'s data validation range for `title`, below the header (« Z2:Z100000 »)."""
    letter = get_column_letter(ORDER.index(title) + 1)
    return f"{letter}2:{letter}100000"


def test_init_dresses_the_sheets_for_staff(connectors):
    sheet = _sheet(connectors.settings.workbook, "Demandes")
    assert sheet.freeze_panes == "C2" and ORDER[:2] == ["ID", "Statut"]  # ID and Statut stay in sight
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists[_whole_column("Statut")].startswith(
        '"Nouvelle,Incomplète,En recherche,Proposée,Partiellement pourvue,Pistes proposées,Confirmée'
    )
    assert lists[_whole_column("Action")] == '"Annuler,Relancer,Rouvrir,Accepter l\'autre date"'
    rules = [rule for area in sheet.conditional_formatting for rule in area.rules]
    colours = {rule.formula[0]: rule.dxf.fill.fgColor.rgb for rule in rules}
    assert colours['"Confirmée"'].endswith("B6D7A8") and colours['"Sans solution"'].endswith("E06666")
    assert sheet.column_dimensions[_cell("Adresse e-mail")[:-1]].width == 30
    assert sheet.column_dimensions[_cell("Empreinte")[:-1]].hidden
    assert "orientest ne la modifie jamais" in sheet[_cell("Commune", 1)].comment.text
    assert sheet[_cell("Action", 1)].comment.text.startswith("Annuler, Relancer, Rouvrir")


def test_init_twice_keeps_what_is_there(connectors):
    _append_requests(connectors.workbook, request_answers())
    connectors.workbook.ensure_layout({})
    assert connectors.workbook.read(["Demandes"])["Demandes"].rows[0]["Commune"] == "67000 Strasbourg"


def test_read_gives_text_by_canonical_title_whatever_the_header_spelling(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "forms.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "Demandes"
    headers = {
        **{t: t for t in REQUESTS.titles()},
        "Adresse e-mail": "ADRESSE EMAIL",
        "Commune": "Ville",
        "Nom du contact": "nom  du contact",
    }
    sheet.append([headers[t] for t in REQUESTS.titles()] + ["Notes de l'équipe"])
    answers = request_answers({"Téléphone": "0612345678", "Durée (heures)": "3,5"})
    sheet.append([answers.get(t, "") for t in REQUESTS.titles()] + ["à rappeler"])
    sheet.cell(2, REQUESTS.titles().index("Nombre de participants") + 1, 28)  # a number typed by staff in Excel
    book.save(path)
    (row,) = XlsxWorkbook(path).read(["Demandes"])["Demandes"].rows
    assert row["Adresse e-mail"] == "cpe.college-pasteur@exemple.fr" and row["Commune"] == "67000 Strasbourg"
    assert row["Téléphone"] == "0612345678" and row["Durée (heures)"] == "3,5"
    assert row["Nombre de participants"] == "28"


def test_missing_required_column_stops_before_any_write_naming_tab_and_column(connectors):
    path = connectors.settings.workbook
    book = load_workbook(path)
    book["Demandes"][_cell("Commune", 1)] = "Lieu"  # staff renamed « Commune »
    book.save(path)
    with pytest.raises(WorkbookError, match="Onglet « Demandes » : colonne obligatoire introuvable : « Commune »"):
        connectors.workbook.read(["Demandes"])


def test_flows_never_create_a_formula(connectors):
    path = connectors.settings.workbook
    _append_requests(connectors.workbook, request_answers())
    (row,) = connectors.workbook.read(["Demandes"])["Demandes"].rows
    payloads = ['=HYPERLINK("http://x")', "+33 6 12", "-1+1", "@SUM(A1)"]
    connectors.workbook.write(
        [
            RowUpdate(
                "Demandes",
                RowKey(locator=locator(row, REQUESTS)),
                {
                    "ID": "DEM-1",
                    "Anomalies": payloads[0],
                    "Motif": payloads[1],
                    "Ambassadeur": payloads[2],
                    "Proposée à": payloads[3],
                },
            )
        ],
        [],
    )
    sheet = _sheet(path, "Demandes")
    written = [sheet.cell(2, ORDER.index(t) + 1) for t in ("Anomalies", "Motif", "Ambassadeur", "Proposée à")]
    assert [c.value for c in written] == payloads
    assert {c.data_type for c in written} == {"s"}


def test_cells_the_flow_does_not_own_are_left_exactly_as_they_were(connectors):
    path = connectors.settings.workbook
    _append_requests(connectors.workbook, request_answers(), request_answers({"Adresse e-mail": "b@exemple.fr"}))
    book = load_workbook(path)
    book["Demandes"].cell(2, len(REQUESTS.titles()) + 2, "note de l'équipe")  # a column nobody knows
    book["Demandes"][_cell("Action")] = "Annuler"  # staff's Action
    book.save(path)
    before = {name: [[c.value for c in r] for r in load_workbook(path)[name].iter_rows()] for name in TABS}
    (first, _) = connectors.workbook.read(["Demandes"])["Demandes"].rows
    connectors.workbook.write(
        [
            RowUpdate(
                "Demandes", RowKey(locator=locator(first, REQUESTS)), {"ID": "DEM-2026-00001", "Statut": "En recherche"}
            )
        ],
        [],
    )
    after = {name: [[c.value for c in r] for r in load_workbook(path)[name].iter_rows()] for name in TABS}
    changed = [
        (name, line, column)
        for name in TABS
        for line, (old, new) in enumerate(zip(before[name], after[name], strict=True))
        for column, (a, b) in enumerate(zip(old, new, strict=True))
        if a != b
    ]
    columns = ORDER
    assert changed == [("Demandes", 1, columns.index("ID")), ("Demandes", 1, columns.index("Statut"))]


def test_a_sort_between_read_and_write_still_lands_each_status_on_its_row(connectors):
    path = connectors.settings.workbook
    emails = [f"contact{n}@exemple.fr" for n in range(5)]
    _append_requests(connectors.workbook, *[request_answers({"Adresse e-mail": e}) for e in emails])
    rows = connectors.workbook.read(["Demandes"])["Demandes"].rows
    updates = [
        RowUpdate("Demandes", RowKey(locator=locator(r, REQUESTS)), {"ID": f"DEM-{n}", "Statut": r["Adresse e-mail"]})
        for n, r in enumerate(rows)
    ]
    _staff_sorts_and_inserts(path)
    report = connectors.workbook.write(updates, [])
    table = connectors.workbook.read(["Demandes"])["Demandes"]
    assert report.written == 5 and report.not_found == []
    assert all(r["Statut"] == r["Adresse e-mail"] for r in table.rows if r["ID"])
    assert sorted(r["ID"] for r in table.rows if r["ID"]) == [f"DEM-{n}" for n in range(5)]


def _staff_sorts_and_inserts(path):
    book = load_workbook(path)
    sheet = book["Demandes"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    for line, row_values in enumerate(reversed(values), start=3):
        for column, value in enumerate(row_values, start=1):
            sheet.cell(line, column, value)
    for column in range(1, sheet.max_column + 1):
        sheet.cell(2, column).value = None
    sheet[_cell("Message")] = "ligne ajoutée par l'équipe"
    book.save(path)


def test_rows_are_found_by_id_after_they_moved(connectors):
    path = connectors.settings.workbook
    _append_requests(connectors.workbook, request_answers(), request_answers({"Adresse e-mail": "b@exemple.fr"}))
    rows = connectors.workbook.read(["Demandes"])["Demandes"].rows
    connectors.workbook.write(
        [RowUpdate("Demandes", RowKey(locator=locator(r, REQUESTS)), {"ID": f"DEM-{n}"}) for n, r in enumerate(rows)],
        [],
    )
    _staff_sorts_and_inserts(path)
    connectors.workbook.write([RowUpdate("Demandes", RowKey(id="DEM-0"), {"Statut": "Confirmée"})], [])
    (row,) = [r for r in connectors.workbook.read(["Demandes"])["Demandes"].rows if r["ID"] == "DEM-0"]
    assert row["Adresse e-mail"] == "cpe.college-pasteur@exemple.fr" and row["Statut"] == "Confirmée"


def test_row_edited_since_the_read_is_not_written_and_reported(connectors):
    path = connectors.settings.workbook
    _append_requests(connectors.workbook, request_answers())
    (row,) = connectors.workbook.read(["Demandes"])["Demandes"].rows
    book = load_workbook(path)
    book["Demandes"][_cell("Commune")] = "Colmar"
    book.save(path)
    report = connectors.workbook.write(
        [RowUpdate("Demandes", RowKey(locator=locator(row, REQUESTS)), {"ID": "DEM-1"})], []
    )
    assert report.written == 0 and len(report.not_found) == 1


def test_missing_flow_column_is_created_at_the_right_end(connectors):
    path = connectors.settings.workbook
    book = load_workbook(path)
    sheet = book["Demandes"]
    motif = ORDER.index("Motif") + 1
    sheet.delete_cols(motif)
    book.save(path)
    _append_requests(connectors.workbook, request_answers())
    (row,) = connectors.workbook.read(["Demandes"])["Demandes"].rows
    connectors.workbook.write([RowUpdate("Demandes", RowKey(locator=locator(row, REQUESTS)), {"Motif": "proche"})], [])
    sheet = _sheet(path, "Demandes")
    assert _headers(sheet)[-1] == "Motif" and sheet.cell(2, sheet.max_column).value == "proche"


def test_flows_may_not_write_form_or_staff_columns(connectors):
    with pytest.raises(ValueError):
        connectors.workbook.write([RowUpdate("Demandes", RowKey(id="DEM-1"), {"Commune": "Metz"})], [])
    with pytest.raises(ValueError):
        connectors.workbook.write([RowUpdate("Demandes", RowKey(id="DEM-1"), {"Action": ""})], [])


def test_save_is_atomic_and_leaves_no_temporary_file(connectors):
    _append_requests(connectors.workbook, request_answers())
    leftovers = [p.name for p in connectors.settings.workbook.parent.iterdir() if p.suffix in (".xlsx", ".tmp")]
    assert leftovers == ["classeur.xlsx"]


def test_a_second_writer_waits_for_the_lock(connectors, monkeypatch):
    import fcntl

    import connectors.xlsx as xlsx

    monkeypatch.setattr(xlsx, "LOCK_TIMEOUT_SECONDS", 0.5)
    path = connectors.settings.workbook
    with open(path.with_name(f".{path.name}.lock"), "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(WorkbookError, match="verrouillé par une autre exécution"):
            _append_requests(connectors.workbook, request_answers())
    _append_requests(connectors.workbook, request_answers())
    assert len(connectors.workbook.read(["Demandes"])["Demandes"].rows) == 1


def test_control_characters_in_written_text_do_not_break_the_file(connectors):
    connectors.workbook.write([], [RowAppend("Journal", {"Détail": "bip\x07 et \x1b[31m"})])
    (row,) = connectors.workbook.read(["Journal"])["Journal"].rows
    assert row["Détail"] == "bip\ufffd et \ufffd[31m"


def test_row_helpers_see_blank_rows(connectors):
    assert Row(2, {}).is_blank(["Commune"])


def test_an_edit_made_between_two_writes_is_kept(connectors):
    path = connectors.settings.workbook
    _append_requests(connectors.workbook, request_answers())
    book = load_workbook(path)
    book["Demandes"][_cell("Message")] = "message ajouté entre deux passages"
    book.save(path)
    _append_requests(connectors.workbook, request_answers({"Adresse e-mail": "b@exemple.fr"}))
    rows = connectors.workbook.read(["Demandes"])["Demandes"].rows
    assert [r["Message"] for r in rows] == ["message ajouté entre deux passages", ""]


def test_a_staff_action_changed_since_the_read_is_not_cleared(connectors):
    path = connectors.settings.workbook
    _append_requests(connectors.workbook, request_answers())
    (row,) = connectors.workbook.read(["Demandes"])["Demandes"].rows
    connectors.workbook.write([RowUpdate("Demandes", RowKey(locator=locator(row, REQUESTS)), {"ID": "DEM-1"})], [])
    book = load_workbook(path)
    book["Demandes"][_cell("Action")] = "Rouvrir"  # staff typed a new command after the flow read « Annuler »
    book.save(path)
    report = connectors.workbook.write(
        [RowUpdate("Demandes", RowKey(id="DEM-1"), {"Statut": "Annulée", "Action": ""}, expect={"Action": "Annuler"})],
        [],
    )
    (row,) = connectors.workbook.read(["Demandes"])["Demandes"].rows
    assert report.not_found == ["Demandes : DEM-1"] and (row["Action"], row["Statut"]) == ("Rouvrir", "")


def test_a_file_that_is_not_an_xlsx_stops_the_run_with_a_message_for_staff(tmp_path):
    path = tmp_path / "classeur.xlsx"
    path.write_text("Horodatage;Adresse e-mail\n", encoding="utf-8")  # a CSV saved under the workbook's name
    with pytest.raises(WorkbookError, match="Classeur illisible : classeur.xlsx"):
        XlsxWorkbook(path).read(["Demandes"])


def test_a_row_grows_with_its_wrapped_anomalies_and_shrinks_once_they_are_gone(connectors):
    path = connectors.settings.workbook
    _append_requests(connectors.workbook, request_answers())
    (row,) = connectors.workbook.read(["Demandes"])["Demandes"].rows
    three = "• Commune : à renseigner\n• Public : à renseigner\n• Date souhaitée : à renseigner"
    connectors.workbook.write([RowUpdate("Demandes", RowKey(locator=locator(row, REQUESTS)), {"ID": "DEM-1"})], [])
    connectors.workbook.write([RowUpdate("Demandes", RowKey(id="DEM-1"), {"Anomalies": three})], [])
    assert _sheet(path, "Demandes").row_dimensions[2].height == 45
    connectors.workbook.write([RowUpdate("Demandes", RowKey(id="DEM-1"), {"Statut": "En recherche"})], [])
    assert _sheet(path, "Demandes").row_dimensions[2].height == 45  # a write elsewhere on the row keeps it
    connectors.workbook.write([RowUpdate("Demandes", RowKey(id="DEM-1"), {"Anomalies": ""})], [])
    assert _sheet(path, "Demandes").row_dimensions[2].height == 15
