"""Every column title and tab name written in the code exists in the schema; a typo raises instead of reading ""."""

import ast
from pathlib import Path

import pytest

from orientest.core.schema import ALL_TITLES, AMBASSADORS, REQUESTS, TABS, Row, UnknownColumn

PROJECT = Path(__file__).resolve().parents[2]
SOURCES = [path for folder in ("orientest", "connectors", "flows", "cli") for path in (PROJECT / folder).rglob("*.py")]
ROWS = {
    "row",
    "r",
    "record",
    "updated",
    "case.row",
    "self.row",
    "case.values",
    "c.values",
    "a.values",
    "update.values",
    "self.values",
}
SNAPSHOTS = {"snapshot", "tables", "self.snapshot"}


def _subscripts(kinds: set[str]) -> list[tuple[str, str]]:
    """(where, text) of every `name["text"]` in the sources, for the names in `kinds`."""
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Subscript)
                and isinstance(node.slice, ast.Constant)
                and isinstance(node.slice.value, str)
                and ast.unparse(node.value) in kinds
            ):
                found.append((f"{path.relative_to(PROJECT)}:{node.lineno}", node.slice.value))
    return found


def test_every_column_title_read_in_the_code_is_a_column_of_the_schema():
    used = _subscripts(ROWS)
    assert len(used) > 100  # the scan sees the code's row reads
    assert [(where, title) for where, title in used if title not in ALL_TITLES] == []


CAPABILITIES = (
    "intake",
    "matching",
    "followup",
    "replies",
    "reporting",
    "housekeeping",
    "sending",
    "worklist",
    "network",
)


def test_capabilities_decide_on_records_and_read_no_cell_by_its_title():
    """Cells are read by title only in the mappers: the record packages (`requests`, `ambassadors`, `proposals`,
    `submissions`, `privacy` for what each tab holds on a person), `core` and `forms`."""
    in_capabilities = [(where, title) for where, title in _subscripts(ROWS) if where.split("/")[1] in CAPABILITIES]
    assert in_capabilities == []


def test_every_tab_name_read_in_the_code_is_a_tab_of_the_schema():
    used = _subscripts(SNAPSHOTS)
    assert len(used) > 20
    assert [(where, name) for where, name in used if name not in TABS] == []


def test_a_mistyped_title_raises_instead_of_reading_an_empty_cell():
    row = Row(2, {"ID": "DEM-2026-00001"}, REQUESTS)
    assert row["Commune"] == ""  # a real column, absent from this sheet
    with pytest.raises(UnknownColumn, match="Comune"):
        row["Comune"]
    with pytest.raises(UnknownColumn):
        row["Charte"]  # a column of another tab
    with pytest.raises(UnknownColumn):
        Row(2, {})["Titre mal tapé"]


def test_code_reading_rows_of_several_tabs_alike_gets_empty_cells_for_columns_a_tab_lacks():
    ambassador = Row(2, {"ID": "AMB-00001"}, AMBASSADORS)
    assert ambassador.get("Date confirmée") == ""  # a request's column
    with pytest.raises(UnknownColumn):
        ambassador.get("Date confirmé")
