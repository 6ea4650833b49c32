"""Whole intake runs on a workbook made by `orientest init`, rows typed under the canonical headers."""

from dataclasses import replace
from datetime import datetime
from email import message_from_bytes, policy

import pytest

from connectors.mail import KEY_HEADER, Delivery
from connectors.workbook import WorkbookError
from flows import pipeline
from flows.intake import STEP
from orientest.core.plan import RowAppend
from tests.factories import ambassador_answers, request_answers
from tests.staff import column, set_cell, set_parameter

NOW = datetime(2026, 10, 2, 18, 0)


def _type_rows(connectors, tab, *answers):
    connectors.workbook.write([], [RowAppend(tab, a) for a in answers])


def _run(connectors, now=NOW, dry_run=False):
    return pipeline.run(STEP, connectors, now, dry_run)


def _rows(connectors, tab):
    return connectors.workbook.read([tab])[tab].rows


def _eml(connectors):
    return sorted(connectors.settings.outbox.glob("*.eml"))


def test_intake_gives_ids_statuses_and_writes_each_email_once(connectors):
    _type_rows(
        connectors,
        "Demandes",
        request_answers(),
        request_answers({"Adresse e-mail": "b@exemple.fr", "Commune": "Strasbourgg"}),
    )
    _type_rows(connectors, "Ambassadeurs", ambassador_answers())
    _, outcome = _run(connectors)
    requests = _rows(connectors, "Demandes")
    assert [(r["ID"], r["Statut"]) for r in requests] == [
        ("DEM-2026-00001", "En recherche"),
        ("DEM-2026-00002", "Incomplète"),
    ]
    assert "vouliez-vous dire : Strasbourg (67) ?" in requests[1]["Anomalies"]
    assert requests[0]["Mis à jour le"] == "02/10/2026 18:00"
    assert [(r["ID"], r["Statut"]) for r in _rows(connectors, "Ambassadeurs")] == [("AMB-00001", "À valider")]
    assert [p.name.partition("_DEM")[0].partition("_AMB")[0] for p in _eml(connectors)] == [
        "demande_incomplete",
        "demande_recue",
        "inscription_recue",
    ]
    assert outcome.emails_sent == 3


def test_each_email_is_recorded_as_planned_before_and_sent_after_apart_from_the_journal(connectors):
    _type_rows(connectors, "Demandes", request_answers())
    _run(connectors)
    sendings = [(r["Référence"], r["Modèle"], r["Résultat"]) for r in _rows(connectors, "Envois")]
    assert sendings == [
        ("DEM-2026-00001", "demande_recue", "prévu"),
        ("DEM-2026-00001", "demande_recue", "envoyé"),
    ]
    (event,) = _rows(connectors, "Journal")
    assert (event["Référence"], event["Nom"], event["Action"]) == (
        "DEM-2026-00001",
        "Collège Pasteur",
        "statut : En recherche",
    )
    assert event["Événement"].startswith("La demande passe au statut « En recherche »")


def test_second_run_writes_nothing_and_sends_nothing(connectors, staff):
    _type_rows(connectors, "Demandes", request_answers(), request_answers({"Public": ""}))
    _type_rows(connectors, "Ambassadeurs", ambassador_answers(), ambassador_answers({"Charte": ""}))
    _run(connectors)
    workbook, emails = staff.digest(), _eml(connectors)
    plan, outcome = _run(connectors, now=datetime(2026, 10, 2, 18, 5))
    assert plan.is_empty()
    assert staff.digest() == workbook and _eml(connectors) == emails
    assert outcome.emails_sent == 0 and outcome.updates == 0


def test_form_answers_are_never_altered(connectors, staff):
    answers = request_answers(
        {
            "Message": "<b>Urgent</b>",
            "Nom de la structure": '=HYPERLINK("http://x")',
            "Téléphone": "0612345678",
            "Durée (heures)": "3,5",
        }
    )
    _type_rows(connectors, "Demandes", answers)
    _run(connectors)
    (row,) = _rows(connectors, "Demandes")
    assert {title: row[title] for title in answers} == answers
    assert staff.formulas() == 0


