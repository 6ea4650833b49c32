"""The local workbook in a real spreadsheet program: Debian's LibreOffice Calc, headless, opens what the flows wrote
and saves it its own way; the flows then write into that file and LibreOffice opens it again."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from connectors.xlsx import XlsxWorkbook
from orientest.core.fingerprint import locator
from orientest.core.plan import RowAppend, RowKey, RowRemoval, RowUpdate
from orientest.core.schema import REQUESTS, TABS
from tests.e2e.screenshots import converted, screenshot
from tests.factories import request_answers
from tests.programs import installed


@pytest.fixture(scope="module")
def soffice() -> str:
    return installed(("soffice", "libreoffice"), "libreoffice-calc-nogui")


def _saved_by_libreoffice(soffice: str, path: Path, tmp_path: Path) -> Path:
    """`path` opened and saved again as .xlsx by LibreOffice (its own profile, nothing shown)."""
    out = tmp_path / f"libreoffice-{len(list(tmp_path.iterdir()))}"
    done = converted(soffice, path, "xlsx:Calc MS Excel 2007 XML", out, tmp_path / "profil")
    saved = out / path.name
    assert done.returncode == 0 and saved.exists(), done.stderr[-2000:]
    return saved


def _everything(path: Path) -> dict:
    snapshot = XlsxWorkbook(path).read(list(TABS))
    return {name: [row.values for row in table.rows] for name, table in snapshot.items()}


def test_libreoffice_reads_every_cell_the_flows_wrote_and_the_flows_write_into_what_it_saved(
    connectors, soffice, tmp_path
):
    workbook = connectors.workbook
    workbook.write(
        [], [RowAppend("Demandes", request_answers({"Adresse e-mail": f"c{n}@exemple.fr"})) for n in range(3)]
    )
    rows = workbook.read(["Demandes"])["Demandes"].rows
    workbook.write(
        [
            RowUpdate(
                "Demandes",
                RowKey(locator=locator(row, REQUESTS)),
                {"ID": f"DEM-2026-0000{n}", "Statut": "En recherche", "Motif": "=1+1 & <b>é</b>"},
            )
            for n, row in enumerate(rows, start=1)
        ],
        [RowAppend("Journal", {"Détail": "ligne\nsur deux"})],
    )

    saved = _saved_by_libreoffice(soffice, connectors.settings.workbook, tmp_path)
    assert _everything(saved) == _everything(connectors.settings.workbook)

    report = XlsxWorkbook(saved).write(
        [RowUpdate("Demandes", RowKey(id="DEM-2026-00002"), {"Statut": "Proposée"})],
        [RowAppend("Journal", {"Détail": "après LibreOffice"})],
    )
    again = _everything(_saved_by_libreoffice(soffice, saved, tmp_path))
    assert report.written == 1 and report.appended == 1 and again == _everything(saved)
    assert [row["Statut"] for row in again["Demandes"]] == ["En recherche", "Proposée", "En recherche"]
    assert again["Demandes"][0]["Motif"] == "=1+1 & <b>é</b>"
    assert [row["Détail"] for row in again["Journal"]][-2:] == ["ligne\nsur deux", "après LibreOffice"]


def _uno_python() -> str:
    """Debian's Python with LibreOffice's `uno` module (package python3-uno), which drives Calc."""
    found = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True)
    if found.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail("python3-uno manque : .ci/run doit l'installer (apt-get install python3-uno)")
        pytest.skip("python3-uno n'est pas installé sur ce poste")
    return "/usr/bin/python3"


def sorted_in_libreoffice(soffice: str, path: Path, tab: str, title: str, profile: Path) -> list[str]:
    """The column's cells as LibreOffice Calc shows them once a person sorted the tab by it."""
    script = Path(__file__).with_name("libreoffice_sort.py")
    done = subprocess.run(
        [_uno_python(), str(script), soffice, str(path), tab, title, str(profile)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_sorting_requests_by_wished_date_in_libreoffice_gives_the_order_of_the_days(connectors, soffice, tmp_path):
    days = ["05/11/2026", "17/10/2026", "01/12/2026", "28/02/2027", "la semaine prochaine"]
    connectors.workbook.write(
        [],
        [
            RowAppend("Demandes", request_answers({"Adresse e-mail": f"c{n}@exemple.fr", "Date souhaitée": day}))
            for n, day in enumerate(days)
        ],
    )
    shown = sorted_in_libreoffice(soffice, connectors.settings.workbook, "Demandes", "Date souhaitée", tmp_path / "p")
    # As text, « 01/12/2026 » would come first and « 28/02/2027 » before « 05/11/2026 ».
    assert shown == ["17/10/2026", "05/11/2026", "01/12/2026", "28/02/2027", "la semaine prochaine"]
    rows = connectors.workbook.read(["Demandes"])["Demandes"].rows
    assert [row["Date souhaitée"] for row in rows] == days  # the flows read back what was written


def test_the_tabs_staff_open_first_as_libreoffice_draws_them(connectors, soffice, tmp_path):
    """Drawn into var/test-artefacts/ to be looked at; checked here on the page's text: dates shown as dates, the
    À faire line and the Journal's sentence."""
    from datetime import datetime

    from flows import pipeline
    from flows.intake import STEP
    from tests.factories import ambassador_answers

    if not shutil.which("pdftoppm"):
        installed(("pdftoppm",), "poppler-utils")
    connectors.workbook.write(
        [],
        [
            RowAppend("Ambassadeurs", ambassador_answers()),
            RowAppend("Demandes", request_answers()),
            RowAppend("Demandes", request_answers({"Adresse e-mail": "b@exemple.fr", "Public": ""})),
        ],
    )
    pipeline.run(STEP, connectors, datetime(2026, 10, 2, 18, 0))
    shots = Path("var/test-artefacts")
    book = connectors.settings.workbook
    todo = screenshot(soffice, book, "À faire", shots / "a-faire.png", columns=7, rows=10)
    requests = screenshot(soffice, book, "Demandes", shots / "demandes.png", columns=10, rows=10)
    journal = screenshot(soffice, book, "Journal", shots / "journal.png", columns=4, rows=10)
    assert "Inscription à valider" in todo and "Claire Martin" in todo and "Formulaire incomplet" in todo
    assert "DEM-2026-00001" in requests and "10/11/2026" in requests  # the wished day shown as a day, not 46336
    assert "La demande passe au statut « En recherche »" in journal
    assert all((shots / name).stat().st_size > 10_000 for name in ("a-faire.png", "demandes.png", "journal.png"))


def test_rows_archived_out_of_a_file_libreoffice_saved_leave_the_others_whole_as_libreoffice_reads_them(
    connectors, soffice, tmp_path
):
    answers = [
        request_answers({"Adresse e-mail": f"c{n}@exemple.fr", "Date souhaitée": "12/03/2027"}) for n in range(5)
    ]
    connectors.workbook.write([], [RowAppend("Demandes", values) for values in answers])
    saved = _saved_by_libreoffice(soffice, connectors.settings.workbook, tmp_path)
    workbook = XlsxWorkbook(saved)
    rows = workbook.read(["Demandes"])["Demandes"].rows

    report = workbook.remove([RowRemoval("Demandes", rows[n].values) for n in (0, 2, 3)])

    again = _everything(_saved_by_libreoffice(soffice, saved, tmp_path))
    assert report.written == 3 and again == _everything(saved)
    assert [row["Adresse e-mail"] for row in again["Demandes"]] == ["c1@exemple.fr", "c4@exemple.fr"]
    assert [row["Date souhaitée"] for row in again["Demandes"]] == ["12/03/2027", "12/03/2027"]
