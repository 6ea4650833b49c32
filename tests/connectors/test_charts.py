"""The report's charts: round axis steps, colours that keep 3:1 against white, a name for each drawing."""

import re

from connectors import charts
from tests.browser import contrast_with_white

MONTHS = [
    {"month": "sept.", "Satisfaction": 4.42, "Demandes": 13},
    {"month": "oct.", "Satisfaction": None, "Demandes": 27},
]


def test_axis_steps_are_round_numbers():
    assert charts._ticks(5, fixed=True) == [0, 1, 2, 3, 4, 5]
    assert charts._ticks(4.42) == [0, 2, 4, 6]
    assert charts._ticks(27) == [0, 10, 20, 30]
    assert charts._ticks(1) == [0, 1]
    assert charts._ticks(1234) == [0, 500, 1000, 1500]


def test_a_mark_out_of_five_is_drawn_on_its_whole_scale_and_a_month_without_data_is_marked():
    svg = str(charts.bar_chart(MONTHS, ["Satisfaction"], "Satisfaction par mois", top=5))
    assert re.findall(r'text-anchor="end" font-size="12">([^<]*)<', svg) == ["0", "1", "2", "3", "4", "5"]
    assert "Satisfaction : pas de données</title>–" in svg


def test_every_colour_keeps_three_to_one_against_white():
    assert [colour for colour in charts.PALETTE if contrast_with_white(_rgb(colour)) < 3] == []


def test_every_chart_has_a_name_and_the_map_only_one(tmp_path):
    for svg in (
        charts.bar_chart(MONTHS, ["Demandes", "Satisfaction"], "Demandes par mois"),
        charts.horizontal_bars([("Collégiens", 28)], "Participants par public"),
    ):
        assert 'role="img" aria-label="' in svg and "<title>" in svg
    source = tmp_path / "carte.svg"
    source.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" aria-label="Départements">'
        '<path id="dep-67" d="M0 0"/></svg>',
        encoding="utf-8",
    )
    drawn = str(charts.department_map(source, {"67": 3}, "Demandes reçues depuis la rentrée"))
    assert drawn.count("aria-label=") == 1 and 'aria-label="Demandes reçues depuis la rentrée"' in drawn


def _rgb(hex_colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)))
