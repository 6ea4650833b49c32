"""The nightly run keeps `Envois` to one line per hand-over, on both workbooks, and nothing is sent again for it."""

from datetime import datetime, timedelta

from flows import housekeeping, intake, pipeline
from orientest.core import journal
from orientest.core.plan import Email, RowAppend
from tests.factories import request_answers

NOW = datetime(2026, 10, 2, 18, 0)


def _sendings(connectors):
    return [(r["Modèle"], r["Résultat"]) for r in connectors.workbook.read(["Envois"])["Envois"].rows]


def _cut_short(connectors, at):
    """A « prévu » line and nothing after it: a run stopped while the mailer had the message."""
    email = Email("rappel:DEM-2026-00009", "rappel", ("x@exemple.fr",), "DEM-2026-00009", {})
    row = journal.sending_row(journal.email_entry(email, "followup", at, journal.PLANNED))
    connectors.workbook.write([], [RowAppend("Envois", row)])


def test_housekeeping_removes_the_planned_lines_a_result_follows_and_keeps_a_hand_over_cut_short(connectors):
    connectors.workbook.write([], [RowAppend("Demandes", request_answers())])
    pipeline.run(intake.STEP, connectors, NOW)
    _cut_short(connectors, NOW)
    assert _sendings(connectors) == [("demande_recue", "prévu"), ("demande_recue", "envoyé"), ("rappel", "prévu")]
    sent = sorted(connectors.settings.outbox.glob("*.eml"))

    _, outcome = pipeline.run(housekeeping.STEP, connectors, NOW + timedelta(hours=9))

    assert outcome.removed == 1
    assert _sendings(connectors) == [("demande_recue", "envoyé"), ("rappel", "prévu")]
    pipeline.run(intake.STEP, connectors, NOW + timedelta(hours=10))
    assert sorted(connectors.settings.outbox.glob("*.eml")) == sent  # the key's « envoyé » line still says it left
    _, again = pipeline.run(housekeeping.STEP, connectors, NOW + timedelta(days=1, hours=9))
    assert again.removed == 0
