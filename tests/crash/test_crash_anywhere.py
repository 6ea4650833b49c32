"""Kill a flow run (SIGKILL) at every step boundary, run it again: nothing lost, nothing sent twice.

The only exception allowed: a message whose hand-over was cut mid-way may or may not have left; it is journalled
« à vérifier », noted on the record for staff, and never sent again by itself.
"""

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from pydantic import SecretStr

from connectors.settings import Settings
from connectors.wiring import connect
from flows import pipeline
from flows.registry import STEPS
from orientest.core.plan import RowAppend
from orientest.reference.defaults import initial_rows
from tests.conftest import google_settings, local_settings
from tests.factories import ambassador_answers, request_answers

PROJECT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 10, 2, 18, 0)
MID_WAY = {"after-started-1", "before-finished-2"}  # logged as started, never as finished
KILL_POINTS = ["after-read-1", "after-write-1", "after-started-1", "after-finished-1", "before-finished-2",
               "after-finished-3", "before-write-2", "after-write-2"]


def _world(directory: Path, backend: str, request, relay, referential) -> Settings:
    """A workbook with three new requests and a signup, mail through the local SMTP relay."""
    mail = {"mailer": "smtp", "smtp_host": "127.0.0.1", "smtp_port": relay.port, "smtp_security": "none"}
    directory.mkdir()
    settings = google_settings(directory, request.getfixturevalue("sheets_api"), **mail) if backend == "google" \
        else local_settings(directory, **mail)
    connectors = connect(settings)
    connectors.workbook.ensure_layout(initial_rows(referential))
    answers = [request_answers({"Adresse e-mail": f"cpe{n}@exemple.fr"}) for n in range(3)]
    connectors.workbook.write([], [RowAppend("Demandes", a) for a in answers]
                              + [RowAppend("Ambassadeurs", ambassador_answers())])
    return settings


def _records(settings: Settings) -> dict[str, list[dict[str, str]]]:
    snapshot = connect(settings).workbook.read(["Demandes", "Ambassadeurs", "Journal"])
    return {tab: [dict(row.values) for row in snapshot[tab].rows] for tab in snapshot}


def _config(settings: Settings) -> dict:
    def plain(value):
        return value.get_secret_value() if isinstance(value, SecretStr) else str(value) if isinstance(value, Path) \
            else value
    return {name: plain(getattr(settings, name)) for name in settings.model_fields_set}


def _killed_run(settings: Settings, point: str, directory: Path) -> None:
    config = directory / "victim.json"
    config.write_text(json.dumps({"settings": _config(settings), "flow": "intake", "now": NOW.isoformat(),
                                  "kill_at": point}), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "tests.crash.victim", str(config)], cwd=PROJECT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -9, f"{point} never reached: {done.returncode}\n{done.stderr[-2000:]}"


@pytest.mark.parametrize("backend", ["xlsx", "google"])
@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_run_killed_anywhere_then_run_again_loses_nothing_and_sends_nothing_twice(
        tmp_path, request, relay, referential, backend, point):
    reference = _world(tmp_path / "reference", backend, request, relay, referential)
    pipeline.run(STEPS["intake"], connect(reference), NOW)
    expected_keys = {str(m["X-Orientest-Key"]) for m in relay.received}
    expected = _records(reference)
    relay.received.clear()

    settings = _world(tmp_path / "crash", backend, request, relay, referential)
    _killed_run(settings, point, tmp_path)
    for _ in range(2):  # the next scheduled run, then one more that must find nothing to do
        pipeline.run(STEPS["intake"], connect(settings), NOW)

    received = [str(m["X-Orientest-Key"]) for m in relay.received]
    assert len(received) == len(set(received)), "an e-mail was sent twice"
    records = _records(settings)
    to_check = {row["Clé d'idempotence"] for row in records["Journal"] if row["Résultat"] == "à vérifier"}
    assert set(received) | to_check == expected_keys, "an e-mail was lost"
    assert len(to_check) == (1 if point in MID_WAY else 0)
    if point == "after-started-1":
        assert to_check.isdisjoint(received)  # cut before the server had it: not sent, not resent either
    for tab in ("Demandes", "Ambassadeurs"):
        for got, want in zip(records[tab], expected[tab], strict=True):
            noted = got.pop("Anomalies"), want.pop("Anomalies")
            assert got == want
            assert noted[0] == noted[1] or ("envoi interrompu" in noted[0] and to_check)
