"""The Google workbook through the real gspread and google-auth code, against the local fake of the Sheets API."""

import time

import pytest
import requests

from connectors.google_api import SlidingWindowLimiter
from connectors.wiring import connect
from connectors.workbook import WorkbookError
from fakes.accounts import service_account
from fakes.sheets_api import Fault, Formula
from orientest.core.plan import RowAppend, RowKey, RowUpdate
from tests.conftest import google_settings, initialised
from tests.factories import request_answers
from tests.staff import SheetsStaff, column

APPEND = "sheets.spreadsheets.values.append"
BATCH_GET = "sheets.spreadsheets.values.batchGet"
WRITE = "sheets.spreadsheets.values.batchUpdate"
METADATA = "sheets.spreadsheets.get"


@pytest.fixture
def google(tmp_path, sheets_api, referential):
    return initialised(google_settings(tmp_path, sheets_api), referential)


@pytest.fixture
def staff(google, sheets_api):
    return SheetsStaff(sheets_api, google.workbook.key)


def _requests_with_ids(google, count, first=1):
    answers = [request_answers({"Adresse e-mail": f"cpe{n}@exemple.fr"}) for n in range(first, first + count)]
    google.workbook.write([], [RowAppend("Demandes", a) for a in answers])
    rows = google.workbook.read(["Demandes"])["Demandes"].rows
    ids = [
        RowUpdate("Demandes", RowKey(locator=_locator(row)), {"ID": f"DEM-{n:05d}"})
        for n, row in enumerate(rows, start=1)
        if not row["ID"]
    ]
    google.workbook.write(ids, [])


def _locator(row):
    from orientest.core.fingerprint import locator
    from orientest.core.schema import REQUESTS

    return locator(row, REQUESTS)


def _drop_column(title):
    def change(grid):
        position = column(grid, title)
        for line in grid:
            if len(line) > position:
                line.pop(position)

    return change


def _calls_during(api, action):
    before = len(api.calls)
    action()
    return api.calls[before:]


def test_a_read_of_many_tabs_is_one_request_and_a_write_one_per_kind(google, sheets_api):
    _requests_with_ids(google, 3)
    reading = _calls_during(sheets_api, lambda: google.workbook.read(["Demandes", "Ambassadeurs", "Journal"]))
    assert reading == [BATCH_GET]  # the tabs' names were fetched once, at the run's first call
    updates = [
        RowUpdate("Demandes", RowKey(id=f"DEM-{n:05d}"), {"Statut": "En recherche", "Anomalies": ""}) for n in (1, 2, 3)
    ]
    journal = [RowAppend("Journal", {"Référence": f"DEM-{n:05d}", "Action": "statut"}) for n in (1, 2, 3)]
    writing = _calls_during(sheets_api, lambda: google.workbook.write(updates, journal))
    assert writing == [BATCH_GET, WRITE, APPEND]


def test_the_number_of_requests_does_not_grow_with_the_rows(google, sheets_api):
    def write_statuses(count):
        updates = [
            RowUpdate("Demandes", RowKey(id=f"DEM-{n:05d}"), {"Statut": "En recherche"}) for n in range(1, count + 1)
        ]
        return _calls_during(sheets_api, lambda: google.workbook.write(updates, [RowAppend("Journal", {"Flux": "x"})]))

    _requests_with_ids(google, 10)
    few = write_statuses(10)
    _requests_with_ids(google, 490, first=11)
    assert write_statuses(500) == few


def test_leading_zeros_decimal_commas_and_formulas_stay_text(google, staff):
    answers = request_answers({"Téléphone": "0612345678", "Durée (heures)": "3,5", "Code UAI": "0671234A"})
    google.workbook.write([], [RowAppend("Demandes", answers)])
    google.workbook.write([], [RowAppend("Journal", {"Détail": '=HYPERLINK("http://x")', "Référence": "+33 6"})])
    (row,) = google.workbook.read(["Demandes"])["Demandes"].rows
    assert (row["Téléphone"], row["Durée (heures)"], row["Code UAI"]) == ("0612345678", "3,5", "0671234A")
    assert staff.formulas() == 0
    (entry,) = google.workbook.read(["Journal"])["Journal"].rows
    assert (entry["Détail"], entry["Référence"]) == ('=HYPERLINK("http://x")', "+33 6")


