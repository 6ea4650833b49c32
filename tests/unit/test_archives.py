"""What leaves the live workbook for a finished school year's archive, and what stays."""

from datetime import date

from orientest import archives
from orientest.core.plan import held
from orientest.core.schema import TABS, Row, Table
from tests.factories import open_request

SEPTEMBER = date(2026, 9, 2)


def _snapshot(requests: list[dict[str, str]], own: dict[int, tuple[str, ...]] | None = None, **tabs) -> dict:
    def table(name: str, rows: list[dict[str, str]], own_columns=None) -> Table:
        tab = TABS[name]
        found = tuple(Row(line, values, tab) for line, values in enumerate(rows, start=2))
        return Table(tab, found, tab.titles(), own_columns or {})

    snapshot = {name: table(name, tabs.get(name, [])) for name in archives.TABS}
    snapshot["Demandes"] = table("Demandes", requests, own)
    return snapshot


def _request(record_id: str, status: str, day: str = "12/03/2026", **changes: str) -> dict[str, str]:
    return open_request(record_id, {"Date souhaitée": day, **changes}, status=status)


def test_the_archive_day_comes_after_the_indicators_of_august():
    assert archives.last_finished(date(2026, 9, 1)) == 2024
    assert archives.last_finished(SEPTEMBER) == 2025
    assert not archives.due(date(2026, 9, 1)) and archives.due(SEPTEMBER) and not archives.due(date(2026, 10, 2))
    assert archives.label(2025) == "2025-2026"


def test_a_closed_request_of_the_finished_year_leaves_with_its_processed_answer_and_journal_lines():
    snapshot = _snapshot(
        [_request("DEM-2025-00001", "Clôturée")],
        **{
            "Réponses": [
                {"Jeton": "DEM-2025-00001.AMB-00001.reponse.x.y", "Traitée": "01/03/2026 10:00"},
                {"Jeton": "DEM-2025-00001.AMB-00002.reponse.x.y", "Traitée": ""},  # not read yet: stays
            ],
            "Journal": [{"Référence": "DEM-2025-00001"}, {"Référence": "AMB-00001"}],
        },
    )

    (selection,) = archives.select(snapshot, SEPTEMBER)

    assert selection.label == "2025-2026"
    assert selection.lines == {"Demandes": (2,), "Réponses": (2,), "Journal": (2,)}


def test_a_request_still_open_or_awaiting_its_feedback_or_of_this_year_stays():
    snapshot = _snapshot(
        [
            _request("DEM-2025-00001", "Réalisée"),  # its feedback may still come
            _request("DEM-2025-00002", "Confirmée"),
            _request("DEM-2026-00001", "Annulée", "12/10/2026"),  # this school year
            _request("DEM-2025-00003", "Clôturée", Action="Rouvrir"),  # staff asked for something
        ]
    )
    assert archives.select(snapshot, SEPTEMBER) == []
    assert archives.select(_snapshot([_request("DEM-2025-00001", "Clôturée")]), date(2026, 8, 31)) == []


def test_a_request_closed_late_joins_the_archive_of_its_own_year():
    snapshot = _snapshot(
        [_request("DEM-2024-00001", "Sans solution", "12/03/2025"), _request("DEM-2025-00001", "Annulée")]
    )
    assert [(s.label, s.lines["Demandes"]) for s in archives.select(snapshot, SEPTEMBER)] == [
        ("2024-2025", (2,)),
        ("2025-2026", (3,)),
    ]


def test_a_row_holding_something_in_a_column_staff_added_stays_and_the_selection_says_which():
    snapshot = _snapshot([_request("DEM-2025-00001", "Clôturée")], own={2: ("Notes de l'équipe",)})
    (selection,) = archives.select(snapshot, SEPTEMBER)
    assert selection.count() == 0 and selection.kept == {"Demandes": ("Notes de l'équipe",)}


def test_what_the_archive_holds_already_is_not_copied_again_but_a_second_identical_row_is():
    line = Row(2, {"Référence": "DEM-2025-00001", "Détail": "relance"})
    twice = [line, Row(3, dict(line.values))]
    assert archives.missing(twice, [Row(9, {"Détail": "relance", "Référence": "DEM-2025-00001"})]) == [twice[1]]
    assert archives.missing(twice, twice) == [] and held({"a": " x ", "b": ""}) == (("a", "x"),)


def test_lines_about_ambassadors_of_the_finished_year_leave_but_those_a_run_still_reads():
    journal = [
        {"Date": "02/10/2025 10:00", "Référence": "AMB-00001", "Action": "statut : Suspendu"},
        {"Date": "03/11/2025 10:00", "Référence": "AMB-00001", "Action": "statut : Actif"},  # the last: stays
        {"Date": "04/11/2025 10:00", "Référence": "AMB-00001", "Action": "fiche mise à jour"},
        {
            "Date": "05/11/2025 10:00",
            "Référence": "AMB-00002",
            "Action": "réponse par e-mail",
            "Résultat": "transmise à l'équipe",
        },  # still waiting for staff: stays
        {"Date": "02/09/2026 10:00", "Référence": "AMB-00001", "Action": "charte acceptée"},  # this year
        {"Date": "01/06/2026 06:00", "Référence": "2026-05", "Action": "rapport mensuel"},
    ]
    sendings = [
        {"Date": "15/09/2025 08:00", "Référence": "AMB-00001", "Clé d'idempotence": "nouvelle_charte:CHARTE-2025:A"},
        {"Date": "15/09/2025 08:00", "Référence": "AMB-00001", "Clé d'idempotence": "nouvelle_charte:CHARTE-2026:A"},
    ]
    snapshot = _snapshot([], Journal=journal, Envois=sendings)
    snapshot["Ambassadeurs"] = Table(
        TABS["Ambassadeurs"], (Row(2, {"ID": "AMB-00001"}), Row(3, {"ID": "AMB-00002"})), ("ID",)
    )

    (selection,) = archives.select(snapshot, SEPTEMBER)

    # The charter in force (2026, by default) is asked for once and reminded once: its e-mails stay.
    assert selection.lines == {"Journal": (2, 4, 7), "Envois": (2,)}
