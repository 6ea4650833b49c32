"""A flow run under Prefect against the same work called as plain functions (`intake` over new form rows).

    python -m bench.prefect_overhead [--rows 10000] [--repeat 3]

Prefect runs against its temporary local API (entered once, not timed), up for both sides; each call starts from the
same copy of the workbook; the first call of each side is not counted.
"""

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from bench.figures import compared
from bench.sheets_requests import NOW, START
from cli.forms import stand_in_layout
from cli.seed import Seeder
from connectors.referential import load_referential
from connectors.settings import PROJECT_ROOT
from connectors.wiring import connect
from fakes.google import settings_in
from flows import pipeline
from flows.intake import STEP, intake
from orientest.core.plan import RowAppend


def _template(directory: Path, rows: int) -> Path:
    settings = settings_in(directory)
    referential = load_referential(PROJECT_ROOT / "data")
    workbook = connect(settings).workbook
    workbook.ensure_layout(stand_in_layout(referential))
    seeder = Seeder(referential, seed=3, messy_share=0.1)
    workbook.write([], [RowAppend("Demandes", row) for row in seeder.requests(rows, START, 21)])
    return settings.workbook


def _fresh(template: Path, directory: Path):
    directory.mkdir()
    shutil.copy(template, directory / "classeur.xlsx")
    return settings_in(directory)


def measure(rows: int, repeat: int) -> dict:
    """Each side once untimed (first-call costs), then both in turn, with the Prefect server up for both."""
    from prefect.testing.utilities import prefect_test_harness

    plain, under_prefect = [], []
    with tempfile.TemporaryDirectory() as directory, prefect_test_harness(server_startup_timeout=120):
        base = Path(directory)
        template = _template(base / "modele", rows)
        for n in range(repeat + 1):
            settings = _fresh(template, base / f"simple-{n}")
            started = time.perf_counter()
            pipeline.run(STEP, connect(settings), NOW)
            plain.append(time.perf_counter() - started)
            settings = _fresh(template, base / f"prefect-{n}")
            started = time.perf_counter()
            intake(workbook=str(settings.workbook), outbox=str(settings.outbox), today=NOW.date())
            under_prefect.append(time.perf_counter() - started)
    return {"rows": rows, **compared(under_prefect[1:], plain[1:], "plain")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    print(json.dumps({"prefect_overhead": measure(arguments.rows, arguments.repeat)}))


if __name__ == "__main__":
    main()
