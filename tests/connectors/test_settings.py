"""The settings as the operator meets them: each one in `.env.exemple` with its meaning, and in the README."""

import re

from connectors.settings import EXAMPLE_FILE, PROJECT_ROOT, Settings

NAMES = {f"ORIENTEST_{name.upper()}" for name in Settings.model_fields}


def test_the_example_file_lists_every_setting_and_nothing_else():
    listed = set(re.findall(r"^#? ?(ORIENTEST_\w+)=", EXAMPLE_FILE.read_text(encoding="utf-8"), re.MULTILINE))
    assert listed == NAMES


def test_the_example_file_is_read_as_settings_would_be():
    settings = Settings(_env_file=EXAMPLE_FILE)
    assert (settings.backend, settings.mailer, settings.smtp_port) == ("google", "smtp", 587)


def test_the_readme_documents_every_setting():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert {name for name in NAMES if name not in readme} == set()
