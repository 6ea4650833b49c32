"""Statuses change only as each record's lifecycle lists, the docs say what the code does, the journal reads back."""

import ast
from datetime import date, datetime
from pathlib import Path

import pytest

from cli.status_docs import LIFECYCLES, markdown
from orientest import followup, matching
from orientest.board import prepare
from orientest.context import Context
from orientest.core import journal
from orientest.core.journal import ProposalMoved, Reopened, StatusChanged
from orientest.core.schema import (
    AMBASSADORS,
    ANSWERS,
    BASINS,
    FEEDBACK,
    JOURNAL,
    PARAMETERS,
    REQUESTS,
    UPDATES,
    Row,
    Table,
)
from orientest.core.tokens import ANSWER, Claims, sign
from orientest.statuses import ambassadors as ambassador_life
from orientest.statuses import proposals as proposal_life
from orientest.statuses import requests as request_life
from orientest.statuses.lifecycle import UNSET, IllegalTransition, Transition
from tests.factories import SECRET, active_ambassador, open_request

PROJECT = Path(__file__).resolve().parents[2]
DOMAIN = PROJECT / "orientest"
NOW = datetime(2026, 10, 5, 18, 0)


def _table(tab, rows):
    return Table(tab, tuple(Row(line, values, tab) for line, values in enumerate(rows, start=2)), tab.titles())


def _snapshot(ambassadors=(), requests=(), answers=(), journal_rows=(), updates=()):
    return {
        "Ambassadeurs": _table(AMBASSADORS, ambassadors),
        "Demandes": _table(REQUESTS, requests),
        "Réponses": _table(ANSWERS, answers),
        "Retours": _table(FEEDBACK, []),
        "Mises à jour": _table(UPDATES, updates),
        "Journal": _table(JOURNAL, journal_rows),
        "Paramètres": _table(PARAMETERS, []),
        "Bassins": _table(BASINS, []),
    }


def _sent(request_id="DEM-2026-00001", ambassador_id="AMB-00001"):
    return {
        "Date": "05/10/2026 09:00",
        "Flux": "matching",
        "Référence": request_id,
        "Action": "proposition",
        "Destinataire": ambassador_id,
        "Résultat": "Envoyée",
        "Détail": "intervention le 10/11/2026",
    }


@pytest.mark.parametrize("lifecycle", LIFECYCLES, ids=lambda lifecycle: lifecycle.kind)
def test_every_transition_goes_between_statuses_of_its_own_record(lifecycle):
    statuses = set(lifecycle.statuses)
    for transition in lifecycle.transitions:
        assert transition.target in statuses
        assert (transition.sources or set()) <= statuses | {UNSET}
        assert transition.unless <= statuses | {UNSET}


def test_a_transition_from_a_status_it_does_not_list_raises():
    with pytest.raises(IllegalTransition, match="Clôturée"):
        request_life.PROPOSE.check(request_life.RequestStatus.CLOSED)
    assert request_life.PROPOSE.check(request_life.RequestStatus.PROPOSED) == "Proposée"  # staying put
    assert request_life.CANCEL.allows("statut tapé à la main")
    assert not request_life.CANCEL.allows(request_life.RequestStatus.CLOSED)


def test_a_transition_of_another_record_kind_is_refused():
    with pytest.raises(IllegalTransition, match="demande"):
        request_life.LIFECYCLE.check(ambassador_life.LEAVE, "Confirmée")


def test_the_board_refuses_a_status_change_its_lifecycle_does_not_list(referential):
    closed = {
        **open_request("DEM-2026-00001", status="Clôturée"),
        "Ambassadeur": "AMB-00001",
        "Date confirmée": "10/09/2026",
    }
    board, _ = prepare(
        _snapshot([active_ambassador("AMB-00001")], [closed]), Context(NOW, referential, SECRET), matching.FLOW
    )
    case = board.cases["DEM-2026-00001"]
    with pytest.raises(IllegalTransition):
        board.move(case, request_life.CONFIRM)
    with pytest.raises(IllegalTransition):
        board.move(case, request_life.HOLD)
    with pytest.raises(IllegalTransition):
        board.move(case, ambassador_life.LEAVE)
    assert case.status == "Clôturée" and board.plan.journal == []