def test_the_fake_would_catch_user_entered_values(google, sheets_api):
    """The trap the RAW option avoids, shown on the fake: typed-in values lose their zeros and become formulas."""
    body = {
        "valueInputOption": "USER_ENTERED",
        "data": [{"range": "'Journal'!A2:B2", "values": [["0612345678", "=1+1"]]}],
    }
    google.workbook.client.values_batch_update(google.workbook.key, body)
    journal = SheetsStaff(sheets_api, google.workbook.key)
    assert journal.grid("Journal")[1][:2] == ["612345678", "#NAME?"] and journal.formulas() == 1


def test_the_fake_refuses_requests_google_would_refuse(google):
    with pytest.raises(WorkbookError, match="Unknown name"):
        with google.workbook._google():
            google.workbook.client.values_batch_update(
                google.workbook.key, {"valueInputOption": "RAW", "data": [{"range": "'Journal'!A2", "rows": [["x"]]}]}
            )
    with pytest.raises(WorkbookError, match="Invalid value"):
        with google.workbook._google():
            google.workbook.client.values_batch_get(
                google.workbook.key, ["'Journal'"], params={"valueRenderOption": "TEXT"}
            )


def test_rows_sorted_and_added_between_read_and_write_get_their_own_values(google, staff):
    _requests_with_ids(google, 3)
    google.workbook.read(["Demandes"])
    staff.edit("Demandes", lambda grid: grid[1:4].reverse() or grid.__setitem__(slice(1, 4), grid[3:0:-1]))
    staff.edit("Demandes", lambda grid: grid.insert(1, ["01/10/2026 08:00:00", "nouvelle@exemple.fr"]))
    updates = [RowUpdate("Demandes", RowKey(id=f"DEM-{n:05d}"), {"Statut": f"statut {n}"}) for n in (1, 2, 3)]
    report = google.workbook.write(updates, [])
    assert report.written == 3 and not report.not_found
    rows = google.workbook.read(["Demandes"])["Demandes"].rows
    assert {r["ID"]: r["Statut"] for r in rows} == {
        "": "",
        "DEM-00001": "statut 1",
        "DEM-00002": "statut 2",
        "DEM-00003": "statut 3",
    }
    assert rows[0]["Adresse e-mail"] == "nouvelle@exemple.fr" and rows[0]["Statut"] == ""


def test_a_staff_action_typed_since_the_read_is_not_cleared(google, staff):
    _requests_with_ids(google, 1)
    staff.edit("Demandes", lambda grid: grid[1].__setitem__(column(grid, "Action"), "Relancer"))
    clear = RowUpdate("Demandes", RowKey(id="DEM-00001"), {"Action": ""}, expect={"Action": "Annuler"})
    report = google.workbook.write([clear], [])
    assert report.not_found == ["Demandes : DEM-00001"]
    assert google.workbook.read(["Demandes"])["Demandes"].rows[0]["Action"] == "Relancer"


def test_a_missing_flow_column_is_added_at_the_right_end_growing_the_grid(google, staff, sheets_api):
    _requests_with_ids(google, 1)
    staff.edit("Demandes", _drop_column("Empreinte"))
    sheet = next(s for s in sheets_api.spreadsheets[google.workbook.key].sheets if s.title == "Demandes")
    sheet.column_count = len(sheet.cells[0])
    google.workbook.write([RowUpdate("Demandes", RowKey(id="DEM-00001"), {"Empreinte": "abc"})], [])
    grid = staff.grid("Demandes")
    assert grid[0][-1] == "Empreinte" and grid[1][-1] == "abc"


