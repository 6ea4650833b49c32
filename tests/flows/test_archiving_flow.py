"""A finished school year archived on both workbooks: closed records and their rows move to the year's archive,
checked before they leave; cut short at any step and run again, nothing is lost and nothing is there twice."""

import dataclasses
from collections import Counter
from datetime import datetime

import pytest

from connectors.workbook import WorkbookError
from fakes.accounts import service_account
from flows import archiving, intake, pipeline
from orientest.archives import TABS
from orientest.core.journal import JournalEntry, as_row, sending_row
from orientest.core.plan import RowAppend, held
from tests.factories import open_request
from tests.staff import set_cell

ARCHIVE_DAY = datetime(2026, 9, 2, 3, 0)
OPEN_TABS = (*TABS, "Archives")


def _request(record_id: str, status: str, day: str) -> dict[str, str]:
    sent = "02/09/2026 09:00:00" if record_id.startswith("DEM-2026") else "02/02/2026 09:00:00"
    return open_request(record_id, {"Date souhaitée": day, "Horodatage": sent}, status=status)


def _feedback(record_id: str) -> dict[str, str]:
    return {
        "Horodatage": "20/06/2026 17:00:00",
        "Jeton": f"{record_id}.AMB-00001.retour.x.y",
        "L'intervention a eu lieu": "Oui",
        "Nombre de participants": "25",
        "Traitée": "20/06/2026 18:00",
        "Demande": record_id,
        "Rôle": "demandeur",
    }


def _history(connectors) -> None:
    """Last school year: two requests over, one still « Réalisée »; this one: a request in search."""
    rows = [
        RowAppend("Demandes", _request("DEM-2025-00001", "Clôturée", "12/03/2026")),
        RowAppend("Demandes", _request("DEM-2025-00002", "Annulée", "14/04/2026")),
        RowAppend("Demandes", _request("DEM-2025-00003", "Réalisée", "30/06/2026")),
        RowAppend("Demandes", _request("DEM-2026-00001", "En recherche", "12/11/2026")),
        RowAppend("Retours", _feedback("DEM-2025-00001")),
        RowAppend("Retours", _feedback("DEM-2025-00003")),
        *(RowAppend("Indicateurs", _figure(month)) for month in ("2026-03", "2026-09")),
    ]
    for n, record_id in enumerate(["DEM-2025-00001", "DEM-2025-00002", "DEM-2025-00003", "DEM-2026-00001"]):
        entry = JournalEntry(datetime(2026, 3, 1 + n, 10), "matching", record_id, "statut : Proposée")
        rows.append(RowAppend("Journal", as_row(entry)))
        mail = JournalEntry(datetime(2026, 3, 1 + n, 10), "matching", record_id, "e-mail", result="envoyé")
        rows.append(RowAppend("Envois", {**sending_row(mail), "Clé d'idempotence": f"cle-{record_id}"}))
    connectors.workbook.write([], rows)


def _figure(month: str) -> dict[str, str]:
    return {
        "Mois": month,
        "Période": "mois",
        "Indicateur": "Demandes reçues",
        "Valeur": "12",
        "ID": f"{month}|mois|Demandes reçues|",
    }


def _ids(snapshot, tab: str) -> list[str]:
    column = "ID" if tab == "Demandes" else "Référence"
    return [row[column] for row in snapshot[tab].rows if row[column]]


def _share_an_archive(connectors, sheets_api, label: str) -> str:
    key = f"archives-{label}-{len(sheets_api.spreadsheets):04d}"
    sheets_api.create(key, {service_account().email}, title=f"Archives {label}")
    return f"https://docs.google.com/spreadsheets/d/{key}/edit"


def _ready(connectors, staff, request) -> None:
    """In Google, staff create the year's spreadsheet and paste its address, as the Archives tab asks."""
    if connectors.settings.backend != "google":
        return
    archiving.archive_finished_years(connectors, ARCHIVE_DAY)
    address = _share_an_archive(connectors, request.getfixturevalue("sheets_api"), "2025-2026")
    staff.edit("Archives", set_cell(2, "Classeur", address))