def test_html_typed_in_a_form_reaches_the_email_escaped(connectors):
    _type_rows(connectors, "Demandes", request_answers({"Nom du contact": "<img src=x onerror=alert(1)>"}))
    _run(connectors)
    (path,) = _eml(connectors)
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    html = message.get_body(("html",)).get_content()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_missing_required_column_stops_the_run_before_any_write(connectors, staff):
    _type_rows(connectors, "Demandes", request_answers())
    staff.edit("Ambassadeurs", lambda grid: grid[0].__setitem__(column(grid, "Publics"), "Public visé par vous"))
    before = staff.digest()
    with pytest.raises(WorkbookError, match="Onglet « Ambassadeurs » : colonne obligatoire introuvable : « Publics »"):
        _run(connectors)
    assert staff.digest() == before and _eml(connectors) == []


def test_dry_run_changes_nothing(connectors, staff):
    _type_rows(connectors, "Demandes", request_answers())
    before = staff.digest()
    plan, outcome = _run(connectors, dry_run=True)
    assert len(plan.updates) == 1 and len(plan.emails) == 1 and outcome.dry_run
    assert staff.digest() == before and _eml(connectors) == []


def test_a_corrected_form_answer_is_validated_again(connectors, staff):
    _type_rows(connectors, "Demandes", request_answers({"Nombre de participants": "une trentaine"}))
    _run(connectors)
    staff.edit("Demandes", set_cell(2, "Nombre de participants", "30"))  # the requester edits; Forms rewrites
    _run(connectors, now=datetime(2026, 10, 3, 9, 0))
    (row,) = _rows(connectors, "Demandes")
    assert (row["ID"], row["Statut"], row["Anomalies"]) == ("DEM-2026-00001", "En recherche", "")
    assert sorted(p.name.split("_DEM")[0] for p in _eml(connectors)) == ["demande_incomplete", "demande_recue"]


def test_rows_sorted_by_staff_between_two_runs_keep_their_ids(connectors, staff):
    _type_rows(connectors, "Demandes", request_answers(), request_answers({"Adresse e-mail": "b@exemple.fr"}))
    _run(connectors)
    staff.edit("Demandes", _swap_first_two_rows)
    plan, _ = _run(connectors, now=datetime(2026, 10, 3, 9, 0))
    assert plan.is_empty()
    assert {r["Adresse e-mail"]: r["ID"] for r in _rows(connectors, "Demandes")} == {
        "cpe.college-pasteur@exemple.fr": "DEM-2026-00001",
        "b@exemple.fr": "DEM-2026-00002",
    }


def _swap_first_two_rows(grid):
    grid[1], grid[2] = grid[2], grid[1]


def test_past_the_daily_cap_requests_wait_unchanged_for_the_next_day(connectors, staff):
    staff.edit("Paramètres", set_parameter("Plafond quotidien d'e-mails", "2"))
    _type_rows(connectors, "Demandes", *[request_answers({"Adresse e-mail": f"cpe{n}@exemple.fr"}) for n in range(3)])
    _run(connectors)
    assert [r["Statut"] for r in _rows(connectors, "Demandes")] == ["En recherche", "En recherche", ""]
    _run(connectors, now=datetime(2026, 10, 2, 18, 5))
    assert len(_eml(connectors)) == 2
    _run(connectors, now=datetime(2026, 10, 3, 8, 0))
    assert [r["ID"] for r in _rows(connectors, "Demandes")] == ["DEM-2026-00001", "DEM-2026-00002", "DEM-2026-00003"]
    assert len(_eml(connectors)) == 3


class RefusingMailer:
    """A mailer of our protocol that refuses the messages to some addresses, for now or for good."""

    def __init__(self, inner, refused: dict[str, bool]):
        self.inner, self.refused = inner, refused  # address → permanent

    def send(self, messages, handover=None):
        deliveries = []
        for message in messages:
            address = str(message["To"])
            if address in self.refused:
                permanent = self.refused[address]
                deliveries.append(
                    Delivery(
                        str(message[KEY_HEADER]), False, "550 inconnu" if permanent else "451 réessayez", permanent
                    )
                )
            else:
                deliveries += self.inner.send([message], handover)
        return deliveries


