"""Journal events are read back from `Données`; `Détail` is for people, and rows older than `Données` still read."""

from datetime import date, datetime

from orientest.core.journal import (
    AlternativesOffered,
    AlternativeTaken,
    ProposalMoved,
    Redated,
    StatusChanged,
    as_row,
    events,
)
from orientest.core.schema import JOURNAL, Row
from orientest.proposals.ledger import ledger_from
from orientest.statuses.proposals import ProposalState

AT = datetime(2026, 10, 5, 9, 30)


def _rows(*entries) -> list[Row]:
    return [Row(line, as_row(entry), JOURNAL) for line, entry in enumerate(entries, start=2)]


def _edited(row: Row, detail: str) -> Row:
    return row.with_values({"Détail": detail})


def test_every_event_reads_back_as_it_was_written():
    written = [
        StatusChanged("AMB-00001", "Suspendu", until=date(2026, 10, 30)),
        ProposalMoved("DEM-2026-00001", "AMB-00002", ProposalState.SENT, date(2026, 11, 4)),
        AlternativesOffered("DEM-2026-00001", ("date-20261113", "distance")),
        AlternativeTaken("DEM-2026-00001", "distance"),
        Redated("DEM-2026-00001", date(2026, 11, 20)),
    ]
    read = [dated.event for dated in events(_rows(*(event.entry(AT, "matching") for event in written)))]
    assert [(type(e).__name__, getattr(e, "until", None) or getattr(e, "day", None)) for e in read] == [
        ("StatusChanged", date(2026, 10, 30)),
        ("ProposalMoved", date(2026, 11, 4)),
        ("AlternativesOffered", None),
        ("AlternativeTaken", None),
        ("Redated", date(2026, 11, 20)),
    ]
    assert read[2].codes == ("date-20261113", "distance") and read[3].code == "distance"


def test_a_detail_staff_rewrote_changes_nothing_a_run_reads():
    sent, moved = _rows(
        ProposalMoved("DEM-2026-00001", "AMB-00002", ProposalState.SENT, date(2026, 11, 4)).entry(AT, "matching"),
        Redated("DEM-2026-00001", date(2026, 11, 20)).entry(AT, "matching"),
    )
    ledger = ledger_from(
        [_edited(sent, "intervention le 01/01/2027 (vu au téléphone)"), _edited(moved, "déplacée, voir Julie")]
    )
    assert ledger.proposals[("DEM-2026-00001", "AMB-00002")].day == date(2026, 11, 4)
    assert ledger.days["DEM-2026-00001"] == date(2026, 11, 20)


def test_a_proposal_with_a_detail_keeps_its_day_for_the_next_run():
    (accepted,) = _rows(
        ProposalMoved(
            "DEM-2026-00001", "AMB-00002", ProposalState.ACCEPTED, date(2026, 11, 4), "acceptée par e-mail"
        ).entry(AT, "matching")
    )
    assert ledger_from([accepted]).days["DEM-2026-00001"] == date(2026, 11, 4)


def _old(reference: str, action: str, detail: str, recipient: str = "", result: str = "") -> Row:
    """A row as journals written before `Données` hold it: eight columns."""
    values = {"Date": "05/10/2026 09:30", "Référence": reference, "Action": action, "Destinataire": recipient}
    return Row(2, {**values, "Résultat": result, "Détail": detail}, JOURNAL)


def test_rows_written_before_donnees_still_read():
    old = [
        _old("AMB-00001", "statut : Suspendu", "pause jusqu'au 30/10/2026"),
        _old("DEM-2026-00001", "proposition", "intervention le 04/11/2026", "AMB-00002", "Envoyée"),
        _old("DEM-2026-00003", "pistes proposées", "date-20261113 distance"),
        _old("DEM-2026-00004", "date modifiée", "intervention le 20/11/2026"),
        _old("AMB-00005", "statut : Retiré", "à sa demande"),
    ]
    pause, proposal, offered, redated, retired = (dated.event for dated in events(old))
    assert pause.until == date(2026, 10, 30)
    assert proposal.day == date(2026, 11, 4) and proposal.state == "Envoyée"
    assert offered.codes == ("date-20261113", "distance")
    assert redated.day == date(2026, 11, 20)
    assert retired.until is None and retired.detail == "à sa demande"


def test_a_donnees_cell_broken_by_hand_falls_back_to_what_the_detail_says():
    (row,) = _rows(Redated("DEM-2026-00001", date(2026, 11, 20)).entry(AT, "matching"))
    (dated,) = events([row.with_values({"Données": '{"day": '})])
    assert dated.event.day == date(2026, 11, 20)