def _archive_dashboard(connectors) -> list:
    line = connectors.workbook.read(["Archives"])["Archives"].rows[0]
    target, _ = connectors.archive(line["ID"], line["Classeur"])
    return [row for row in target.read(["Tableau de bord"])["Tableau de bord"].rows if row["Indicateur"]]


def _archive(connectors):
    line = connectors.workbook.read(["Archives"])["Archives"].rows[0]
    target, _ = connectors.archive(line["ID"], line["Classeur"])
    return target.read(TABS)


def test_closed_requests_of_the_finished_year_move_with_their_rows_and_the_rest_stays(connectors, staff, request):
    _history(connectors)
    _ready(connectors, staff, request)

    (moved,) = archiving.archive_finished_years(connectors, ARCHIVE_DAY)

    live = connectors.workbook.read(OPEN_TABS)
    assert _ids(live, "Demandes") == ["DEM-2025-00003", "DEM-2026-00001"]
    assert [row["Demande"] for row in live["Retours"].rows] == ["DEM-2025-00003"]
    assert _ids(live, "Envois") == ["DEM-2025-00003", "DEM-2026-00001"]
    assert "DEM-2025-00001" not in _ids(live, "Journal")
    archived = _archive(connectors)
    assert _ids(archived, "Demandes") == ["DEM-2025-00001", "DEM-2025-00002"]
    assert [row["Demande"] for row in archived["Retours"].rows] == ["DEM-2025-00001"]
    assert _ids(archived, "Journal") == ["DEM-2025-00001", "DEM-2025-00002"]
    assert [row["Mois"] for row in connectors.workbook.read(["Indicateurs"])["Indicateurs"].rows] == ["2026-09"]
    (board,) = _archive_dashboard(connectors)
    assert (board["Année scolaire"], board["Indicateur"], board["Mars"]) == ("2025-2026", "Demandes reçues", "12")
    (line,) = live["Archives"].rows
    assert (line["ID"], line["État"], line["Lignes archivées"]) == ("2025-2026", "Archivée", "8")
    assert moved.removed == moved.copied == 8
    if connectors.settings.backend == "xlsx":
        assert line["Classeur"] == "Archives 2025-2026.xlsx"
    assert archiving.archive_finished_years(connectors, ARCHIVE_DAY) == []  # nothing left to do


def test_in_google_the_year_waits_for_the_spreadsheet_staff_create_and_nothing_leaves(request, tmp_path, referential):
    from tests.conftest import google_settings, initialised

    connectors = initialised(google_settings(tmp_path, request.getfixturevalue("sheets_api")), referential)
    _history(connectors)

    (moved,) = archiving.archive_finished_years(connectors, ARCHIVE_DAY)

    assert moved.removed == 0
    live = connectors.workbook.read(OPEN_TABS)
    assert len(_ids(live, "Demandes")) == 4
    (line,) = live["Archives"].rows
    assert line["État"] == "En attente du classeur d'archives"
    assert "Archives 2025-2026" in line["Comment faire"] and service_account().email in line["Comment faire"]
    pipeline.run(intake.STEP, connectors, ARCHIVE_DAY.replace(hour=9))
    todo = connectors.workbook.read(["À faire"])["À faire"].rows
    assert [(row["À faire"], row["Référence"]) for row in todo] == [("Archives de l'année", "Archives 2025-2026")]


class Cut(Exception):
    """The power goes at this point."""


class Cutting:
    """Our own Workbook protocol around a real one, cut short on the `at`-th call of `method`."""

    def __init__(self, real, method: str, at: int = 1):
        self.real, self.method, self.at, self.calls = real, method, at, 0

    def __getattr__(self, name):
        found = getattr(self.real, name)
        if name != self.method:
            return found

        def cut(*arguments, **named):
            self.calls += 1
            if self.calls == self.at:
                raise Cut(name)
            return found(*arguments, **named)

        return cut


STEPS = [
    ("archive", "ensure_layout", 1),
    ("archive", "write", 1),
    ("archive", "read", 2),
    ("live", "remove", 1),
    ("live", "write", 1),
]


