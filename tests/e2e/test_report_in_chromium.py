"""The monthly report in a real browser: headless Chromium (Debian's), screenshots kept, no console error; on a phone,
readable and accessible (axe-core, from npm)."""

import os
import re
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from flows import pipeline
from flows.indicators import step_for
from tests.browser import Browser, contrast_with_white
from tests.flows.test_followup_flow import _confirmed_intervention, _run_days
from tests.programs import installed

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artefacts"
AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = 420  # CSS pixels: a large phone held upright
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
    "--window-size=1000,2400",
]


@pytest.fixture(scope="module")
def chromium() -> str:
    return installed(("chromium", "chromium-browser"), "chromium")


def _render(chromium: str, report: Path, screenshot: Path, tmp_path: Path) -> str:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={tmp_path / 'profil'}", f"--screenshot={screenshot}", report.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
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


def test_an_empty_month_renders_too_and_says_it_has_no_data(connectors, chromium, tmp_path):
    pipeline.run(step_for("2026-07"), connectors, datetime(2026, 8, 1, 6))
    report = connectors.settings.reports / "rapport-2026-07.html"
    stderr = _render(chromium, report, ARTEFACTS / "rapport-vide.png", tmp_path)
    assert _console_errors(stderr) == []
    html = report.read_text(encoding="utf-8")
    assert "Aucune zone blanche" in html
    satisfaction = re.search(r'<div class="value[^"]*">([^<]*)</div>\s*<div class="name">Satisfaction', html)
    assert satisfaction[1] == "pas de données"  # not « 0 » out of 5


@pytest.fixture(scope="module")
def axe() -> str:
    if not AXE.exists():
        message = "axe-core manque : `make test` l'installe avec npm (npm ci --prefix tests/e2e/axe)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


# Every piece of text as drawn on screen: HTML by its computed size, SVG text by its size times the drawing's scale.
# (An SVG <title> is a tooltip, not drawn.)
_SMALL_TEXT = """[...document.querySelectorAll('body *')]
  .filter(e => e.tagName !== 'title' && e.getClientRects().length
               && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(e => ({text: e.textContent.trim().slice(0, 30),
              px: parseFloat(getComputedStyle(e).fontSize)
                  * (e instanceof SVGGraphicsElement ? e.getScreenCTM().a : 1)}))
  .filter(t => t.px < 11)"""
_FILLS = """[...document.querySelectorAll('svg.chart rect, .swatch')]
  .map(e => getComputedStyle(e)[e instanceof SVGElement ? 'fill' : 'backgroundColor'])"""


def test_the_report_on_a_phone_is_readable_and_accessible(connectors, chromium, axe, tmp_path):
    _confirmed_intervention(connectors)
    _run_days(connectors, "2026-11-11")
    pipeline.run(step_for("2026-11"), connectors, datetime(2026, 12, 1, 6))
    report = connectors.settings.reports / "rapport-2026-11.html"
    with Browser(chromium, tmp_path / "profil") as browser:
        browser.open(report.as_uri(), width=PHONE)
        browser.evaluate(axe)
        violations = browser.evaluate(
            "axe.run(document).then(r => r.violations.map(v => ({id: v.id, "
            "impact: v.impact, help: v.help, nodes: v.nodes.length})))",
            wait=True,
        )
        assert [v for v in violations if v["impact"] in ("serious", "critical")] == []
        assert browser.evaluate(_SMALL_TEXT) == []  # nothing under 11 px at 420 px wide
        assert browser.evaluate("document.documentElement.scrollWidth") <= PHONE  # no sideways scrolling
        fills = browser.evaluate(_FILLS)
        assert fills and [fill for fill in fills if contrast_with_white(fill) < 3] == []
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        browser.screenshot(ARTEFACTS / "rapport-2026-11-telephone.png")
        assert browser.console == []
    assert (ARTEFACTS / "rapport-2026-11-telephone.png").stat().st_size > 10_000