def _status_writers() -> set[tuple[str, str]]:
    """(module, function) of every place in the domain that writes a `Statut` value, in a row or a typed record."""
    writers = set()
    for path in DOMAIN.rglob("*.py"):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                stored = (
                    isinstance(node, ast.Subscript)
                    and isinstance(node.ctx, ast.Store)
                    and isinstance(node.slice, ast.Constant)
                    and node.slice.value == "Statut"
                )
                in_dict = isinstance(node, ast.Dict) and any(
                    isinstance(key, ast.Constant) and key.value == "Statut" for key in node.keys
                )
                # a typed record's status set (`replace(case.state, status=…)`, `record.update(status=…)`)
                keyword = (
                    isinstance(node, ast.Call)
                    and ast.unparse(node.func).split(".")[-1] in ("replace", "update")
                    and any(k.arg == "status" for k in node.keywords)
                )
                if stored or in_dict or keyword:
                    writers.add((str(path.relative_to(DOMAIN)), function.name))
    return writers


def test_statuses_are_written_only_where_a_lifecycle_transition_decides_them():
    # besides the transitions, intake spells back a status staff typed another way, or puts back the Journal's
    assert _status_writers() == {
        ("board/state.py", "move"),
        ("intake/run.py", "_decide_row"),
        ("intake/run.py", "_statuses_typed_by_staff"),
    }
    intake = (DOMAIN / "intake" / "run.py").read_text(encoding="utf-8")
    assert "form.lifecycle.check(form.duplicate, current)" in intake
    assert "form.lifecycle.check(form.valid if valid else form.invalid, current)" in intake
    board = (DOMAIN / "board" / "state.py").read_text(encoding="utf-8")
    assert board.count("LIFECYCLE.check(") == 4  # requests, proposals (opened, moved), ambassadors


@pytest.mark.parametrize(
    ("module", "alias"),
    [(request_life, "request_life"), (ambassador_life, "ambassador_life"), (proposal_life, "proposal_life")],
    ids=lambda x: getattr(x, "kind", ""),
)
def test_every_transition_is_made_somewhere_in_the_domain(module, alias):
    code = "\n".join(
        path.read_text(encoding="utf-8") for path in DOMAIN.rglob("*.py") if path.parent.name != "statuses"
    )
    names = [name for name, value in vars(module).items() if isinstance(value, Transition)]
    assert len(names) == len(module.LIFECYCLE.transitions)
    assert [name for name in names if f"{alias}.{name}" not in code] == []


def test_the_status_page_is_written_from_the_lifecycles():
    page = (PROJECT / "docs" / "statuts.md").read_text(encoding="utf-8")
    assert page == markdown(), "python -m cli.status_docs > docs/statuts.md"


def test_the_readme_names_every_status_of_every_record():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert [
        status
        for lifecycle in LIFECYCLES
        for status in lifecycle.statuses
        if f"`{status}`" not in readme.replace("\n", " ")
    ] == []


def test_an_acceptance_does_not_revive_a_request_staff_cancelled_by_hand(referential):
    cancelled = {**open_request("DEM-2026-00001", status="Annulée"), "Proposée à": "AMB-00001"}
    token = sign(Claims("DEM-2026-00001", "AMB-00001", ANSWER, date(2026, 10, 6)), SECRET)
    plan = matching.decide(
        _snapshot(
            [active_ambassador("AMB-00001")],
            [cancelled],
            journal_rows=[_sent()],
            answers=[{"Horodatage": "05/10/2026 10:00:00", "Jeton": token, "Réponse": "J'accepte"}],
        ),
        Context(NOW, referential, SECRET),
    )
    assert plan.emails == []
    answer = next(u.values for u in plan.updates if u.tab == "Réponses")
    assert "la demande est « Annulée »" in answer["Anomalies"]
    assert not any(u.values.get("Statut") for u in plan.updates if u.tab == "Demandes")


