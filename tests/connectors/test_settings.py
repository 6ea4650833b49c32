"""The settings as the operator meets them: each one in `.env.exemple` with its meaning, and in the README."""

import re

import pytest

from connectors.settings import EXAMPLE_FILE, PROJECT_ROOT, Settings
from flows.runtime import ConfigurationError, settings_for

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


def test_a_short_link_secret_is_refused_when_the_settings_are_read_and_never_shown(monkeypatch):
    monkeypatch.setenv("ORIENTEST_TOKEN_SECRET", "court-123")
    with pytest.raises(ConfigurationError) as refused:
        settings_for()
    message = str(refused.value)
    assert "ORIENTEST_TOKEN_SECRET : la valeur donnée ne convient pas, au moins 16 caractères" in message
    assert "court-123" not in message


def test_limits_out_of_range_are_named_in_french_with_the_allowed_range(monkeypatch):
    monkeypatch.setenv("ORIENTEST_GOOGLE_REQUESTS_PER_MINUTE", "0")
    monkeypatch.setenv("ORIENTEST_SMTP_TIMEOUT", "0")
    with pytest.raises(ConfigurationError) as refused:
        settings_for()
    message = str(refused.value)
    assert "ORIENTEST_GOOGLE_REQUESTS_PER_MINUTE : « 0 » ne convient pas, au moins 1 est attendu" in message
    assert "ORIENTEST_SMTP_TIMEOUT : « 0 » ne convient pas, plus de 0 est attendu" in message
