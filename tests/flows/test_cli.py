"""The `orientest` command as an operator types it."""

from datetime import date

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli.main import app
from orientest.core.column_notes import display_order
from orientest.core.schema import REQUESTS, TABS
from tests.conftest import google_settings, local_settings

runner = CliRunner()


def _invoke(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def test_init_then_seed_makes_realistic_rows_in_every_expected_tab(tmp_path):
    path = tmp_path / "reseau.xlsx"
    _invoke("init", path, "--equipe", "equipe@exemple.fr")
    _invoke("seed", path, "--ambassadors", 30, "--requests", 40, "--seed", 7, "--start", "2026-09-07")
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == list(TABS)
    assert book["Ambassadeurs"].max_row >= 31 and book["Demandes"].max_row >= 41


def test_seed_is_the_same_for_the_same_seed(tmp_path):
    for name in ("a.xlsx", "b.xlsx"):
        _invoke("seed", tmp_path / name, "--ambassadors", 10, "--requests", 10, "--seed", 3, "--start", "2026-09-07")
    rows = [
        [r for r in load_workbook(tmp_path / n, read_only=True)["Demandes"].iter_rows(values_only=True)]
        for n in ("a.xlsx", "b.xlsx")
    ]
    assert rows[0] == rows[1]


def test_dry_run_prints_the_plan_and_changes_nothing(tmp_path):
    path, outbox = tmp_path / "reseau.xlsx", tmp_path / "outbox"
    _invoke("seed", path, "--ambassadors", 3, "--requests", 3, "--start", "2026-09-07")
    before = path.read_bytes()
    output = _invoke("run", "intake", "--workbook", path, "--outbox", outbox, "--today", "2026-10-05", "--dry-run")
    assert "e-mails à envoyer" in output and "DEM-2026-00001" in output
    assert path.read_bytes() == before and not outbox.exists()


def test_unknown_flow_is_refused_in_french(tmp_path):
    result = runner.invoke(app, ["run", "nimporte", "--workbook", str(tmp_path / "x.xlsx")])
    assert result.exit_code != 0 and "flux inconnu" in result.output


def test_missing_workbook_is_explained(tmp_path):
    result = runner.invoke(app, ["run", "intake", "--workbook", str(tmp_path / "absent.xlsx"), "--dry-run"])
    assert result.exit_code == 1 and "orientest init" in result.output


@pytest.mark.prefect
def test_run_intake_goes_through_prefect_and_updates_the_workbook(tmp_path, prefect_harness):
    from flows.intake import intake

    path, outbox = tmp_path / "reseau.xlsx", tmp_path / "outbox"
    _invoke("seed", path, "--ambassadors", 5, "--requests", 5, "--start", "2026-09-07")
    state = intake(workbook=str(path), outbox=str(outbox), today=date(2026, 10, 5), return_state=True)
    assert state.is_completed()
    status = [column.title for column in display_order(REQUESTS)].index("Statut") + 1
    statuses = {
        row[0]
        for row in load_workbook(path, read_only=True)["Demandes"].iter_rows(
            min_row=2, min_col=status, max_col=status, values_only=True
        )
    }
    assert statuses and "" not in statuses and None not in statuses
    assert len(list(outbox.glob("*.eml"))) > 0
    output = _invoke("run", "intake", "--workbook", path, "--outbox", outbox, "--today", "2026-10-05")
    assert "e-mails envoyés : 0" in output


def test_a_local_workbook_gets_its_own_link_secret_on_first_need_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv("ORIENTEST_TOKEN_SECRET", raising=False)
    monkeypatch.setenv("ORIENTEST_STATE_DIR", str(tmp_path / "etat"))
    path = tmp_path / "reseau.xlsx"
    _invoke("init", path, "--equipe", "equipe@exemple.fr")
    _invoke("run", "matching", "--workbook", path, "--dry-run")
    kept = tmp_path / "etat" / "secret-des-liens"
    secret = kept.read_text()
    assert len(secret) == 64 and kept.stat().st_mode & 0o777 == 0o600
    _invoke("run", "matching", "--workbook", path, "--dry-run")
    assert kept.read_text() == secret


def test_the_google_workbook_needs_the_operators_link_secret(tmp_path, sheets_api, monkeypatch):
    from flows.runtime import ConfigurationError, token_secret

    settings = google_settings(tmp_path, sheets_api, token_secret=None)
    with pytest.raises(ConfigurationError, match="ORIENTEST_TOKEN_SECRET manque"):
        token_secret(settings)


def test_rgpd_export_then_erase_on_a_real_workbook(tmp_path):
    import json

    path = tmp_path / "reseau.xlsx"
    _invoke("seed", path, "--ambassadors", 3, "--requests", 2, "--start", "2026-09-07", "--seed", 5)
    header, first = load_workbook(path, read_only=True)["Demandes"].iter_rows(max_row=2, values_only=True)
    address = first[header.index("Adresse e-mail")]
    exported = json.loads(_invoke("rgpd", "export", address, "--workbook", path))
    assert exported["Demandes"][0]["Adresse e-mail"] == address
    assert "1 ligne(s) anonymisée(s)" in _invoke("rgpd", "erase", address, "--workbook", path, "--oui")
    assert json.loads(_invoke("rgpd", "export", address, "--workbook", path)) == {}
    book = load_workbook(path, read_only=True)
    journal = list(book["Journal"].iter_rows(min_row=2, values_only=True))
    assert [row[5] for row in journal] == ["données personnelles effacées"]
    assert all(
        address not in str(value)
        for tab in ("Journal", "Envois")
        for row in book[tab].iter_rows(values_only=True)
        for value in row
    )


@pytest.mark.prefect
def test_indicators_run_under_prefect_and_publish_their_artifacts(tmp_path, prefect_harness, monkeypatch):
    from flows.indicators import indicators

    monkeypatch.setenv("ORIENTEST_REPORTS", str(tmp_path / "rapports"))
    path = tmp_path / "reseau.xlsx"
    _invoke("seed", path, "--ambassadors", 5, "--requests", 5, "--start", "2026-09-07")
    state = indicators(workbook=str(path), outbox=str(tmp_path / "outbox"), month="2026-09", return_state=True)
    assert state.is_completed()
    assert state.result()["lignes ajoutées"] > 0
    assert (tmp_path / "rapports" / "rapport-2026-09.html").exists()


def test_init_google_prepares_the_spreadsheet_named_on_the_command_line(tmp_path, sheets_api, monkeypatch):
    settings = google_settings(tmp_path, sheets_api)
    monkeypatch.setenv("ORIENTEST_GOOGLE_CREDENTIALS", settings.google_credentials.get_secret_value())
    monkeypatch.setenv("ORIENTEST_SHEETS_API_ROOT", settings.sheets_api_root)
    output = _invoke("init", "--google", settings.spreadsheet, "--equipe", "equipe@exemple.fr")
    assert "Classeur prêt" in output
    key = settings.spreadsheet.split("/d/")[1].split("/")[0]
    assert [sheet.title for sheet in sheets_api.spreadsheets[key].sheets] == list(TABS)


def test_init_google_on_a_spreadsheet_not_shared_says_what_to_do(tmp_path, sheets_api, monkeypatch):
    settings = google_settings(tmp_path, sheets_api)
    key = settings.spreadsheet.split("/d/")[1].split("/")[0]
    sheets_api.spreadsheets[key].shared_with.clear()
    monkeypatch.setenv("ORIENTEST_GOOGLE_CREDENTIALS", settings.google_credentials.get_secret_value())
    monkeypatch.setenv("ORIENTEST_SHEETS_API_ROOT", settings.sheets_api_root)
    result = runner.invoke(app, ["init", "--google", key, "--equipe", "equipe@exemple.fr"])
    assert result.exit_code == 1 and "Partager" in result.output


@pytest.mark.prefect
def test_the_service_account_key_may_live_in_a_prefect_secret_block(tmp_path, sheets_api, prefect_harness):
    from prefect.blocks.system import Secret

    from connectors.wiring import connect

    settings = google_settings(tmp_path, sheets_api)
    Secret(value=settings.google_credentials.get_secret_value()).save("orientest-google-test", overwrite=True)
    from_block = settings.model_copy(
        update={"google_credentials": None, "google_credentials_block": "orientest-google-test"}
    )
    connect(from_block).workbook.ensure_layout({})
    key = settings.spreadsheet.split("/d/")[1].split("/")[0]
    assert [sheet.title for sheet in sheets_api.spreadsheets[key].sheets] == list(TABS)


def test_serve_without_a_prefect_server_says_how_to_get_one(monkeypatch):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        result = runner.invoke(app, ["serve", "--no-local-server"])
    assert result.exit_code == 1 and "prefect server start" in " ".join(result.output.split())


def test_init_writes_the_team_address_and_sender_and_asks_for_them_in_a_script(tmp_path):
    path = tmp_path / "reseau.xlsx"
    result = runner.invoke(app, ["init", str(path)])
    assert result.exit_code != 0 and "--equipe ADRESSE manque" in " ".join(result.output.split())
    assert not path.exists()
    _invoke("init", path, "--equipe", "Equipe@Exemple.fr", "--expediteur", "Orient'Est – Région Grand Est")
    values = {row[0]: row[1] for row in load_workbook(path, read_only=True)["Paramètres"].iter_rows(values_only=True)}
    assert values["Adresse de l'équipe"] == "Equipe@exemple.fr"
    assert values["Nom de l'expéditeur"] == "Orient'Est – Région Grand Est"


def test_init_again_on_an_older_workbook_adds_the_new_tab_and_settings_and_keeps_what_staff_typed(tmp_path):
    path = tmp_path / "reseau.xlsx"
    _invoke("init", path, "--equipe", "equipe@exemple.fr")
    book = load_workbook(path)
    del book["Ressources"]  # a workbook made before December 2026
    sheet = book["Paramètres"]
    for line in reversed(range(2, sheet.max_row + 1)):
        if sheet.cell(line, 1).value in ("Adresse de la charte", "Ce qui change dans la charte"):
            sheet.delete_rows(line)
        elif sheet.cell(line, 1).value == "Délai de réponse à une proposition (jours)":
            sheet.cell(line, 2).value = "8"
    book.save(path)

    output = " ".join(_invoke("init", path, "--equipe", "equipe@exemple.fr").split())
    assert (
        "2 ligne(s) ajoutée(s) à la fin de l'onglet : « Adresse de la charte », « Ce qui change dans la charte »"
        in output
    )
    book = load_workbook(path, read_only=True)
    assert "Ressources" in book.sheetnames
    lines = [row[:2] for row in book["Paramètres"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert lines[-2:] == [("Adresse de la charte", None), ("Ce qui change dans la charte", None)]
    assert ("Délai de réponse à une proposition (jours)", "8") in lines
    again = " ".join(_invoke("init", path, "--equipe", "equipe@exemple.fr").split())
    assert "ajoutée" not in again


def test_serve_schedules_nothing_while_something_blocks_and_says_what(tmp_path, monkeypatch):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.chdir(tmp_path)  # no workbook here
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        result = runner.invoke(app, ["serve"])
    output = " ".join(result.output.split())
    assert result.exit_code == 78 and "✗ Classeur — Classeur introuvable" in output
    assert "orientest serve ne planifie rien tant qu'un point bloquant (✗) reste à régler" in output
    assert not (tmp_path / "var" / "prefect").exists()  # no server started


def _replies_on_disk(tmp_path, monkeypatch, referential):
    """The replies world saved as .eml files beside its workbook, the settings an operator would have."""
    from fakes.google import SECRET
    from tests.staff import XlsxStaff
    from tests.worlds import new_workbook, proposal_of, replies_world, reply_to

    settings = local_settings(
        tmp_path / "monde", reply_address="reseau@exemple.fr", authserv_id="mx.exemple.fr", imap_host="imap.exemple.fr"
    )  # proposals carry reply keys; the mailbox is never opened
    (tmp_path / "monde").mkdir()
    connectors = new_workbook(settings, referential)
    world = replies_world(connectors, XlsxStaff(settings.workbook))
    files = []
    for message in (*world.messages, reply_to(proposal_of(connectors), "Pas d'accord.", "non")):
        files.append(tmp_path / f"{message['Message-ID'].strip('<>').split('@')[0]}.eml")
        files[-1].write_bytes(message.as_bytes())
    for name, value in {
        "REPLY_ADDRESS": "reseau@exemple.fr",
        "AUTHSERV_ID": "mx.exemple.fr",
        "TOKEN_SECRET": SECRET.decode(),
        "STATE_DIR": str(settings.state_dir),
    }.items():
        monkeypatch.setenv(f"ORIENTEST_{name}", value)
    return settings, files


def test_reponse_says_what_the_reader_kept_and_what_the_flow_would_do_changing_nothing(
    tmp_path, monkeypatch, referential
):
    import json

    settings, files = _replies_on_disk(tmp_path, monkeypatch, referential)
    before = settings.workbook.read_bytes()
    found = json.loads(_invoke("reponse", *files, "--workbook", settings.workbook, "--json", "--today", "2026-10-06"))
    assert [(f["fichier"].rsplit("/", 1)[1], f["texte"], f["intention"]) for f in found] == [
        ("oui.eml", "Oui, avec plaisir !", "oui"),
        ("question.eml", "Volontiers, mais à quelle heure faut-il arriver ?", "a_lire"),
        ("sans-cle.eml", "Bonjour, comment devenir ambassadrice ?", "a_lire"),
        ("non.eml", "Pas d'accord.", "non"),
    ]
    assert found[0]["action"].startswith("serait enregistré comme « J'accepte » pour DEM-2026-00001")
    assert found[1]["action"].startswith("serait transmis à l'équipe, et l'expéditeur prévenu")
    assert found[2]["action"].startswith("serait listé dans le récapitulatif envoyé à l'équipe")
    assert found[3]["action"].startswith("serait enregistré comme « Je ne suis pas disponible »")
    assert settings.workbook.read_bytes() == before
    alone = json.loads(_invoke("reponse", files[0], "--json"))
    assert "ajoutez --workbook" in alone[0]["action"]
    shown = _invoke("reponse", files[1])
    assert "Texte retenu : Volontiers, mais à quelle heure faut-il arriver ?" in shown and "Intention : a_lire" in shown