def _contents(connectors) -> Counter:
    """Every row of both workbooks, wherever it is."""
    found: Counter = Counter()
    live = connectors.workbook.read(TABS)
    try:
        archived = _archive(connectors) if connectors.workbook.read(["Archives"])["Archives"].rows else {}
    except WorkbookError:  # cut short before the archive had its tabs
        archived = {}
    for snapshot in (live, archived):
        for tab in TABS:
            if tab in snapshot:
                found.update((tab, held(row.values)) for row in snapshot[tab].rows if held(row.values))
    return found


@pytest.mark.parametrize(("side", "method", "at"), STEPS)
def test_an_archive_cut_short_at_any_step_is_finished_by_the_next_run_with_nothing_lost_or_twice(
    connectors, staff, request, side, method, at
):
    _history(connectors)
    _ready(connectors, staff, request)
    before = Counter(
        (tab, held(row.values)) for tab, table in connectors.workbook.read(TABS).items() for row in table.rows
    )
    if side == "live":
        cut_connectors = dataclasses.replace(connectors, workbook=Cutting(connectors.workbook, method, at))
    else:
        cut_connectors = dataclasses.replace(connectors)
        real = connectors.archive
        object.__setattr__(cut_connectors, "archive", lambda label, address: _cut(real(label, address), method, at))

    with pytest.raises(Cut):
        archiving.archive_finished_years(cut_connectors, ARCHIVE_DAY)
    assert before - _contents(connectors) == Counter()  # cut short: every row is still in one workbook at least

    archiving.archive_finished_years(connectors, ARCHIVE_DAY)

    after = _contents(connectors)
    assert before - after == Counter()  # nothing lost
    assert {tab for tab, _ in (after - before).elements()} <= {"Journal"}  # nothing twice: only the move's own line
    assert _ids(connectors.workbook.read(["Demandes"]), "Demandes") == ["DEM-2025-00003", "DEM-2026-00001"]


def _cut(archive, method: str, at: int):
    target, name = archive
    return Cutting(target, method, at), name


def test_a_persons_data_in_the_archives_is_exported_and_erased_with_the_rest(tmp_path, referential):
    import json

    from typer.testing import CliRunner

    from cli.main import app
    from tests.conftest import initialised, local_settings

    connectors = initialised(local_settings(tmp_path), referential)
    _history(connectors)
    path, runner = connectors.settings.workbook, CliRunner()

    def invoke(*arguments) -> str:
        done = runner.invoke(app, [str(argument) for argument in arguments])
        assert done.exit_code == 0, done.output
        return done.output if arguments[0] == "rgpd" and arguments[1] == "export" else " ".join(done.output.split())

    assert "8 retirée(s)" in invoke("archiver", "--workbook", path, "--today", "2026-09-02")
    exported = json.loads(invoke("rgpd", "export", "demandeur00001@exemple.fr", "--workbook", path))
    assert [row["ID"] for row in exported["Demandes (archives 2025-2026)"]] == ["DEM-2025-00001"]

    assert "anonymisée(s)" in invoke("rgpd", "erase", "demandeur00001@exemple.fr", "--workbook", path, "--oui")
    assert json.loads(invoke("rgpd", "export", "demandeur00001@exemple.fr", "--workbook", path)) == {}
    archived = _archive(connectors)
    assert [row["Adresse e-mail"] for row in archived["Demandes"].rows] == ["anonymisé", "demandeur00002@exemple.fr"]


def test_retention_reaches_the_archives_once_the_period_is_over(connectors, staff, request):
    _history(connectors)
    _ready(connectors, staff, request)
    archiving.archive_finished_years(connectors, ARCHIVE_DAY)

    assert archiving.retain_in_archives(connectors, datetime(2028, 9, 2, 3)) == 0  # two years on: kept
    anonymised = archiving.retain_in_archives(connectors, datetime(2029, 9, 2, 3))  # three years after the last contact
    assert anonymised == 4  # the two requests and the sentence naming each in the Journal
    archived = _archive(connectors)
    assert {row["Adresse e-mail"] for row in archived["Demandes"].rows} == {"anonymisé"}
    assert {row["Événement"] for row in archived["Journal"].rows} == {""}
    assert archiving.retain_in_archives(connectors, datetime(2029, 10, 2, 3)) == 0  # not anonymised twice