def test_429s_are_waited_out_and_the_read_succeeds(google, sheets_api):
    sheets_api.inject(Fault(BATCH_GET, status=429, times=3))
    calls = _calls_during(sheets_api, lambda: google.workbook.read(["Demandes"]))
    assert calls.count(BATCH_GET) == 4


def test_retries_stop_within_their_budget_with_a_french_message(tmp_path, sheets_api, referential):
    google = initialised(google_settings(tmp_path, sheets_api, google_retry_attempts=4), referential)
    sheets_api.inject(Fault(None, status=429, times=100))
    with pytest.raises(WorkbookError, match="Google Sheets a répondu 429 à plusieurs reprises"):
        google.workbook.read(["Demandes"])
    assert sheets_api.faults[0].times == 100 - 4
    sheets_api.faults.clear()


def test_a_client_error_is_not_retried(google, sheets_api):
    sheets_api.inject(Fault(BATCH_GET, status=400, times=5))
    calls = _calls_during(sheets_api, lambda: pytest.raises(WorkbookError, google.workbook.read, ["Demandes"]))
    assert calls.count(BATCH_GET) == 1
    sheets_api.faults.clear()


def test_an_append_answered_503_after_it_landed_is_not_made_twice(google, sheets_api):
    sheets_api.inject(Fault(APPEND, status=503, after=True))
    google.workbook.write([], [RowAppend("Journal", {"Référence": "DEM-1", "Clé d'idempotence": "k1"})])
    assert [r["Clé d'idempotence"] for r in google.workbook.read(["Journal"])["Journal"].rows] == ["k1"]


def test_an_append_refused_before_it_landed_is_made_once(google, sheets_api):
    sheets_api.inject(Fault(APPEND, status=500))
    calls = _calls_during(sheets_api, lambda: google.workbook.write([], [RowAppend("Journal", {"Référence": "D"})]))
    assert [call for call in calls if call != METADATA] == [BATCH_GET, APPEND, BATCH_GET, APPEND]
    assert len(google.workbook.read(["Journal"])["Journal"].rows) == 1


def test_a_slow_answer_times_out_and_is_asked_again(tmp_path, sheets_api, referential):
    google = initialised(google_settings(tmp_path, sheets_api, google_timeout=0.3), referential)
    sheets_api.inject(Fault(BATCH_GET, delay=1.0))
    calls = _calls_during(sheets_api, lambda: google.workbook.read(["Demandes"]))
    assert calls.count(BATCH_GET) == 2


def test_a_write_that_times_out_is_rewritten_with_the_same_cells(tmp_path, sheets_api, referential):
    google = initialised(google_settings(tmp_path, sheets_api, google_timeout=0.3), referential)
    _requests_with_ids(google, 1)
    sheets_api.inject(Fault(WRITE, delay=1.0))
    google.workbook.write([RowUpdate("Demandes", RowKey(id="DEM-00001"), {"Statut": "En recherche"})], [])
    assert google.workbook.read(["Demandes"])["Demandes"].rows[0]["Statut"] == "En recherche"


def test_a_spreadsheet_not_shared_with_the_service_account_is_explained(tmp_path, sheets_api):
    settings = google_settings(tmp_path, sheets_api)
    sheets_api.spreadsheets[connect(settings).workbook.key].shared_with.clear()
    with pytest.raises(WorkbookError, match="n'est pas partagé avec le compte de service orientest@.*« Éditeur »"):
        connect(settings).workbook.read(["Demandes"])


def test_an_unknown_spreadsheet_is_explained(tmp_path, sheets_api):
    settings = google_settings(tmp_path, sheets_api).model_copy(update={"spreadsheet": "cle-qui-n-existe-pas"})
    with pytest.raises(WorkbookError, match="Classeur Google introuvable : cle-qui-n-existe-pas"):
        connect(settings).workbook.read(["Demandes"])


