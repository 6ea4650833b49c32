"""Requests to the Google Sheets API per flow run, counted by the local fake, against a per-row gspread script.

    python -m bench.sheets_requests [--sizes 10 1000 10000]

For each size, a fresh spreadsheet receives that many new requests (and a quarter as many signups) from the forms;
then each flow runs once, with its own connectors as in production, and the fake counts what it received. The
baseline reads the same rows the way most scripts do (open, worksheet, get_all_values) and writes each new row's ID
and status with one `update` and one journal `append_row` per row. Prints one JSON object.
"""

import argparse
import json
import tempfile
from datetime import datetime
from pathlib import Path

import gspread
from google.auth.transport.requests import AuthorizedSession

from cli.forms import stand_in_layout
from cli.seed import Seeder
from connectors.google_api import GOOGLE_ROOT, Redirect, service_account
from connectors.referential import load_referential
from connectors.settings import PROJECT_ROOT, Settings
from connectors.wiring import connect
from fakes.google import fake_google_settings
from fakes.sheets_api import FakeSheetsApi
from flows import pipeline
from flows.registry import STEPS
from orientest.core.plan import RowAppend

FLOWS = ("intake", "matching", "followup", "housekeeping", "indicators")
START = datetime(2026, 9, 7)
NOW = datetime(2026, 10, 1, 18, 0)


def flow_requests(api: FakeSheetsApi, directory: Path, size: int) -> dict[str, int]:
    """Sheets API requests of each flow's run over `size` new form rows."""
    settings = fake_google_settings(api, directory)
    referential = load_referential(PROJECT_ROOT / "data")
    connect(settings).workbook.ensure_layout(stand_in_layout(referential))
    _staff_edit(api, settings, "Paramètres", _no_daily_cap)
    _forms_fill(settings, size)
    counts = {}
    for name in FLOWS:
        if name == "matching":
            _staff_edit(api, settings, "Ambassadeurs", _activate_everyone)
        before = api.count()
        pipeline.run(STEPS[name], connect(settings), NOW)  # new connectors: each run fetches the tab names anew
        counts[name] = api.count() - before
    return counts


def baseline_requests(api: FakeSheetsApi, directory: Path, size: int) -> int:
    """The same new rows given an ID and a status the usual way: one request (or two) per row."""
    settings = fake_google_settings(api, directory)
    connect(settings).workbook.ensure_layout({})
    _forms_fill(settings, size, ambassadors=0)
    before = api.count()
    client = gspread.Client(None, session=_session(settings))
    spreadsheet = client.open_by_key(connect(settings).workbook.key)
    requests_tab, journal = spreadsheet.worksheet("Demandes"), spreadsheet.worksheet("Journal")
    rows = requests_tab.get_all_values()
    id_column = rows[0].index("ID") + 1
    for line, row in enumerate(rows[1:], start=2):
        if not row[id_column - 1]:
            record = f"DEM-2026-{line - 1:05d}"
            requests_tab.update(
                [[record, "En recherche"]], gspread.utils.rowcol_to_a1(line, id_column), value_input_option="RAW"
            )
            journal.append_row(
                [NOW.strftime("%d/%m/%Y %H:%M"), "intake", record, "statut : En recherche"], value_input_option="RAW"
            )
    return api.count() - before


def _session(settings: Settings) -> AuthorizedSession:
    session = AuthorizedSession(service_account(settings.google_credentials.get_secret_value()))
    session.mount(GOOGLE_ROOT, Redirect(settings.sheets_api_root))
    return session


def _forms_fill(settings: Settings, size: int, ambassadors: int | None = None) -> None:
    seeder = Seeder(load_referential(PROJECT_ROOT / "data"), seed=size, messy_share=0.1)
    rows = [RowAppend("Demandes", row) for row in seeder.requests(size, START, 21)]
    people = max(size // 4, 5) if ambassadors is None else ambassadors
    rows += [RowAppend("Ambassadeurs", row) for row in seeder.ambassadors(people, START, 14)]
    connect(settings).workbook.write([], rows)


def _staff_edit(api: FakeSheetsApi, settings: Settings, tab: str, change) -> None:
    with api.lock:
        change(next(s for s in api.spreadsheets[connect(settings).workbook.key].sheets if s.title == tab).cells)


def _no_daily_cap(cells: list[list]) -> None:
    """A bulk import: staff lift the day's e-mail cap, so that every row goes through the one run measured."""
    for line in cells:
        if line[0] == "Plafond quotidien d'e-mails":
            line[1] = "100000"  # the most `Paramètres` accepts: a larger one is refused and 1,500 kept


def _activate_everyone(cells: list[list]) -> None:
    """What staff do by hand between intake and matching: every signup checked and set `Actif`."""
    status = cells[0].index("Statut")
    for line in cells[1:]:
        if len(line) > status and line[status] == "À valider":
            line[status] = "Actif"


def measure(sizes: list[int]) -> dict:
    by_flow: dict[str, dict[str, int]] = {name: {} for name in FLOWS}
    baseline: dict[str, int] = {}
    with FakeSheetsApi() as api, tempfile.TemporaryDirectory() as directory:
        for size in sizes:
            for name, count in flow_requests(api, Path(directory) / f"flows-{size}", size).items():
                by_flow[name][str(size)] = count
            baseline[str(size)] = baseline_requests(api, Path(directory) / f"baseline-{size}", size)
            api.spreadsheets.clear()  # memory: each size on its own spreadsheet, dropped once counted
    return {**by_flow, "baseline_per_row": baseline}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 1000, 10000])
    print(json.dumps({"sheets_requests": measure(parser.parse_args().sizes)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