def test_a_mail_server_away_leaves_the_request_as_it_was_until_a_run_gets_through(connectors):
    _type_rows(connectors, "Demandes", request_answers(), request_answers({"Adresse e-mail": "b@exemple.fr"}))
    away = replace(connectors, mailer=RefusingMailer(connectors.mailer, {"b@exemple.fr": False}))
    _run(away)
    assert [(r["ID"], r["Statut"]) for r in _rows(connectors, "Demandes")] == [
        ("DEM-2026-00001", "En recherche"),
        ("DEM-2026-00002", ""),
    ]  # its ID kept
    _run(connectors, now=datetime(2026, 10, 2, 18, 5))
    assert [(r["ID"], r["Statut"]) for r in _rows(connectors, "Demandes")] == [
        ("DEM-2026-00001", "En recherche"),
        ("DEM-2026-00002", "En recherche"),
    ]
    assert len(_eml(connectors)) == 2


def test_an_address_refused_for_good_is_shown_to_staff_on_the_request(connectors):
    _type_rows(connectors, "Demandes", request_answers({"Adresse e-mail": "b@exemple.fr"}))
    _run(replace(connectors, mailer=RefusingMailer(connectors.mailer, {"b@exemple.fr": True})))
    (row,) = _rows(connectors, "Demandes")
    assert (row["ID"], row["Statut"]) == ("DEM-2026-00001", "En recherche")
    assert row["Anomalies"] == "E-mail « demande_recue » non remis à b@exemple.fr (550 inconnu) : vérifiez l'adresse."
    sendings = [(r["Modèle"], r["Résultat"]) for r in _rows(connectors, "Envois")]
    assert sendings == [("demande_recue", "prévu"), ("demande_recue", "échec")]


def test_the_hand_over_log_only_ever_holds_the_last_unfinished_run(connectors):
    _type_rows(connectors, "Demandes", request_answers())
    _run(connectors)
    assert len(_eml(connectors)) == 1
    assert list(connectors.settings.state_dir.glob("remises-*.log")) == []  # results are in the Journal


def test_a_word_typed_for_a_number_in_parametres_shows_on_its_line_and_staff_are_told_once(connectors, staff):
    staff.edit("Paramètres", set_parameter("Adresse de l'équipe", "equipe@exemple.fr"))
    staff.edit("Paramètres", set_parameter("Délai de réponse à une proposition (jours)", "cinq"))
    _run(connectors)
    _run(connectors, NOW.replace(hour=19))
    (line,) = [row for row in _rows(connectors, "Paramètres") if row["Anomalies"]]
    assert line["Paramètre"] == "Délai de réponse à une proposition (jours)"
    assert line["Anomalies"] == (
        "• « cinq » ne convient pas (attendu : un nombre entier de 1 à 60) : valeur par défaut utilisée, 5"
    )
    assert [path.name.split("_")[0] for path in connectors.settings.outbox.glob("parametres*.eml")] == ["parametres"]
    staff.edit("Paramètres", set_parameter("Délai de réponse à une proposition (jours)", "4"))
    _run(connectors, NOW.replace(hour=20))
    assert not any(row["Anomalies"] for row in _rows(connectors, "Paramètres"))


def test_a_mail_server_that_cannot_be_used_fails_the_run_at_once_and_changes_no_request(connectors, relay):
    from connectors.mail import MailServerError
    from connectors.smtp import SmtpMailer

    _type_rows(connectors, "Demandes", request_answers(), request_answers({"Adresse e-mail": "b@exemple.fr"}))
    without_tls = replace(connectors, mailer=SmtpMailer("127.0.0.1", relay.port, security="starttls", pause=30))
    with pytest.raises(MailServerError, match="ne propose pas STARTTLS"):
        _run(without_tls)
    assert [(r["ID"], r["Statut"]) for r in _rows(connectors, "Demandes")] == [
        ("DEM-2026-00001", ""),
        ("DEM-2026-00002", ""),
    ]
    assert len(relay.sessions) == 1 and relay.received == []
    _run(connectors)  # the operator fixed the setting: the next run does it all
    assert [r["Statut"] for r in _rows(connectors, "Demandes")] == ["En recherche", "En recherche"]
