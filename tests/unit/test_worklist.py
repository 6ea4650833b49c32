"""The « À faire » tab: each kind of line, oldest first, and each gone once the thing is done."""

from datetime import datetime

from orientest import worklist
from orientest.context import Context
from orientest.core.journal import PASSED_ON, REPLY, StatusChanged, as_row
from orientest.core.plan import Plan, RowKey, RowUpdate
from orientest.core.run_summary import snapshot_after
from orientest.core.schema import TABS, Row, Table
from orientest.worklist.lines import SUBMISSIONS
from tests.factories import active_ambassador, ambassador_answers, request_answers

NOW = datetime(2026, 11, 2, 9, 0)


def _snapshot(**rows_by_tab):
    """Tabs by name (`A_faire` for « À faire »), every tab the list reads."""
    tables = {}
    for name in (*worklist.TABS, *SUBMISSIONS):
        tab = TABS[name]
        rows = rows_by_tab.get("A_faire" if name == "À faire" else name, [])
        tables[name] = Table(tab, tuple(Row(n, values, tab) for n, values in enumerate(rows, start=2)), tab.titles())
    return tables


def _request(record_id, status, **cells):
    later = {"Date souhaitée": "15/12/2026", "Date alternative": ""}  # not yet close: no « date proche » line
    return {**request_answers(later), "ID": record_id, "Statut": status, "Mis à jour le": "20/10/2026 18:00", **cells}


def _lines(referential, snapshot):
    return [(line.kind, line.reference) for line in worklist.lines(snapshot, Context(NOW, referential))]


def test_each_thing_waiting_for_a_person_is_one_line_the_most_pressing_first(referential):
    signup = {**ambassador_answers(), "ID": "AMB-00003", "Statut": "À valider", "Horodatage": "01/10/2026 10:00:00"}
    snapshot = _snapshot(
        Ambassadeurs=[signup],
        Demandes=[
            _request("DEM-2026-00001", "Sans solution", Motif="aucun ambassadeur dans le secteur"),
            _request("DEM-2026-00002", "Pistes proposées", **{"Mis à jour le": "25/10/2026 18:00"}),
            _request("DEM-2026-00003", "En recherche", **{"Date souhaitée": "10/11/2026"}),
            _request("DEM-2026-00004", "En recherche"),
            _request("DEM-2026-00005", "Incomplète", Anomalies="• Commune : à renseigner"),
            _request("DEM-2026-00006", "Annulée", Anomalies="• ancienne anomalie"),
        ],
    )
    assert _lines(referential, snapshot) == [
        ("Date proche, demande non pourvue", "DEM-2026-00003"),
        ("Inscription à valider", "AMB-00003"),
        ("Demande sans solution", "DEM-2026-00001"),
        ("Pistes sans réponse", "DEM-2026-00002"),
        ("Formulaire incomplet", "DEM-2026-00005"),
    ]
    (soon,) = [
        line for line in worklist.lines(snapshot, Context(NOW, referential)) if line.reference == "DEM-2026-00003"
    ]
    assert soon.why == "l'intervention est prévue le 10/11/2026 : personne n'est confirmé"
    assert (soon.name, soon.tab, soon.line) == ("Collège Pasteur", "Demandes", 4)


def test_within_a_kind_the_oldest_comes_first(referential):
    late = _request("DEM-2026-00001", "Sans solution", **{"Mis à jour le": "28/10/2026 18:00"})
    early = _request("DEM-2026-00002", "Sans solution", **{"Mis à jour le": "03/10/2026 18:00"})
    assert [ref for _, ref in _lines(referential, _snapshot(Demandes=[late, early]))] == [
        "DEM-2026-00002",
        "DEM-2026-00001",
    ]


def test_a_line_goes_away_by_itself_once_the_run_did_what_ends_it(referential):
    snapshot = _snapshot(Demandes=[_request("DEM-2026-00001", "Sans solution")])
    reopened = Plan(
        "matching", updates=[RowUpdate("Demandes", RowKey(id="DEM-2026-00001"), {"Statut": "En recherche"})]
    )
    assert _lines(referential, snapshot) == [("Demande sans solution", "DEM-2026-00001")]
    assert _lines(referential, snapshot_after(snapshot, reopened)) == []


