"""The Journal as people read it (a sentence and a name per event); e-mails' hand-over kept apart in `Envois`."""

from datetime import date, datetime

from orientest.core import journal
from orientest.core.fingerprint import locator
from orientest.core.plan import Email, Plan, RowKey, RowUpdate
from orientest.core.record_rows import record_names
from orientest.core.schema import AMBASSADORS, JOURNAL, REQUESTS, SENDINGS, Row, Table
from tests.factories import active_ambassador, request_answers

AT = datetime(2026, 11, 3, 9, 0)


def _table(tab, rows):
    return Table(tab, tuple(Row(n, values, tab) for n, values in enumerate(rows, start=2)), tab.titles())


def test_each_event_reads_as_a_french_sentence_with_whom_it_is_about():
    names = {"DEM-2026-00001": "Collège Pasteur", "AMB-00007": "Claire Martin"}
    proposed = journal.ProposalMoved("DEM-2026-00001", "AMB-00007", "Envoyée", date(2026, 11, 10))
    row = journal.as_row(proposed.entry(AT, "matching"), names)
    assert row["Événement"] == "Proposition envoyée à l'ambassadeur AMB-00007 : intervention le 10/11/2026."
    assert row["Nom"] == "Collège Pasteur — Claire Martin"
    declined = journal.as_row(journal.ProposalMoved("DEM-2026-00001", "AMB-00007", "Déclinée").entry(AT, "matching"))
    assert declined["Événement"] == "L'ambassadeur AMB-00007 décline la proposition."
    status = journal.as_row(journal.StatusChanged("DEM-2026-00001", "Sans solution", "délai écoulé").entry(AT, "m"))
    assert status["Événement"] == "La demande passe au statut « Sans solution » : délai écoulé."
    acted = journal.as_row(journal.StaffActed("DEM-2026-00001", "Rouvrir").entry(AT, "matching"))
    assert acted["Événement"] == "L'équipe demande « Rouvrir » : demandée par l'équipe."


def test_a_record_given_its_id_by_the_run_is_named_already():
    answers = request_answers()
    requests = _table(REQUESTS, [answers])
    (row,) = requests.rows
    plan = Plan("intake", updates=[RowUpdate("Demandes", RowKey(locator=locator(row, REQUESTS)), {"ID": "DEM-1"})])
    ambassadors = _table(AMBASSADORS, [active_ambassador("AMB-00001")])
    names = record_names({"Demandes": requests, "Ambassadeurs": ambassadors}, plan)
    assert names == {"DEM-1": "Collège Pasteur", "AMB-00001": names["AMB-00001"]} and names["AMB-00001"]


def test_emails_sent_are_read_from_envois_and_from_journals_written_before_it():
    email = Email("bienvenue:AMB-00001", "bienvenue", ("a@exemple.fr",), "AMB-00001", {})
    sent_now = journal.sending_row(journal.email_entry(email, "intake", AT, journal.SENT))
    old = {"Date": "02/11/2026 09:00", "Action": "e-mail : rappel", "Clé d'idempotence": "rappel:1"}
    old["Résultat"] = "envoyé"
    snapshot = {"Envois": _table(SENDINGS, [sent_now]), "Journal": _table(JOURNAL, [old])}
    assert journal.sent_keys(snapshot) == {"bienvenue:AMB-00001", "rappel:1"}
    assert journal.sent_on(snapshot, AT.date()) == 1
    plan = Plan("intake", emails=[email])
    assert journal.drop_sent(plan, snapshot).emails == []