def test_indicators_asked_for_a_month_of_an_archived_year_are_refused_not_recomputed_short(connectors, staff, request):
    from flows import indicators
    from orientest.archives.register import ArchivedYear

    _history(connectors)
    _ready(connectors, staff, request)
    archiving.archive_finished_years(connectors, ARCHIVE_DAY)

    with pytest.raises(ArchivedYear, match="2025-2026 est archivée"):
        pipeline.run(indicators.step_for("2026-03"), connectors, datetime(2026, 10, 1, 6))
    pipeline.run(indicators.step_for("2026-09"), connectors, datetime(2026, 10, 1, 6))  # this year's: computed


def test_the_live_spreadsheet_pasted_as_its_own_archive_is_refused_and_nothing_moves(request, tmp_path, referential):
    from tests.conftest import google_settings, initialised, staff_for

    api = request.getfixturevalue("sheets_api")
    connectors = initialised(google_settings(tmp_path, api), referential)
    _history(connectors)
    archiving.archive_finished_years(connectors, ARCHIVE_DAY)
    staff_for(connectors, api).edit("Archives", set_cell(2, "Classeur", connectors.settings.spreadsheet))

    (moved,) = archiving.archive_finished_years(connectors, ARCHIVE_DAY)

    live = connectors.workbook.read(OPEN_TABS)
    assert moved.removed == 0 and len(_ids(live, "Demandes")) == 4
    assert "est le classeur principal lui-même" in live["Archives"].rows[0]["Comment faire"]


def test_a_year_waiting_for_its_spreadsheet_is_archived_by_the_night_after_staff_paste_it_even_in_october(
    request, tmp_path, referential
):
    from flows.housekeeping import archive_and_retain
    from tests.conftest import google_settings, initialised, staff_for

    api = request.getfixturevalue("sheets_api")
    connectors = initialised(google_settings(tmp_path, api), referential)
    _history(connectors)
    assert archive_and_retain(connectors, ARCHIVE_DAY)["lignes archivées"] == 0
    assert archive_and_retain(connectors, datetime(2026, 10, 14, 3)) == {"lignes archivées": 0}  # still waiting
    staff_for(connectors, api).edit(
        "Archives", set_cell(2, "Classeur", _share_an_archive(connectors, api, "2025-2026"))
    )

    assert archive_and_retain(connectors, datetime(2026, 10, 15, 3)) == {"lignes archivées": 8}
    assert archive_and_retain(connectors, datetime(2026, 10, 16, 3)) == {}  # done: the nights after read nothing more


def test_rows_left_behind_by_a_removal_cut_short_leave_the_next_night_even_in_october(connectors, staff, request):
    from flows.housekeeping import archive_and_retain
    from orientest.archives import register

    _history(connectors)
    _ready(connectors, staff, request)
    cut = dataclasses.replace(connectors, workbook=Cutting(connectors.workbook, "remove"))
    with pytest.raises(Cut):
        archiving.archive_finished_years(cut, ARCHIVE_DAY)
    (line,) = connectors.workbook.read(["Archives"])["Archives"].rows
    assert line["État"] == register.REMOVING  # copied and checked, not yet gone: said, and the next night goes on

    assert archive_and_retain(connectors, datetime(2026, 10, 14, 3)) == {"lignes archivées": 8}

    live = connectors.workbook.read(OPEN_TABS)
    assert _ids(live, "Demandes") == ["DEM-2025-00003", "DEM-2026-00001"]
    (line,) = live["Archives"].rows
    assert (line["État"], line["Lignes archivées"]) == ("Archivée", "8")
    assert archive_and_retain(connectors, datetime(2026, 10, 15, 3)) == {}