def test_a_revoked_key_is_explained(tmp_path, sheets_api):
    settings = google_settings(tmp_path, sheets_api)
    sheets_api.revoked.add(service_account().email)
    try:
        with pytest.raises(WorkbookError, match="Google refuse la clé du compte de service"):
            connect(settings).workbook.read(["Demandes"])
    finally:
        sheets_api.revoked.clear()


def test_a_renamed_tab_whose_headers_no_longer_say_what_it_is_is_named_in_the_message(google, staff, sheets_api):
    sheet = next(s for s in sheets_api.spreadsheets[google.workbook.key].sheets if s.title == "Demandes")
    sheet.title = "Demandes (ancien)"
    sheet.cells[0][0] = "Date"  # « Horodatage » gone: not recognisable as the request form's answers either
    with pytest.raises(WorkbookError, match="Onglet « Demandes » introuvable dans le classeur Google"):
        connect(google.settings).workbook.read(["Demandes"])


def test_a_tab_renamed_during_a_run_is_found_again_by_its_name(google, sheets_api):
    google.workbook.read(["Demandes", "Journal"])
    sheet = next(s for s in sheets_api.spreadsheets[google.workbook.key].sheets if s.title == "Journal")
    sheet.title = "journal"  # same tab for the flows: case and accents do not count
    google.workbook.write([], [RowAppend("Journal", {"Référence": "DEM-1"})])
    assert google.workbook.read(["Journal"])["Journal"].rows[0]["Référence"] == "DEM-1"


def test_credentials_ask_for_the_spreadsheets_scope_only(google, sheets_api):
    assert google.workbook.client.auth.scopes == ("https://www.googleapis.com/auth/spreadsheets",)


def test_the_limiter_never_lets_more_than_its_budget_through_in_a_minute():
    now = [0.0]
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    limiter = SlidingWindowLimiter(50, clock=lambda: now[0], sleep=sleep)
    moments = []
    for _ in range(120):
        limiter.acquire()
        moments.append(now[0])
        now[0] += 0.1
    assert max(sum(1 for m in moments if start <= m < start + 60) for start in moments) == 50
    assert waits and moments[-1] < 150


def test_a_connection_refused_is_explained(tmp_path, sheets_api, referential):
    settings = google_settings(tmp_path, sheets_api).model_copy(update={"sheets_api_root": "http://127.0.0.1:9/"})
    with pytest.raises(WorkbookError, match="injoignable"):
        connect(settings).workbook.read(["Demandes"])
    assert issubclass(requests.ConnectionError, requests.RequestException)


