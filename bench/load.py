"""A heavy day on the Google workbook: intake then matching over 20,000 new requests and 5,000 signups.

    python -m bench.load [--requests 20000] [--ambassadors 5000]

Runs against the local fake Sheets API with the production request budget (50 per minute, this process) and prints
one JSON object: seconds, Sheets requests, e-mails and peak memory (of this process, fake server included) per flow.
"""

import argparse
import json
import tempfile
import time
from pathlib import Path

from bench.flows import peak_mb
from bench.sheets_requests import NOW, START, _activate_everyone, _no_daily_cap, _staff_edit
from cli.forms import stand_in_layout
from cli.seed import Seeder
from connectors.referential import load_referential
from connectors.settings import PROJECT_ROOT
from connectors.wiring import connect
from fakes.google import fake_google_settings
from fakes.sheets_api import FakeSheetsApi
from flows import pipeline
from flows.registry import STEPS
from orientest.core.plan import RowAppend


def measure(requests: int, ambassadors: int) -> dict:
    referential = load_referential(PROJECT_ROOT / "data")
    results = {}
    with FakeSheetsApi() as api, tempfile.TemporaryDirectory() as directory:
        settings = fake_google_settings(
            api, Path(directory), google_requests_per_minute=50, google_retry_base=1.0, google_retry_budget=120.0
        )
        connect(settings).workbook.ensure_layout(stand_in_layout(referential))
        _staff_edit(api, settings, "Paramètres", _no_daily_cap)
        seeder = Seeder(referential, seed=1, messy_share=0.1)
        rows = [RowAppend("Demandes", row) for row in seeder.requests(requests, START, 21)]
        rows += [RowAppend("Ambassadeurs", row) for row in seeder.ambassadors(ambassadors, START, 14)]
        connect(settings).workbook.write([], rows)
        for name in ("intake", "matching"):
            if name == "matching":
                _staff_edit(api, settings, "Ambassadeurs", _activate_everyone)
            started, before = time.perf_counter(), api.count()
            _, outcome = pipeline.run(STEPS[name], connect(settings), NOW)
            results[name] = {
                "seconds": round(time.perf_counter() - started, 1),
                "sheets_requests": api.count() - before,
                "emails": outcome.emails_sent,
                "updates": outcome.updates,
                "peak_mb": peak_mb(),
            }
    return {"requests": requests, "ambassadors": ambassadors, "flows": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--ambassadors", type=int, default=5_000)
    arguments = parser.parse_args()
    print(json.dumps({"load": measure(arguments.requests, arguments.ambassadors)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
