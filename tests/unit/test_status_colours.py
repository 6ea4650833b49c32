"""Status colours staff can tell apart at a glance, with black text readable on each."""

import itertools
import math

import pytest

from connectors.xlsx_layout import STATUS_COLOURS
from orientest.core.schema import AMBASSADORS, REQUESTS

APART = 12.0  # CIE76 ΔE: two light fills closer than this pass for one another in a long column
READABLE = 4.5  # WCAG contrast of black text on the fill (AA for body text)


def _lab(colour: str) -> tuple[float, float, float]:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    x = (0.4124 * linear[0] + 0.3576 * linear[1] + 0.1805 * linear[2]) / 0.95047
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    z = (0.0193 * linear[0] + 0.1192 * linear[1] + 0.9505 * linear[2]) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("tab", [REQUESTS, AMBASSADORS], ids=lambda tab: tab.name)
def test_every_two_statuses_of_a_tab_have_colours_apart(tab):
    statuses = [status for status in tab.column("Statut").choices if status in STATUS_COLOURS]
    assert len(statuses) >= len(tab.column("Statut").choices) - 1  # every status coloured (`Incomplète` may be white)
    close = [
        (a, b, round(math.dist(_lab(STATUS_COLOURS[a]), _lab(STATUS_COLOURS[b])), 1))
        for a, b in itertools.combinations(statuses, 2)
        if math.dist(_lab(STATUS_COLOURS[a]), _lab(STATUS_COLOURS[b])) < APART
    ]
    assert close == []


def test_black_text_stays_readable_on_every_status_colour():
    assert [s for s, c in STATUS_COLOURS.items() if (_luminance(c) + 0.05) / 0.05 < READABLE] == []