def test_only_an_active_ambassador_can_take_a_pause(referential):
    waiting = {**active_ambassador("AMB-00001"), "Statut": "À valider"}
    update = {
        "Horodatage": "05/10/2026 09:00:00",
        "Adresse e-mail": waiting["Adresse e-mail"],
        "Objet": "Pause",
        "Pause jusqu'au": "30/10/2026",
    }
    plan = followup.decide(_snapshot([waiting], updates=[update]), Context(NOW, referential, SECRET))
    row = next(u.values for u in plan.updates if u.tab == "Mises à jour")
    assert "seule une fiche « Actif » peut être mise en pause" in row["Anomalies"]
    assert not any(u.tab == "Ambassadeurs" and "Statut" in u.values for u in plan.updates)


OLD_ROWS = [  # as workbooks written before the events were typed hold them
    {
        "Date": "01/10/2026 09:00",
        "Flux": "matching",
        "Référence": "DEM-2026-00001",
        "Action": "statut : Proposée",
        "Détail": "à AMB-00001",
    },
    {
        "Date": "01/10/2026 09:00",
        "Flux": "matching",
        "Référence": "DEM-2026-00001",
        "Action": "proposition",
        "Destinataire": "AMB-00001",
        "Résultat": "Envoyée",
        "Détail": "intervention le 10/11/2026",
    },
    {
        "Date": "02/10/2026 09:00",
        "Flux": "matching",
        "Référence": "DEM-2026-00001",
        "Action": "proposition",
        "Destinataire": "AMB-00001",
        "Résultat": "Expirée",
        "Détail": "sans réponse dans le délai",
    },
    {
        "Date": "03/10/2026 09:00",
        "Flux": "followup",
        "Référence": "AMB-00002",
        "Action": "statut : Suspendu",
        "Détail": "pause jusqu'au 30/10/2026",
    },
    {
        "Date": "04/10/2026 09:00",
        "Flux": "matching",
        "Référence": "DEM-2026-00001",
        "Action": "action : Rouvrir",
        "Détail": "tentatives remises à zéro",
    },
    {
        "Date": "04/10/2026 09:00",
        "Flux": "matching",
        "Référence": "DEM-2026-00001",
        "Action": "e-mail : proposition",
        "Résultat": "envoyé",
    },
]


def test_journal_rows_of_older_workbooks_read_as_typed_events():
    read = [
        (dated.at, dated.event)
        for dated in journal.events(Row(n, row, JOURNAL) for n, row in enumerate(OLD_ROWS, start=2))
    ]
    assert read == [
        (datetime(2026, 10, 1, 9), StatusChanged("DEM-2026-00001", "Proposée", "à AMB-00001")),
        (
            datetime(2026, 10, 1, 9),
            ProposalMoved("DEM-2026-00001", "AMB-00001", "Envoyée", date(2026, 11, 10), "intervention le 10/11/2026"),
        ),
        (
            datetime(2026, 10, 2, 9),
            ProposalMoved("DEM-2026-00001", "AMB-00001", "Expirée", None, "sans réponse dans le délai"),
        ),
        (
            datetime(2026, 10, 3, 9),
            StatusChanged("AMB-00002", "Suspendu", "pause jusqu'au 30/10/2026", until=date(2026, 10, 30)),
        ),
        (datetime(2026, 10, 4, 9), Reopened("DEM-2026-00001")),
    ]


@pytest.mark.parametrize(
    "event",
    [
        StatusChanged("DEM-2026-00001", "Confirmée", "AMB-00001 le 10/11/2026"),
        StatusChanged("AMB-00002", "Suspendu", until=date(2026, 10, 30)),
        ProposalMoved("DEM-2026-00001", "AMB-00001", proposal_life.ProposalState.SENT, date(2026, 11, 10)),
        Reopened("DEM-2026-00001"),
    ],
    ids=lambda event: type(event).__name__,
)
def test_each_event_reads_back_as_it_was_written(event):
    row = Row(2, journal.as_row(event.entry(NOW, "matching")), JOURNAL)
    [dated] = journal.events([row])
    assert dated.at == NOW
    assert dated.event.entry(NOW, "matching") == event.entry(NOW, "matching")


def test_no_module_but_the_journal_reads_the_journal_detail():
    readers = [
        str(path.relative_to(PROJECT))
        for folder in ("orientest", "connectors", "flows", "cli")
        for path in (PROJECT / folder).rglob("*.py")
        if '["Détail"]' in path.read_text(encoding="utf-8") or "row['Détail']" in path.read_text(encoding="utf-8")
    ]
    assert readers == ["orientest/core/journal.py"]
