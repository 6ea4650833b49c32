"""Real programs some tests drive (a browser, a spreadsheet): CI installs them; a workstation may lack them."""

import os
import shutil

import pytest


def installed(commands: tuple[str, ...], package: str) -> str:
    """The first of `commands` on the PATH; missing, the test fails under CI (`.ci/run` owes it) and is skipped
    elsewhere."""
    found = next((path for command in commands if (path := shutil.which(command))), None)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{commands[0]} manque : .ci/run doit l'installer (apt-get install {package})")
        pytest.skip(f"{commands[0]} n'est pas installé sur ce poste (apt-get install {package})")
    return found
