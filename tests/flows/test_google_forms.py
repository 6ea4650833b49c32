"""`orientest formulaires --google` against a local Forms API and Google's consent screen, on a Google workbook."""

import json
import webbrowser

import pytest
import requests
from typer.testing import CliRunner

from cli.main import app
from connectors.forms import template_links
from connectors.wiring import connect
from fakes.forms_api import Browser, FakeFormsApi
from orientest.context.defaults import initial_rows
from orientest.forms.registry import TAB, read_registry
from tests.conftest import google_settings, staff_for
from tests.staff import set_cell, set_parameter

runner = CliRunner()
BROWSER = "navigateur-de-test"
CHARTER = "https://www.grandest.fr/orientest/charte-ambassadeurs-2026.pdf"


@pytest.fixture(scope="module")
def forms_api():
    with FakeFormsApi() as api:
        webbrowser.register(BROWSER, None, Browser())
        yield api


@pytest.fixture
def team(tmp_path, forms_api, sheets_api, referential, monkeypatch):
    """The operator's settings for a Google workbook made by `init`, and the team's OAuth client."""
    (tmp_path / "client.json").write_text(json.dumps(forms_api.client_secrets()))
    settings = google_settings(
        tmp_path,
        sheets_api,
        forms_api_root=forms_api.url,
        forms_client_secrets=tmp_path / "client.json",
        forms_token_file=tmp_path / "hors-du-depot" / "jeton.json",
    )
    connect(settings).workbook.ensure_layout(initial_rows(referential))
    for name, value in {
        "BACKEND": "google",
        "SPREADSHEET": settings.spreadsheet,
        "GOOGLE_CREDENTIALS": settings.google_credentials.get_secret_value(),
        "SHEETS_API_ROOT": settings.sheets_api_root,
        "FORMS_API_ROOT": forms_api.url,
        "FORMS_CLIENT_SECRETS": str(settings.forms_client_secrets),
        "FORMS_TOKEN_FILE": str(settings.forms_token_file),
    }.items():
        monkeypatch.setenv(f"ORIENTEST_{name}", value)
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # the fake consent screen is plain http on 127.0.0.1
    return settings


def _publish():
    result = runner.invoke(app, ["formulaires", "--google", "--navigateur", BROWSER])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def _team_forms(forms_api, settings):
    registry = read_registry(connect(settings).workbook.read([TAB])[TAB], connect(settings).referential.forms)
    return registry, {key: forms_api.forms[address.google_id] for key, address in registry.items()}


def test_every_form_is_made_published_and_recorded_where_the_flows_read_them(team, forms_api, referential):
    before = len(forms_api.consents)
    output = _publish()
    registry, made = _team_forms(forms_api, team)
    assert len(forms_api.consents) == before + 1 and (team.forms_token_file.stat().st_mode & 0o777) == 0o600
    for key, form in referential.forms.items():
        fake = made[key]
        assert fake.owner == forms_api.user and fake.published and fake.accepting and fake.title == form.title
        assert [item["title"] for item in fake.items] == [question.title for question in form.questions]
        assert registry[key].url == f"{forms_api.url}forms/d/e/{fake.published_id}/viewform"
    ids = {item["title"]: item["questionItem"]["question"]["questionId"] for item in made["reponse"].items}
    assert registry["reponse"].prefill == {
        "Jeton": f"entry.{int(ids['Jeton'], 16)}",
        "Réponse": f"entry.{int(ids['Réponse'], 16)}",
    }
    assert output.count("Associer à Sheets") == 7 and output.count("Identifiants des liens pré-remplis vérifiés") == 4
    link = template_links(registry)["answer_link"]("DEM-2026-00001.AMB-00001.reponse.20261231.sig", "J'accepte")
    page = requests.get(link, timeout=5).text  # what an ambassador opens from the e-mail: the form, filled in
    assert all(f'name="{entry}"' in page for entry in registry["reponse"].prefill.values())


def test_a_second_run_updates_the_same_forms_keeping_every_question_id(team, forms_api):
    _publish()
    registry, first = _team_forms(forms_api, team)
    ids = {key: [item["questionItem"]["question"]["questionId"] for item in fake.items] for key, fake in first.items()}
    forms_api.link_to_sheet(registry["demande"].google_id, team.spreadsheet)
    count, consents = len(forms_api.forms), len(forms_api.consents)
    output = _publish()
    again, second = _team_forms(forms_api, team)
    assert len(forms_api.forms) == count and len(forms_api.consents) == consents  # no new form, no new consent
    assert again == registry
    assert {
        key: [item["questionItem"]["question"]["questionId"] for item in fake.items] for key, fake in second.items()
    } == ids
    assert output.count("Associer à Sheets") == 6 and "mis à jour et publié" in output


