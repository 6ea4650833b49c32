"""Production as an operator sets it up: a real Prefect server, a work pool, deployments, a worker; or `serve`."""

import asyncio
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from prefect.settings import PREFECT_API_URL, temporary_settings

from cli.forms import stand_in_layout
from connectors.xlsx import XlsxWorkbook
from fakes.smtp_relay import free_port
from flows.registry import SCHEDULES, TIMEZONE
from flows.serving import local_server, stop
from orientest.core.column_notes import display_order
from orientest.core.schema import REQUESTS

pytestmark = pytest.mark.server
PROJECT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-home")
    with local_server(home, free_port()) as url, temporary_settings({PREFECT_API_URL: url}):
        yield url, home


def _environment(server, **extra) -> dict[str, str]:
    url, home = server
    return {
        **os.environ,
        "PREFECT_API_URL": url,
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        **extra,
    }


def _prefect(server, *args) -> str:
    done = subprocess.run(
        [str(BIN / "prefect"), "--no-prompt", *args],
        cwd=PROJECT,
        env=_environment(server),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _deployments():
    async def read():
        async with get_client() as client:
            return await client.read_deployments()

    return asyncio.run(read())


def test_a_worker_runs_the_intake_deployment_from_prefect_yaml(server, tmp_path):
    workbook, outbox = tmp_path / "reseau.xlsx", tmp_path / "outbox"
    subprocess.run(
        [
            str(BIN / "orientest"),
            "seed",
            str(workbook),
            "--ambassadors",
            "3",
            "--requests",
            "4",
            "--start",
            "2026-09-07",
        ],
        check=True,
        capture_output=True,
        env=_environment(server),
    )
    _prefect(server, "work-pool", "create", "orientest", "--type", "process")
    _prefect(server, "deploy", "--name", "intake")
    log = open(tmp_path / "worker.log", "wb")
    worker = subprocess.Popen(
        [str(BIN / "prefect"), "worker", "start", "--pool", "orientest"],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env=_environment(server, ORIENTEST_WORKBOOK=str(workbook), ORIENTEST_OUTBOX=str(outbox)),
    )
    try:
        run = run_deployment("intake/intake", timeout=180)
    finally:
        stop(worker)
        log.close()
    assert run.state.is_completed(), (tmp_path / "worker.log").read_text()
    rows = list(load_workbook(workbook, read_only=True)["Demandes"].iter_rows(min_row=2, values_only=True))
    order = [column.title for column in display_order(REQUESTS)]
    ids = [row[order.index("ID")] for row in rows]
    statuses = {row[order.index("Statut")] for row in rows}
    assert all(ids) and statuses <= {"En recherche", "Incomplète", "Doublon"} and statuses
    assert len(list(outbox.glob("*.eml"))) >= 4


def _ready_to_serve(directory: Path, referential) -> dict[str, str]:
    """What `orientest verifier` wants before `serve` schedules anything: a workbook with the team's address and
    the forms recorded."""
    workbook = directory / "reseau.xlsx"
    XlsxWorkbook(workbook).ensure_layout(stand_in_layout(referential, "equipe@grandest.fr"))
    return {
        "ORIENTEST_WORKBOOK": str(workbook),
        "ORIENTEST_OUTBOX": str(directory / "outbox"),
        "ORIENTEST_STATE_DIR": str(directory / "etat"),
        "ORIENTEST_ALERT_EMAIL": "equipe@grandest.fr",
    }


def _rate_limit(name: str):
    async def read():
        async with get_client() as client:
            return await client.read_global_concurrency_limit_by_name(name)

    return asyncio.run(read())


def test_serve_checks_the_setup_registers_every_flow_on_its_schedule_and_stops_on_ctrl_c(server, tmp_path, referential):
    log = tmp_path / "serve.log"
    rate = {"ORIENTEST_GOOGLE_RATE_LIMIT": "sheets-essai", "ORIENTEST_GOOGLE_REQUESTS_PER_MINUTE": "42"}
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [str(BIN / "orientest"), "serve"],
            cwd=tmp_path,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=_environment(server, **_ready_to_serve(tmp_path, referential), **rate),
        )
    try:
        deadline = time.monotonic() + 90
        served = {}
        while time.monotonic() < deadline and len(served) < len(SCHEDULES) and process.poll() is None:
            served = {d.name: d for d in _deployments() if "orientest" in d.tags and d.schedules}
            time.sleep(1)
    finally:
        stop(process)
    assert process.returncode is not None
    assert set(served) == set(SCHEDULES), log.read_text()
    assert "Rien ne bloque" in log.read_text()
    for name, deployment in served.items():
        (schedule,) = deployment.schedules
        assert (schedule.schedule.cron, schedule.schedule.timezone) == (SCHEDULES[name], TIMEZONE)
        assert deployment.global_concurrency_limit.limit == 1
    limit = _rate_limit("sheets-essai")  # the operator's settings, not a name and rate written in the code
    assert (limit.limit, limit.slot_decay_per_second) == (42, pytest.approx(0.7))


def test_the_readme_commands_pause_and_resume_one_flows_schedule(server, tmp_path, referential):
    if not any(d.name == "intake" and d.schedules for d in _deployments()):
        _prefect(server, "deploy", "--name", "intake")
    listed = _prefect(server, "deployment", "schedule", "ls", "intake/intake")
    (schedule_id,) = re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", listed)
    _prefect(server, "deployment", "schedule", "pause", "intake/intake", schedule_id)
    assert [s.active for d in _deployments() if d.name == "intake" for s in d.schedules] == [False]
    _prefect(server, "deployment", "schedule", "resume", "intake/intake", schedule_id)
    assert [s.active for d in _deployments() if d.name == "intake" for s in d.schedules] == [True]