def test_a_reply_passed_on_waits_until_the_request_moves(referential):
    passed_on = {
        "Date": "30/10/2026 08:00",
        "Référence": "DEM-2026-00001",
        "Action": REPLY,
        "Résultat": PASSED_ON,
        "Détail": "la réponse ne dit pas clairement oui, non ou une autre date : Pas sûr, je vous rappelle",
    }
    request = _request("DEM-2026-00001", "Proposée")
    snapshot = _snapshot(Demandes=[request], Journal=[passed_on])
    (line,) = worklist.lines(snapshot, Context(NOW, referential))
    assert (line.kind, line.why.endswith("je vous rappelle")) == ("Réponse à lire", True)
    moved = as_row(StatusChanged("DEM-2026-00001", "Confirmée").entry(datetime(2026, 10, 31, 9), "matching"))
    assert _lines(referential, _snapshot(Demandes=[request], Journal=[passed_on, moved])) == []


def test_a_line_marked_done_by_staff_is_noted_and_not_shown_again(referential):
    passed_on = {"Date": "30/10/2026 08:00", "Référence": "DEM-2026-00001", "Action": REPLY, "Résultat": PASSED_ON}
    snapshot = _snapshot(Demandes=[_request("DEM-2026-00001", "Proposée")], Journal=[passed_on])
    (shown,), _ = worklist.rows(snapshot, Context(NOW, referential))
    marked = _snapshot(
        Demandes=[_request("DEM-2026-00001", "Proposée")], Journal=[passed_on], A_faire=[{**shown, "Fait": "Oui"}]
    )

    rows, notes = worklist.rows(marked, Context(NOW, referential))
    assert rows == [] and [note.action for note in notes] == ["à faire : fait"]
    later = _snapshot(Demandes=[_request("DEM-2026-00001", "Proposée")], Journal=[passed_on, as_row(notes[0])])
    assert _lines(referential, later) == []
    still_marked = _snapshot(
        Demandes=[_request("DEM-2026-00001", "Proposée")],
        Journal=[passed_on, as_row(notes[0])],
        A_faire=[{**shown, "Fait": "Oui"}],
    )
    assert worklist.rows(still_marked, Context(NOW, referential)) == ([], [])  # noted once, however long it stays


def test_an_anomaly_on_a_treated_answer_stays_until_staff_empty_it(referential):
    answer = {"Horodatage": "01/11/2026 10:00:00", "Jeton": "x", "Réponse": "J'accepte", "Traitée": "01/11/2026 10:05"}
    flagged = {**answer, "Anomalies": "jeton illisible"}
    assert _lines(referential, _snapshot(Réponses=[flagged])) == [("Anomalie à regarder", "Réponses, ligne 2")]
    assert _lines(referential, _snapshot(Réponses=[answer])) == []


def test_an_active_ambassador_without_anomaly_needs_nobody(referential):
    assert _lines(referential, _snapshot(Ambassadeurs=[active_ambassador("AMB-00001")])) == []


def test_lines_about_a_tab_the_run_did_not_read_are_kept_as_the_tab_shows_them(referential):
    flagged = {"Horodatage": "01/11/2026 10:00:00", "Jeton": "x", "Traitée": "01/11/2026 10:05", "Anomalies": "jeton"}
    (shown,), _ = worklist.rows(_snapshot(Réponses=[flagged]), Context(NOW, referential))
    intake_read = _snapshot(A_faire=[shown])
    del intake_read["Réponses"]  # intake never reads the answers: their lines stay as they were
    assert worklist.rows(intake_read, Context(NOW, referential))[0] == [shown]
    assert worklist.rows(_snapshot(A_faire=[shown]), Context(NOW, referential))[0] == []  # read, and fixed: gone
