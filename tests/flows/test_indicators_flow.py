"""The monthly indicators on a real workbook: the report written and e-mailed once, kept as sent, and a new dated
version only when staff ask for the month again and a figure changed."""

from datetime import datetime
from email import message_from_bytes, policy

from flows import pipeline
from flows.indicators import STEP, step_for
from flows.intake import STEP as INTAKE
from orientest.core.plan import RowAppend
from tests.factories import request_answers
from tests.flows.test_followup_flow import _confirmed_intervention, _rows, _run_days
from tests.staff import set_parameter


def test_a_rerun_with_nothing_new_keeps_the_months_rows_and_sends_the_report_once(connectors, staff):
    _confirmed_intervention(connectors)
    staff.edit("Paramètres", set_parameter("Adresse de l'équipe", "equipe@exemple.fr"))
    pipeline.run(step_for("2026-10"), connectors, datetime(2026, 11, 1, 6))
    first = _rows(connectors, "Indicateurs")
    assert {r["Mois"] for r in first} == {"2026-10"}
    received = next(
        r
        for r in first
        if r["Indicateur"] == "Demandes reçues" and r["Dimension"] == "Grand Est" and r["Période"] == "mois"
    )
    assert received["Valeur"] == "1"

    pipeline.run(step_for("2026-10"), connectors, datetime(2026, 11, 1, 7))
    again = _rows(connectors, "Indicateurs")
    assert len(again) == len(first)
    assert sorted(r["ID"] for r in again) == sorted(r["ID"] for r in first)

    (email,) = sorted(connectors.settings.outbox.glob("rapport_mensuel_*.eml"))
    message = message_from_bytes(email.read_bytes(), policy=policy.default)
    (attachment,) = [part for part in message.iter_attachments()]
    assert attachment.get_filename() == "rapport-2026-10.html"
    assert (connectors.settings.reports / "rapport-2026-10.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")


def test_feedback_counts_in_the_month_it_arrives(connectors):
    _confirmed_intervention(connectors)
    _run_days(connectors, "2026-11-11")
    pipeline.run(step_for("2026-11"), connectors, datetime(2026, 12, 1, 6))
    done = next(
        r
        for r in _rows(connectors, "Indicateurs")
        if r["Indicateur"] == "Interventions réalisées" and r["Dimension"] == "Grand Est" and r["Période"] == "mois"
    )
    assert done["Valeur"] == "1"


def _body(path):
    return message_from_bytes(path.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()


def test_a_report_stays_as_sent_and_asking_again_makes_a_dated_version_saying_what_changed(connectors, staff):
    _confirmed_intervention(connectors)
    staff.edit("Paramètres", set_parameter("Adresse de l'équipe", "equipe@exemple.fr"))
    pipeline.run(step_for("2026-10"), connectors, datetime(2026, 11, 1, 6))
    sent = (connectors.settings.reports / "rapport-2026-10.html").read_bytes()
    rows = _rows(connectors, "Indicateurs")
    assert "Données arrêtées au dimanche 1er novembre 2026 à 6 h" in sent.decode()
    late = request_answers({"Horodatage": "20/10/2026 10:00:00", "Adresse e-mail": "tardive@exemple.fr"})
    connectors.workbook.write([], [RowAppend("Demandes", late)])  # a request typed in by hand, dated October
    pipeline.run(INTAKE, connectors, datetime(2026, 11, 2, 18))

    pipeline.run(STEP, connectors, datetime(2026, 11, 2, 18, 30))  # the schedule's own run: October is closed
    assert (connectors.settings.reports / "rapport-2026-10.html").read_bytes() == sent
    assert _rows(connectors, "Indicateurs") == rows

    pipeline.run(step_for("2026-10"), connectors, datetime(2026, 11, 2, 19))  # staff ask for October again
    assert (connectors.settings.reports / "rapport-2026-10.html").read_bytes() == sent
    assert "version 2, qui remplace celle du dimanche 1er novembre 2026 à 6 h" in (
        connectors.settings.reports / "rapport-2026-10-v2.html"
    ).read_text(encoding="utf-8")
    first, second = sorted(connectors.settings.outbox.glob("rapport_mensuel_*.eml"), key=lambda p: p.stat().st_mtime)
    assert "Ce qui a changé :\n- Demandes reçues : 1 → 2\n" in _body(second)
    assert "version 2" in str(message_from_bytes(second.read_bytes(), policy=policy.default)["Subject"])
    received = next(
        r
        for r in _rows(connectors, "Indicateurs")
        if r["Indicateur"] == "Demandes reçues" and r["Dimension"] == "Grand Est" and r["Période"] == "mois"
    )
    assert received["Valeur"] == "2"


def test_the_reports_text_part_reads_one_figure_a_line(connectors, staff):
    _confirmed_intervention(connectors)
    staff.edit("Paramètres", set_parameter("Adresse de l'équipe", "equipe@exemple.fr"))
    pipeline.run(step_for("2026-10"), connectors, datetime(2026, 11, 1, 6))
    (email,) = connectors.settings.outbox.glob("rapport_mensuel_*.eml")
    lines = [line for line in _body(email).splitlines() if line.startswith("- ")]
    assert [line.split(" : ")[0] for line in lines[:7]] == [
        "- Demandes reçues",
        "- Demandes confirmées",
        "- Interventions réalisées",
        "- Taux de mise en relation",
        "- Participants touchés",
        "- Satisfaction moyenne (sur 5)",
        "- Ambassadeurs actifs",
    ]


def test_the_dashboard_shows_each_indicator_with_the_school_years_months_as_columns(connectors):
    _confirmed_intervention(connectors)
    pipeline.run(step_for("2026-10"), connectors, datetime(2026, 11, 1, 6))
    _run_days(connectors, "2026-11-11")
    pipeline.run(step_for("2026-11"), connectors, datetime(2026, 12, 1, 6))
    board = _rows(connectors, "Tableau de bord")
    received = next(r for r in board if r["Indicateur"] == "Demandes reçues" and r["Dimension"] == "Grand Est")
    assert (received["Année scolaire"], received["Octobre"], received["Novembre"]) == ("2026-2027", "1", "0")
    assert received["Septembre"] == "" and received["Année à date"] == "1"  # September was never computed
    done = next(r for r in board if r["Indicateur"] == "Interventions réalisées" and r["Dimension"] == "Grand Est")
    assert (done["Octobre"], done["Novembre"]) == ("0", "1")
    assert len({(r["Indicateur"], r["Dimension"]) for r in board}) == len(board)
