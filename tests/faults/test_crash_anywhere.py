"""Kill every flow's run (SIGKILL) at every step boundary, run it again: nothing lost, nothing sent twice.

The only exception allowed: a message whose hand-over was cut mid-way may or may not have left; it is journalled
« à vérifier », noted on the record for staff, and never sent again by itself.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from connectors.settings import Settings
from tests.faults.conftest import assert_same_records, outcome_of, run, smtp
from tests.worlds import WORLDS

PROJECT = Path(__file__).resolve().parents[2]
MID_WAY = {"after-started-1", "before-finished-2"}  # logged as started, never as finished
KILL_POINTS = [
    "after-read-1",
    "after-write-1",
    "after-started-1",
    "after-finished-1",
    "before-finished-2",
    "after-finished-3",
    "before-write-2",
    "after-write-2",
]
EMAILS = {"intake": 4, "matching": 3, "followup": 5, "housekeeping": 2, "indicators": 1, "replies": 3}  # per world


def _reachable(flow: str, point: str) -> bool:
    """A point about the n-th message exists only in a run that sends n messages."""
    return int(point.rsplit("-", 1)[1]) <= EMAILS[flow] or point.startswith(
        ("after-read", "after-write", "before-write")
    )


CASES = [(flow, point) for flow in WORLDS for point in KILL_POINTS if _reachable(flow, point)]


@pytest.fixture(scope="session")
def zygote(tmp_path_factory):
    """One process that imported the flows, forking each killed run (`tests/faults/zygote.py`)."""
    errors = tmp_path_factory.mktemp("zygote") / "stderr.log"
    with open(errors, "w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.zygote"],
            cwd=PROJECT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )

    def killed_run(config: Path) -> tuple[int, str]:
        process.stdin.write(f"{config}\n")
        process.stdin.flush()
        return int(process.stdout.readline()), errors.read_text()[-3000:]

    yield killed_run
    process.stdin.close()
    process.wait(timeout=30)


def _config(settings: Settings) -> dict:
    def plain(value):
        return (
            value.get_secret_value()
            if isinstance(value, SecretStr)
            else str(value)
            if isinstance(value, Path)
            else value
        )

    return {name: plain(getattr(settings, name)) for name in settings.model_fields_set}


@pytest.mark.parametrize("backend", ["xlsx", "google"])
@pytest.mark.parametrize(("flow", "point"), CASES)
def test_a_run_killed_anywhere_then_run_again_loses_nothing_and_sends_nothing_twice(
    worlds, zygote, tmp_path, relay, flow, point, backend
):
    settings, template = worlds.copy(flow, backend, tmp_path / "monde")
    reference, world = template.reference, template.world
    assert len(reference.received) == EMAILS[flow]
    mail = smtp(relay)
    config = tmp_path / "victim.json"
    config.write_text(
        json.dumps(
            {
                "settings": _config(settings.model_copy(update=mail)),
                "flow": flow,
                "now": world.now.isoformat(),
                "kill_at": point,
            }
        ),
        encoding="utf-8",
    )
    relay.received.clear()
    code, errors = zygote(config)
    assert code == -9, f"{point} never reached: {code}\n{errors}"
    for _ in range(2):  # the next scheduled run, then one more that must find nothing to do
        assert run(settings, world, mail) is None
    after = outcome_of(settings, relay.received)

    received, to_check = after.received, after.with_keys("à vérifier")
    assert len(received) == len(set(received)), "an e-mail was sent twice"
    assert set(received) | to_check == set(reference.received), "an e-mail was lost"
    assert len(to_check) == (1 if point in MID_WAY else 0)
    if point == "after-started-1":
        assert to_check.isdisjoint(received)  # cut before the server had it: not sent, not resent either
    assert after.events == reference.events, "a decision was lost, taken twice or taken otherwise"
    assert after.mailbox == reference.mailbox, "a reply was lost or left in the inbox"
    assert_same_records(after, reference, lambda line: bool(to_check) and "peut-être non reçu" in line)
