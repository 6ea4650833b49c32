"""Settings that point the real connectors at the fake Sheets API: for tests and benchmarks."""

from pathlib import Path

from connectors.settings import Settings
from fakes.accounts import service_account
from fakes.sheets_api import FakeSheetsApi

SECRET = b"secret-de-test-pour-les-jetons-0123456789"  # signs the links of every test and benchmark


def settings_in(directory: Path, **overrides) -> Settings:
    """Local settings with everything inside `directory`, the environment and any .env file ignored."""
    local = {
        "workbook": directory / "classeur.xlsx",
        "outbox": directory / "outbox",
        "reports": directory / "rapports",
        "state_dir": directory / "etat",
        "token_secret": SECRET.decode(),
        "mail_from": "orientest@exemple.fr",
    }
    return Settings(_env_file=None, **{**local, **overrides})


def fake_google_settings(api: FakeSheetsApi, directory: Path, **overrides) -> Settings:
    """A new spreadsheet in the fake, shared with the service account; retries fast, no request budget."""
    account = service_account()
    if account.email not in api.accounts:
        api.add_account(account.email, account.public_key_pem)
    key = f"classeur-{len(api.spreadsheets) + 1:04d}-{directory.name[-12:]}"
    api.create(key, {account.email})
    fast = {
        "google_retry_base": 0.01,
        "google_retry_budget": 5.0,
        "google_timeout": 5.0,
        "google_requests_per_minute": 10_000,
    }
    return settings_in(
        directory,
        backend="google",
        spreadsheet=f"https://docs.google.com/spreadsheets/d/{key}/edit",
        google_credentials=account.key_file(api.token_uri),
        sheets_api_root=api.url,
        **{**fast, **overrides},
    )
