"""Writing into the .xlsx without loading it: files as Excel, LibreOffice and other tools save them."""

import re
import zipfile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from connectors.xlsx import XlsxWorkbook
from connectors.xlsx_patch import patch_sheet, sheet_parts, without_lines
from orientest.core.column_notes import display_order
from orientest.core.fingerprint import locator
from orientest.core.plan import RowAppend, RowKey, RowRemoval, RowUpdate
from orientest.core.schema import REQUESTS
from tests.factories import request_answers

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
INLINE = re.compile(r'<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr"><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>')


def _as_excel_saves_it(path):
    """Shared strings, row spans and an XML declaration, as Excel writes a workbook (openpyxl writes inline text)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    strings: dict[str, int] = {}

    def shared(match):
        index = strings.setdefault(match.group(3), len(strings))
        return f'<c r="{match.group(1)}"{match.group(2) or ""} t="s"><v>{index}</v></c>'

    for name in [n for n in parts if n.startswith("xl/worksheets/")]:
        xml = INLINE.sub(shared, parts[name].decode())
        xml = re.sub(r'<row r="(\d+)"', r'<row r="\1" spans="1:40" x14ac:dyDescent="0.25"', xml)
        xml = xml.replace(f"<worksheet {MAIN}", f'<worksheet {MAIN} xmlns:x14ac="urn:x14ac"', 1)
        parts[name] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml).encode()
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in strings)
    parts["xl/sharedStrings.xml"] = f'<sst {MAIN} count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    parts["xl/calcChain.xml"] = f'<calcChain {MAIN}><c r="Z1" i="2"/></calcChain>'  # Excel's formula order
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        (
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/calcChain.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'
        ),
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        (
            b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
            b'Target="sharedStrings.xml" Id="rIdShared"/><Relationship Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/calcChain" Target="calcChain.xml" Id="rIdCalc"/></Relationships>'
        ),
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_workbook_saved_by_excel_is_read_and_written_cell_by_cell(connectors):
    path = connectors.settings.workbook
    connectors.workbook.write(
        [],
        [
            RowAppend("Demandes", request_answers()),
            RowAppend("Demandes", request_answers({"Adresse e-mail": "b@exemple.fr"})),
        ],
    )
    connectors.workbook.write(
        [
            RowUpdate("Demandes", RowKey(locator=locator(row, REQUESTS)), {"ID": f"DEM-{n}"})
            for n, row in enumerate(connectors.workbook.read(["Demandes"])["Demandes"].rows)
        ],
        [],
    )
    _as_excel_saves_it(path)
    before = [[c.value for c in line] for line in load_workbook(path)["Demandes"].iter_rows()]
    report = XlsxWorkbook(path).write(
        [RowUpdate("Demandes", RowKey(id="DEM-1"), {"Statut": "Confirmée"})],
        [RowAppend("Demandes", request_answers({"Adresse e-mail": "c@exemple.fr"}))],
    )
    sheet = load_workbook(path)["Demandes"]
    after = [[c.value for c in line] for line in sheet.iter_rows()]
    order = [column.title for column in display_order(REQUESTS)]
    status = order.index("Statut")
    assert report.written == 1 and report.appended == 1
    assert after[:2] == before[:2] and after[2][:status] == before[2][:status] and after[2][status] == "Confirmée"
    assert after[3][order.index("Adresse e-mail")] == "c@exemple.fr" and sheet.max_row == 4
    assert [r["Adresse e-mail"] for r in XlsxWorkbook(path).read(["Demandes"])["Demandes"].rows] == [
        "cpe.college-pasteur@exemple.fr",
        "b@exemple.fr",
        "c@exemple.fr",
    ]
    lists = {str(v.sqref) for v in sheet.data_validations.dataValidation}
    letter = get_column_letter(status + 1)
    assert f"{letter}2:{letter}100000" in lists and sheet.freeze_panes == "C2"


def test_excel_s_record_of_formula_cells_is_dropped_for_excel_to_rebuild(connectors):
    path = connectors.settings.workbook
    _as_excel_saves_it(path)
    XlsxWorkbook(path).write([], [RowAppend("Journal", {"Détail": "écrit"})])
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        links = archive.read("[Content_Types].xml") + archive.read("xl/_rels/workbook.xml.rels")
    assert "xl/calcChain.xml" not in names and b"calcChain" not in links and b"sharedStrings" in links


def test_a_text_longer_than_a_cell_holds_is_cut_at_the_limit(connectors):
    connectors.workbook.write([], [RowAppend("Journal", {"Détail": "é" * 40_000})])
    (row,) = connectors.workbook.read(["Journal"])["Journal"].rows
    assert row["Détail"] == "é" * 32_767


def test_a_formula_looking_text_gets_one_quoted_style_whatever_the_number_of_writes(connectors):
    path = connectors.settings.workbook
    for n in range(2):
        connectors.workbook.write([], [RowAppend("Journal", {"Détail": f"=SOMME(A{n})"})])
    book = load_workbook(path)
    cells = [book["Journal"].cell(line, 9) for line in (2, 3)]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [
        ("=SOMME(A0)", "s", True),
        ("=SOMME(A1)", "s", True),
    ]
    assert cells[0].style_id == cells[1].style_id


def test_rows_without_line_numbers_are_counted_in_order():
    xml = f"<worksheet {MAIN}><sheetData><row><c><v>1</v></c></row><row><c><v>2</v></c></row></sheetData></worksheet>"
    patched = patch_sheet(xml.encode(), {2: {1: "b2"}, 4: {0: "a4"}}).decode()
    assert patched == (
        f"<worksheet {MAIN}><sheetData><row><c><v>1</v></c></row><row><c><v>2</v></c>"
        '<c r="B2" t="inlineStr"><is><t xml:space="preserve">b2</t></is></c></row>'
        '<row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve">a4</t></is></c></row>'
        "</sheetData></worksheet>"
    )


def test_a_prefixed_sheet_keeps_its_prefix_and_formatted_empty_rows_are_written_into_not_doubled():
    xml = (
        '<x:worksheet xmlns:x="urn:main"><x:dimension ref="A1:B3"/><x:sheetData><x:row r="1"><x:c r="A1" t="s">'
        '<x:v>0</x:v></x:c></x:row><x:row r="3" s="2" customFormat="1"/></x:sheetData></x:worksheet>'
    )
    patched = patch_sheet(xml.encode(), {2: {0: "a<2>"}, 3: {2: "c3 & co"}}).decode()
    assert patched == (
        '<x:worksheet xmlns:x="urn:main"><x:dimension ref="A1:C3"/><x:sheetData><x:row r="1">'
        '<x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is>'
        '<x:t xml:space="preserve">a&lt;2&gt;</x:t></x:is></x:c></x:row><x:row r="3" s="2" '
        'customFormat="1"><x:c r="C3" t="inlineStr"><x:is><x:t xml:space="preserve">c3 &amp; co'
        "</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"
    )


def test_an_emptied_cell_keeps_its_format_and_loses_its_value():
    xml = (
        f'<worksheet {MAIN}><sheetData><row r="2" spans="1:3"><c r="A2" s="5" t="s"><v>3</v></c><c r="B2">'
        "<v>7</v></c></row></sheetData></worksheet>"
    )
    assert patch_sheet(xml.encode(), {2: {0: "", 1: ""}}).decode() == (
        f'<worksheet {MAIN}><sheetData><row r="2"><c r="A2" s="5"/></row></sheetData></worksheet>'
    )


def test_a_chart_staff_added_survives_the_flows_writes(connectors):
    from openpyxl.chart import BarChart, Reference

    path = connectors.settings.workbook
    book = load_workbook(path)
    sheet = book["Indicateurs"]
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=5, min_row=1, max_row=3))
    sheet.add_chart(chart, "J2")
    book.save(path)
    connectors.workbook.write(
        [],
        [
            RowAppend("Indicateurs", {"Mois": "10/2026", "Indicateur": "x", "Valeur": "1"}),
            RowAppend("Journal", {"Détail": "écrit"}),
        ],
    )
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        sheet_xml = archive.read(sheet_parts(archive)["Indicateurs"])
    assert "xl/charts/chart1.xml" in names and b"<drawing " in sheet_xml and b">10/2026<" in sheet_xml


def test_dates_keep_their_format_through_patches_and_a_save_by_openpyxl(connectors):
    path = connectors.settings.workbook
    connectors.workbook.write([], [RowAppend("Demandes", request_answers({"Date souhaitée": "05/11/2026"}))])
    book = load_workbook(path)
    del book["Envois"]  # a tab to make again: the next write goes through openpyxl, which saves everything anew
    book.save(path)
    connectors.workbook.write(
        [],
        [
            RowAppend("Envois", {"Modèle": "x"}),
            RowAppend("Demandes", request_answers({"Date souhaitée": "01/12/2026"})),
        ],
    )
    connectors.workbook.write([], [RowAppend("Demandes", request_answers({"Date souhaitée": "17/10/2026"}))])
    sheet = load_workbook(path)["Demandes"]
    column = [cell.value for cell in sheet[1]].index("Date souhaitée")
    cells = [line[column] for line in sheet.iter_rows(min_row=2)]
    assert [(cell.value.date().isoformat(), cell.number_format.lower()) for cell in cells] == [
        ("2026-11-05", "dd/mm/yyyy"),
        ("2026-12-01", "dd/mm/yyyy"),
        ("2026-10-17", "dd/mm/yyyy"),
    ]


def test_removed_lines_leave_and_the_lines_below_move_up_with_their_cells():
    xml = (
        f'<worksheet {MAIN}><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2" s="3"><c r="A2"><v>2</v></c>'
        '</row><row r="3"><c r="A3"><v>3</v></c><c r="B3"><v>3</v></c></row><row r="4"/><row r="5"><c r="A5">'
        "<v>5</v></c></row></sheetData></worksheet>"
    )
    kept = b"".join(without_lines(xml.encode(), {2, 4})).decode()
    assert kept == (
        f'<worksheet {MAIN}><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>3</v></c>'
        '<c r="B2"><v>3</v></c></row><row r="3"><c r="A3"><v>5</v></c></row></sheetData></worksheet>'
    )


def test_a_row_removed_is_found_by_what_it_holds_and_one_changed_since_stays(connectors):
    workbook = connectors.workbook
    workbook.write([], [RowAppend("Journal", {"Référence": f"DEM-2026-0000{n}", "Détail": "x"}) for n in (1, 2, 3)])
    first, second, _ = workbook.read(["Journal"])["Journal"].rows
    changed = {**second.values, "Détail": "corrigé par l'équipe"}

    report = workbook.remove([RowRemoval("Journal", first.values), RowRemoval("Journal", changed)])

    assert report.written == 1 and report.not_found == ["Journal : ligne changée depuis la lecture"]
    left = [row["Référence"] for row in workbook.read(["Journal"])["Journal"].rows]
    assert left == ["DEM-2026-00002", "DEM-2026-00003"]
