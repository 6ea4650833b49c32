"""Every flow on its schedule in one long-running process (Prefect's `serve`): the simplest production setup."""

import asyncio
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import prefect
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate, GlobalConcurrencyLimitUpdate
from prefect.exceptions import ObjectNotFound
from prefect.schedules import Cron

from connectors.settings import Settings
from flows.registry import FLOW_FUNCTIONS, SCHEDULES, TIMEZONE


def deployments() -> list:
    """One deployment per flow, with its schedule; at most one run at a time of each."""
    return [
        FLOW_FUNCTIONS[name].to_deployment(
            name=name, schedules=[Cron(cron, timezone=TIMEZONE)], tags=["orientest"], concurrency_limit=1
        )
        for name, cron in SCHEDULES.items()
    ]


def ensure_rate_limit(name: str, per_minute: int) -> None:
    """The global rate limit every Google Sheets request takes a slot of (`ORIENTEST_GOOGLE_RATE_LIMIT`), at
    `ORIENTEST_GOOGLE_REQUESTS_PER_MINUTE` for all workers together: created, or brought to that rate."""
    rate = {"limit": per_minute, "slot_decay_per_second": per_minute / 60}

    async def create_or_update() -> None:
        async with get_client() as client:
            try:
                current = await client.read_global_concurrency_limit_by_name(name)
            except ObjectNotFound:
                await client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=name, **rate))
                return
            if (current.limit, current.slot_decay_per_second) != (rate["limit"], rate["slot_decay_per_second"]):
                await client.update_global_concurrency_limit(name, GlobalConcurrencyLimitUpdate(**rate))

    asyncio.run(create_or_update())


def serve_all(settings: Settings) -> None:
    if settings.google_rate_limit:
        ensure_rate_limit(settings.google_rate_limit, settings.google_requests_per_minute)
    prefect.serve(*deployments())


@contextmanager
def local_server(home: Path, port: int = 4200, timeout: float = 120) -> Iterator[str]:
    """`prefect server start` on 127.0.0.1 (its database under `home`) while the block runs; yields its API URL."""
    home.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    environment.pop("PREFECT_API_URL", None)
    command = [
        str(Path(sys.executable).parent / "prefect"),
        "server",
        "start",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with open(home / "server.log", "ab") as log:
        process = subprocess.Popen(
            command, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}/api"
    try:
        _wait_healthy(url, process, timeout, home / "server.log")
        yield url
    finally:
        stop(process)


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Le serveur Prefect s'est arrêté au démarrage ; voir {log}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"Le serveur Prefect ne répond pas après {timeout:.0f} s ; voir {log}")


def stop(process: subprocess.Popen, grace: float = 20) -> None:
    """SIGINT first (a Prefect worker or server stops cleanly on it, not on SIGTERM), then SIGKILL."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
