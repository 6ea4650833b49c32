"""The local workbook in a real spreadsheet program: Debian's LibreOffice Calc, headless, opens what the flows wrote
and saves it its own way; the flows then write into that file and LibreOffice opens it again."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from connectors.xlsx import XlsxWorkbook
from orientest.core.fingerprint import locator
from orientest.core.plan import RowAppend, RowKey, RowUpdate
from orientest.core.schema import REQUESTS, TABS
from tests.factories import request_answers
from tests.programs import installed


@pytest.fixture(scope="module")
def soffice() -> str:
    return installed(("soffice", "libreoffice"), "libreoffice-calc-nogui")


def _saved_by_libreoffice(soffice: str, path: Path, tmp_path: Path) -> Path:
    """`path` opened and saved again as .xlsx by LibreOffice (its own profile, nothing shown)."""
    out = tmp_path / f"libreoffice-{len(list(tmp_path.iterdir()))}"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profil'}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
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
