"""The systemd unit given in deploy/, checked by systemd itself (when the machine has it)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
UNIT = PROJECT / "deploy" / "orientest.service"


def test_the_service_unit_is_one_systemd_accepts_without_a_warning(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze absent de ce poste")
    # The unit as installed here: its command must exist for systemd to accept it.
    text = UNIT.read_text(encoding="utf-8").replace(
        "/opt/orientest/.venv/bin/orientest", str(Path(sys.executable).parent / "orientest")
    )
    (tmp_path / "orientest.service").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [analyze, "verify", str(tmp_path / "orientest.service")], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr
    assert "KillSignal=SIGINT" in text and "RestartPreventExitStatus=78" in text
