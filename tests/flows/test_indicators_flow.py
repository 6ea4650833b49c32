"""The monthly indicators on a real workbook: rows rewritten on a rerun, the report written and e-mailed."""

from datetime import datetime
from email import message_from_bytes, policy

from flows import pipeline
from flows.indicators import step_for
from tests.flows.test_followup_flow import _confirmed_intervention, _rows, _run_days
from tests.staff import set_parameter


def test_a_rerun_rewrites_the_months_rows_and_sends_the_report_once(connectors, staff):
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
