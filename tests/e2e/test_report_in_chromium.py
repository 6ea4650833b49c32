"""The monthly report in a real browser: headless Chromium (Debian's), a screenshot kept, no console error."""

import re
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from flows import pipeline
from flows.indicators import step_for
from tests.flows.test_followup_flow import _confirmed_intervention, _run_days
from tests.programs import installed

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artefacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0", "--window-size=1000,2400"]


@pytest.fixture(scope="module")
def chromium() -> str:
    return installed(("chromium", "chromium-browser"), "chromium")


def _render(chromium: str, report: Path, screenshot: Path, tmp_path: Path) -> str:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([chromium, *FLAGS, f"--user-data-dir={tmp_path / 'profil'}",
                             f"--screenshot={screenshot}", report.as_uri()],
                            capture_output=True, text=True, timeout=120, check=True)
    assert screenshot.stat().st_size > 10_000
    return result.stderr


def _console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line or "net::ERR" in line]


def test_the_report_renders_in_chromium_without_console_errors(connectors, chromium, tmp_path):
    _confirmed_intervention(connectors)
    _run_days(connectors, "2026-11-11")
    pipeline.run(step_for("2026-11"), connectors, datetime(2026, 12, 1, 6))
    report = connectors.settings.reports / "rapport-2026-11.html"
    html = report.read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="https?:', html)  # self-contained: nothing fetched
    stderr = _render(chromium, report, ARTEFACTS / "rapport-2026-11.png", tmp_path)
    assert _console_errors(stderr) == []
    assert "novembre 2026" in html and "Participants touchés" in html


def test_an_empty_month_renders_too(connectors, chromium, tmp_path):
    pipeline.run(step_for("2026-07"), connectors, datetime(2026, 8, 1, 6))
    report = connectors.settings.reports / "rapport-2026-07.html"
    stderr = _render(chromium, report, ARTEFACTS / "rapport-vide.png", tmp_path)
    assert _console_errors(stderr) == []
    assert "Aucune zone blanche" in report.read_text(encoding="utf-8")