def test_init_dresses_the_tabs_and_leaves_form_answers_alone(tmp_path, sheets_api, referential):
    settings = google_settings(tmp_path, sheets_api)
    key = connect(settings).workbook.key
    spreadsheet = sheets_api.spreadsheets[key]
    form_tab = sheets_api.add_sheet(spreadsheet, "Demandes", row_count=1000, column_count=22)
    answers = request_answers({"Téléphone": "0612345678"})
    form_tab.cells = [list(answers), list(answers.values())]
    initialised(settings, referential)
    connect(settings).workbook.ensure_layout({})  # twice: nothing added twice
    staff = SheetsStaff(sheets_api, key)
    form_tab = spreadsheet.sheet("Demandes")
    grid = staff.grid("Demandes")
    assert grid[1][: len(answers)] == list(answers.values()) and len(grid[1]) == len(answers)
    assert grid[0][len(answers) :] == [
        "ID",
        "Statut",
        "Ambassadeur",
        "Nom de l'ambassadeur",
        "Proposée à",
        "Proposée à (nom)",
        "Motif",
        "Pistes",
        "Date confirmée",
        "Anomalies",
        "Mis à jour le",
        "Empreinte",
        "Affectation manuelle",
        "Action",
        "Lien de la visio",
        "Valeurs retenues",
    ]
    assert form_tab.frozen_rows == 1 and form_tab.column_count >= len(grid[0])
    protected = {(p["range"]["startColumnIndex"], p["warningOnly"]) for p in form_tab.protected_ranges}
    assert protected == {
        (grid[0].index(title), True)
        for title in (
            "ID",
            "Statut",
            "Ambassadeur",
            "Nom de l'ambassadeur",
            "Proposée à",
            "Proposée à (nom)",
            "Motif",
            "Pistes",
            "Date confirmée",
            "Anomalies",
            "Mis à jour le",
            "Empreinte",
            "Valeurs retenues",
        )
    }
    assert len(form_tab.protected_ranges) == 13
    statuses = [
        rule["booleanRule"]["condition"]["values"][0]["userEnteredValue"] for rule in form_tab.conditional_formats
    ]
    assert len(statuses) == len(set(statuses)) and "Sans solution" in statuses
    lists = {v["range"]["startColumnIndex"]: v["rule"]["condition"]["values"] for v in form_tab.validations}
    assert [v["userEnteredValue"] for v in lists[grid[0].index("Action")]] == [
        "Annuler",
        "Relancer",
        "Rouvrir",
        "Accepter l'autre date",
    ]
    assert [s.title for s in spreadsheet.sheets][:3] == ["À faire", "Demandes", "Ambassadeurs"]
    assert len(staff.grid("Bassins")) == 5116
    assert not any(isinstance(cell, Formula) for sheet in spreadsheet.sheets for line in sheet.cells for cell in line)


def test_the_spreadsheet_is_named_by_its_address_or_its_key():
    from connectors.google_api import spreadsheet_key

    address = "https://docs.google.com/spreadsheets/d/1AbC-dEf_GhIjKlMnOpQ/edit#gid=0"
    assert spreadsheet_key(address) == spreadsheet_key("1AbC-dEf_GhIjKlMnOpQ") == "1AbC-dEf_GhIjKlMnOpQ"
    with pytest.raises(WorkbookError, match="ni l'adresse ni la clé d'un classeur Google"):
        spreadsheet_key("mon classeur")


def test_without_a_service_account_key_the_operator_is_told_where_to_put_one(tmp_path, sheets_api):
    settings = google_settings(tmp_path, sheets_api).model_copy(update={"google_credentials": None})
    with pytest.raises(WorkbookError, match="ORIENTEST_GOOGLE_CREDENTIALS_FILE"):
        connect(settings)


def test_a_short_429_storm_is_waited_out_with_growing_pauses(tmp_path, sheets_api, referential):
    google = initialised(
        google_settings(tmp_path, sheets_api, google_retry_base=0.2, google_retry_attempts=8, google_retry_budget=10.0),
        referential,
    )
    sheets_api.inject(Fault(None, status=429, until=time.monotonic() + 0.3))
    started = time.monotonic()
    calls = _calls_during(sheets_api, lambda: google.workbook.read(["Demandes"]))
    assert time.monotonic() - started >= 0.3
    assert 2 <= len(calls) <= 8  # a few spaced attempts, not a hammering loop


def test_a_minute_of_429s_costs_a_few_spaced_requests_then_a_clean_stop(tmp_path, sheets_api, referential):
    """Production settings (6 attempts, pauses from 1 s doubling, 2 minutes at most); the pauses are only counted."""
    google = initialised(
        google_settings(
            tmp_path, sheets_api, google_retry_base=1.0, google_retry_budget=120.0, google_retry_attempts=6
        ),
        referential,
    )
    pauses = []
    google.workbook.client.sleep = pauses.append
    sheets_api.inject(Fault(None, status=429, until=time.monotonic() + 60))
    try:
        calls = _calls_during(sheets_api, lambda: pytest.raises(WorkbookError, google.workbook.read, ["Demandes"]))
    finally:
        sheets_api.faults.clear()
    assert len(calls) == 6 and len(pauses) == 5
    assert all(0 <= pause <= min(32, 2**n) for n, pause in enumerate(pauses))


