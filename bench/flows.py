"""Each flow at the scale of a busy year: seconds and peak memory, on the .xlsx and on the (fake) Google workbook.

    python -m bench.flows [--ambassadors 5000] [--requests 20000] [--feedback 50000]

The workbook is in steady state: ambassadors active, requests processed (a tenth still searching, the rest
confirmed, done or closed), feedback processed, plus a day's new form answers (1 %). Each flow runs in a process of
its own (its peak memory is its own; the fake Google server lives in this one) on a fresh copy of the workbook.
"""

import argparse
import copy
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from bench.figures import summary
from bench.sheets_requests import NOW, START, _no_daily_cap, _staff_edit
from cli.forms import stand_in_layout
from cli.seed import Seeder
from connectors.referential import load_referential
from connectors.settings import PROJECT_ROOT, Settings
from connectors.wiring import connect
from fakes.google import fake_google_settings, settings_in
from fakes.sheets_api import FakeSheetsApi
from flows import pipeline
from flows.registry import STEPS
from orientest.core.fingerprint import content_fingerprint
from orientest.core.plan import RowAppend
from orientest.core.schema import AMBASSADORS, REQUESTS, Row

FLOWS = ("intake", "matching", "followup", "housekeeping", "indicators")
STATUSES = (
    "En recherche",
    "Confirmée",
    "Réalisée",
    "Clôturée",
    "Clôturée",
    "Réalisée",
    "Confirmée",
    "Clôturée",
    "Clôturée",
    "Clôturée",
)  # one in ten still searching


def busy_year(ambassadors: int, requests: int, feedback: int) -> list[RowAppend]:
    seeder = Seeder(load_referential(PROJECT_ROOT / "data"), seed=7, messy_share=0.0)
    rows = []
    for n, answers in enumerate(seeder.ambassadors(ambassadors, START, 14), start=1):
        rows.append(
            RowAppend(
                "Ambassadeurs",
                {
                    **answers,
                    "ID": f"AMB-{n:05d}",
                    "Statut": "Actif",
                    "Charte acceptée (version)": "2026",
                    "Empreinte": content_fingerprint(Row(0, answers), AMBASSADORS),
                },
            )
        )
    for n, answers in enumerate(seeder.requests(requests, START, 21), start=1):
        rows.append(
            RowAppend(
                "Demandes",
                {
                    **answers,
                    "ID": f"DEM-2026-{n:05d}",
                    "Statut": STATUSES[n % 10],
                    "Empreinte": content_fingerprint(Row(0, answers), REQUESTS),
                },
            )
        )
    for n in range(feedback):
        rows.append(
            RowAppend(
                "Retours",
                {
                    "Horodatage": "20/11/2026 17:00:00",
                    "Jeton": f"DEM-2026-{n % requests + 1:05d}.AMB-00001.retour.x",
                    "L'intervention a eu lieu": "Oui",
                    "Nombre de participants": "25",
                    "Satisfaction": "4",
                    "Aide à l'orientation": "3",
                    "Traitée": "20/11/2026 18:00",
                    "Demande": f"DEM-2026-{n % requests + 1:05d}",
                    "Rôle": "demandeur",
                },
            )
        )
    news = max(requests // 100, 1)
    rows += [RowAppend("Demandes", answers) for answers in seeder.requests(news, NOW.replace(hour=8), 0)]
    return rows


def _run_one(arguments: list[str]) -> dict:
    """In a process of its own: one flow, its seconds and peak memory."""
    settings = Settings.model_validate_json(arguments[0])
    now = datetime.fromisoformat(arguments[2]) if len(arguments) > 2 else NOW
    started = time.perf_counter()
    pipeline.run(STEPS[arguments[1]], connect(settings), now)
    return {"seconds": round(time.perf_counter() - started, 2), "peak_mb": peak_mb()}


def peak_mb() -> int:
    """This process's own high-water mark (`ru_maxrss` would count the parent it was forked from)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _in_child(settings: Settings, flow: str, now: datetime = NOW) -> dict:
    secrets = {name: value.get_secret_value() for name, value in settings if hasattr(value, "get_secret_value")}
    payload = json.dumps({**json.loads(settings.model_dump_json()), **secrets})
    done = subprocess.run(
        [sys.executable, "-m", "bench.flows", "--child", payload, flow, now.isoformat()],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(ambassadors: int, requests: int, feedback: int, repeat: int = 3) -> dict:
    """Median seconds and peak memory of `repeat` runs of each flow, each on a fresh copy of the busy year."""
    rows = busy_year(ambassadors, requests, feedback)
    referential = load_referential(PROJECT_ROOT / "data")
    results: dict[str, dict] = {name: {} for name in FLOWS}
    with tempfile.TemporaryDirectory() as directory, FakeSheetsApi() as api:
        base = Path(directory)
        template = settings_in(base / "modele")
        _fill(template, rows, referential)
        google = fake_google_settings(api, base / "google", google_requests_per_minute=50)
        _fill(google, rows, referential, api)
        pristine = copy.deepcopy(api.spreadsheets[connect(google).workbook.key])
        for name in FLOWS:
            runs: dict[str, list[dict]] = {"xlsx": [], "google": []}
            for attempt in range(repeat):
                copy_dir = base / f"xlsx-{name}-{attempt}"
                copy_dir.mkdir()
                shutil.copy(template.workbook, copy_dir / "classeur.xlsx")
                runs["xlsx"].append(_in_child(settings_in(copy_dir), name))
                api.spreadsheets[pristine.key] = copy.deepcopy(pristine)
                runs["google"].append(_in_child(google, name))
                shutil.rmtree(google.outbox, ignore_errors=True)
                shutil.rmtree(google.state_dir, ignore_errors=True)
            results[name] = {backend: _figures(backend_runs) for backend, backend_runs in runs.items()}
    return results


def _figures(runs: list[dict]) -> dict:
    seconds, peaks = summary([r["seconds"] for r in runs]), summary([r["peak_mb"] for r in runs])
    return {
        "seconds": round(seconds["median"], 1),
        "peak_mb": round(peaks["median"]),
        "seconds_min": round(seconds["min"], 1),
        "seconds_max": round(seconds["max"], 1),
        "peak_mb_max": round(peaks["max"]),
        "runs": len(runs),
    }


def _fill(settings: Settings, rows: list[RowAppend], referential, api: FakeSheetsApi | None = None) -> None:
    """The busy year written through the connector, the e-mail cap lifted by hand first, as staff would."""
    workbook = connect(settings).workbook
    workbook.ensure_layout(stand_in_layout(referential))
    if api is not None:
        _staff_edit(api, settings, "Paramètres", _no_daily_cap)
    else:
        book = load_workbook(settings.workbook)
        for line in book["Paramètres"].iter_rows(min_row=2):
            if line[0].value == "Plafond quotidien d'e-mails":
                line[1].value = "1000000"
        book.save(settings.workbook)
    workbook.write([], rows)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(_run_one(sys.argv[2:])))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ambassadors", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--feedback", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    print(
        json.dumps(
            {"flows": measure(arguments.ambassadors, arguments.requests, arguments.feedback, arguments.repeat)},
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
