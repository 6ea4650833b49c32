"""`Envois` kept to one line per hand-over: the « prévu » lines a result follows leave, the others stay."""

from datetime import datetime, timedelta

from orientest.core import journal
from orientest.core.journal import settled_plans
from orientest.core.plan import Email
from orientest.core.schema import SENDINGS, Row, Table

AT = datetime(2026, 11, 3, 9, 0)


def _line(key: str, result: str, at: datetime = AT) -> dict[str, str]:
    email = Email(key, key.partition(":")[0], ("a@exemple.fr",), "DEM-2026-00001", {})
    return journal.sending_row(journal.email_entry(email, "matching", at, result))


def _removed(*lines: dict[str, str]) -> list[dict[str, str]]:
    table = Table(SENDINGS, tuple(Row(n, line, SENDINGS) for n, line in enumerate(lines, start=2)), SENDINGS.titles())
    return [dict(removal.values) for removal in settled_plans(table)]


def _left(*lines: dict[str, str]) -> list[tuple[str, str]]:
    return [(values["Clé d'idempotence"], values["Résultat"]) for values in _removed(*lines)]


def test_a_planned_line_leaves_once_its_result_is_written():
    assert _left(_line("a:1", "prévu"), _line("a:1", "envoyé")) == [("a:1", "prévu")]


def test_a_planned_line_with_no_result_stays_it_is_the_only_trace_of_a_hand_over_cut_short():
    assert _left(_line("a:1", "prévu"), _line("b:1", "envoyé")) == []


def test_every_kind_of_result_settles_the_planned_line_failures_and_maybe_delivered_too():
    lines = [_line(key, result) for key, result in (("a:1", "échec"), ("b:1", "à vérifier"))]
    assert sorted(_left(_line("a:1", "prévu"), _line("b:1", "prévu"), *lines)) == [("a:1", "prévu"), ("b:1", "prévu")]


def test_a_retry_planned_after_the_last_result_stays_until_its_own_result():
    later = AT + timedelta(hours=1)
    lines = (_line("a:1", "prévu"), _line("a:1", "échec"), _line("a:1", "prévu", later))
    assert _left(*lines) == [("a:1", "prévu")]
    assert [row["Date"] for row in _removed(*lines)] == ["03/11/2026 09:00"]


def test_results_are_never_removed_they_are_what_no_run_sends_twice():
    assert _left(_line("a:1", "envoyé"), _line("a:1", "échec")) == []


def test_no_envois_tab_nothing_to_remove():
    assert settled_plans(None) == []


def test_a_night_removes_a_bounded_number_of_lines_the_rest_the_nights_after():
    keys = [f"a:{n}" for n in range(journal.SETTLED_A_NIGHT + 10)]
    lines = [line for key in keys for line in (_line(key, "prévu"), _line(key, "envoyé"))]
    assert len(_left(*lines)) == journal.SETTLED_A_NIGHT