def test_init_gives_sheets_users_a_filter_task_views_header_notes_and_hides_bookkeeping(
    tmp_path, sheets_api, referential
):
    settings = google_settings(tmp_path, sheets_api)
    key = connect(settings).workbook.key
    spreadsheet = sheets_api.spreadsheets[key]
    form_tab = sheets_api.add_sheet(spreadsheet, "Demandes", row_count=1000, column_count=22)
    answers = request_answers()
    form_tab.cells = [list(answers), list(answers.values())]
    initialised(settings, referential)
    connect(settings).workbook.ensure_layout({})  # twice: no filter view twice
    grid = SheetsStaff(sheets_api, key).grid("Demandes")
    requests_tab, journal = spreadsheet.sheet("Demandes"), spreadsheet.sheet("Journal")

    assert spreadsheet.sheets[0].title == "À faire"
    assert requests_tab.basic_filter and journal.basic_filter and spreadsheet.sheet("À faire").basic_filter
    views = {view["title"]: view for view in requests_tab.filter_views}
    assert sorted(views) == ["Anomalies", "Cette semaine", "Sans solution"]
    (spec,) = views["Sans solution"]["filterSpecs"]
    assert spec["columnIndex"] == grid[0].index("Statut")
    assert spec["filterCriteria"]["condition"]["values"] == [{"userEnteredValue": "Sans solution"}]
    assert [v["title"] for v in spreadsheet.sheet("Ambassadeurs").filter_views] == ["À valider"]
    assert requests_tab.notes[(0, 0)] == "Réponse au formulaire : orientest ne la modifie jamais."
    assert requests_tab.notes[(0, grid[0].index("Action"))].startswith("Annuler, Relancer, Rouvrir")
    hidden = {journal.cells[0][n] for n in journal.hidden_columns}
    assert hidden == {"Clé d'idempotence", "Données"}
    assert {grid[0][n] for n in requests_tab.hidden_columns} == {"Empreinte", "Valeurs retenues"}


def test_days_and_numbers_are_written_as_such_and_read_back_as_staff_see_them(google, sheets_api):
    _requests_with_ids(google, 1)
    google.workbook.write(
        [RowUpdate("Demandes", RowKey(id="DEM-00001"), {"Date confirmée": "16/11/2026", "Motif": "06 12 34 56 78"})],
        [
            RowAppend("Indicateurs", {"ID": "x", "Valeur": "0,885"}),
            RowAppend("Indicateurs", {"ID": "y", "Valeur": "3"}),
        ],
    )
    sheet = sheets_api.spreadsheets[google.workbook.key].sheet("Demandes")
    header = sheet.cells[0]
    line = sheet.cells[1]
    assert line[header.index("Date confirmée")] == 46342  # a serial day under a JJ/MM/AAAA format: it sorts
    assert line[header.index("Date souhaitée")] == 46336  # the test's form answers too (Google Forms writes dates)
    assert line[header.index("Motif")] == "06 12 34 56 78"  # text stays text
    indicators = sheets_api.spreadsheets[google.workbook.key].sheet("Indicateurs").cells
    assert [row[indicators[0].index("Valeur")] for row in indicators[1:]] == [0.885, 3]  # numbers: they sum
    (request,) = google.workbook.read(["Demandes"])["Demandes"].rows
    assert (request["Date confirmée"], request["Date souhaitée"]) == ("16/11/2026", "10/11/2026")
    assert [r["Valeur"] for r in google.workbook.read(["Indicateurs"])["Indicateurs"].rows] == ["0,885", "3"]

    sheet.date_columns.clear()  # a spreadsheet `init` has not dressed yet: Sheets shows the serial
    assert google.workbook.read(["Demandes"])["Demandes"].rows[0]["Date confirmée"] == "16/11/2026"