def _question(item_id: str, title: str) -> dict:
    return {
        "itemId": item_id,
        "title": title,
        "questionItem": {"question": {"questionId": f"{item_id}0", "textQuestion": {}}},
    }


def test_what_staff_add_by_hand_stays_where_they_put_it_and_a_question_orientest_dropped_goes(
    team, forms_api, sheets_api, referential
):
    _publish()
    registry, made = _team_forms(forms_api, team)
    signup = made["inscription"]
    by_hand, banner = (
        _question("a1b2c3d4", "Comment avez-vous connu le réseau ?"),
        {"itemId": "b1b2", "title": "Merci !"},
    )
    signup.items[3:3] = [by_hand]  # after « Prénom »
    signup.items += [_question("c1b2c3d4", "Ancienne question"), banner]
    staff = staff_for(connect(team), sheets_api)
    # « Ancienne question » was made by an earlier orientest: its item ID is among those the tab records
    line = 2 + list(registry).index("inscription")
    made_before = f"{', '.join(registry['inscription'].items)}, c1b2c3d4"
    staff.edit(TAB, set_cell(line, "Questions d'orientest", made_before))
    staff.edit("Paramètres", set_parameter("Adresse de la charte", CHARTER))

    output = _publish()
    again, made = _team_forms(forms_api, team)
    signup = made["inscription"]
    titles = [item["title"] for item in signup.items]
    assert titles[3] == by_hand["title"] and titles[-1] == "Merci !" and "Ancienne question" not in titles
    assert [t for t in titles if t not in (by_hand["title"], "Merci !")] == [
        question.title for question in referential.forms["inscription"].questions
    ]
    (charter,) = [item for item in signup.items if item["title"] == "Charte"]
    assert charter["description"] == f"Lisez la charte des ambassadeurs Orient'Est avant de l'accepter : {CHARTER}"
    assert signup.description.endswith(f"La charte du réseau, à lire avant de vous inscrire : {CHARTER}")
    assert "Adresse de la charte » est vide" not in output
    # the items orientest made, kept for the next run: not those staff added
    ours = {item["itemId"] for item in signup.items if item["title"] not in (by_hand["title"], "Merci !")}
    assert set(again["inscription"].items) == ours and "a1b2c3d4" not in ours


def test_a_form_deleted_from_the_drive_is_made_again(team, forms_api):
    _publish()
    registry, _ = _team_forms(forms_api, team)
    forms_api.delete(registry["retour"].google_id)
    output = _publish()
    again, made = _team_forms(forms_api, team)
    assert again["retour"].google_id != registry["retour"].google_id and made["retour"].published
    assert "« Votre avis sur l'intervention » créé et publié" in output


def test_without_the_oauth_client_file_the_operator_is_told_where_to_get_it(team, monkeypatch):
    monkeypatch.delenv("ORIENTEST_FORMS_CLIENT_SECRETS")
    result = runner.invoke(app, ["formulaires", "--google", "--navigateur", BROWSER])
    assert result.exit_code == 1 and "ORIENTEST_FORMS_CLIENT_SECRETS manque" in " ".join(result.output.split())


def test_a_consent_refused_in_the_browser_is_said_in_french_and_nothing_is_made(team, forms_api):
    count = len(forms_api.forms)
    forms_api.refuse_consent = True
    try:
        result = runner.invoke(app, ["formulaires", "--google", "--navigateur", BROWSER])
    finally:
        forms_api.refuse_consent = False
    assert result.exit_code == 1 and "L'autorisation Google n'a pas abouti" in " ".join(result.output.split())
    assert len(forms_api.forms) == count and not team.forms_token_file.exists()


def test_the_fake_refuses_what_google_refuses(forms_api):
    token = forms_api.token({"grant_type": "refresh_token", "refresh_token": "inconnu"})
    assert token[0] == 400
    forms_api.refresh_tokens["r"] = forms_api.user
    access = forms_api.token({"grant_type": "refresh_token", "refresh_token": "r"})[1]["access_token"]
    headers = {"Authorization": f"Bearer {access}"}
    with_items = requests.post(
        f"{forms_api.url}v1/forms", json={"info": {"title": "T"}, "items": []}, headers=headers, timeout=5
    )
    unknown_field = requests.post(f"{forms_api.url}v1/forms", json={"info": {"titre": "T"}}, headers=headers, timeout=5)
    assert with_items.status_code == 400 and "Only info.title" in with_items.json()["error"]["message"]
    assert unknown_field.status_code == 400 and "Cannot find field" in unknown_field.json()["error"]["message"]
