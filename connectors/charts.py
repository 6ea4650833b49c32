"""Charts for the report as inline SVG: no script, no external request, readable in print and on a phone.

Sizes are chosen for a phone: drawn 400 units wide and shown at most 600 px wide, a 12-unit label is never smaller
than 11 px once the page is 420 px wide. Colours keep 3:1 against white (WCAG 1.4.11); legends are HTML text.
"""

import math
import re
from html import escape
from pathlib import Path

from markupsafe import Markup

from orientest.core.french import NO_DATA

# Each at least 3:1 against white: blue, green, orange, red, grey, purple.
PALETTE = ("#0b5394", "#1e7b34", "#b35900", "#c0392b", "#5f6b7a", "#6a3d9a")
WIDTH, FONT = 400, 12


def bar_chart(rows: list[dict], names: list[str], title: str, height: int = 200, top: float | None = None) -> Markup:
    """Grouped bars: one group per month, one bar per name; a month without data (None) is marked « – ». `top`: a
    fixed scale (5 for a mark out of 5), else rounded up from the data."""
    left, bottom = 30, 22
    values = [month[name] for month in rows for name in names if month[name] is not None]
    ticks = _ticks(top or max(values + [1]), fixed=top is not None)
    scale = (height - bottom - 8) / ticks[-1]
    group = (WIDTH - left) / max(len(rows), 1)
    bar = group * 0.8 / max(len(names), 1)
    parts = [_svg(height, title)]
    for tick in ticks:
        y = height - bottom - tick * scale
        parts.append(
            f'<line x1="{left}" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e7eb"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="{FONT}">{_n(tick)}</text>'
        )
    for i, month in enumerate(rows):
        x0 = left + i * group + group * 0.1
        for j, name in enumerate(names):
            x = x0 + j * bar
            if month[name] is None:
                parts.append(
                    f'<text x="{x + bar / 2:.1f}" y="{height - bottom - 3}" text-anchor="middle" '
                    f'font-size="{FONT}" fill="#5f6b7a"><title>{escape(name)} : {NO_DATA}</title>–</text>'
                )
                continue
            h = month[name] * scale
            parts.append(
                f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{max(bar - 1, 1):.1f}" '
                f'height="{h:.1f}" fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(month["month"])}, '
                f"{escape(name)} : {_n(month[name])}</title></rect>"
            )
        parts.append(
            f'<text x="{x0 + group * 0.4:.1f}" y="{height - 6}" text-anchor="middle" '
            f'font-size="{FONT}">{escape(month["month"])}</text>'
        )
    return Markup("".join(parts) + "</svg>" + _legend(names))


def horizontal_bars(pairs: list[tuple[str, float]], title: str) -> Markup:
    """One bar per pair, its label above it (long public names fit a phone): participants by public."""
    if not pairs:
        return Markup('<p class="empty">Aucune donnée sur la période.</p>')
    top, line = max(value for _, value in pairs) or 1, 40
    parts = [_svg(line * len(pairs) + 4, title)]
    for i, (label, value) in enumerate(pairs):
        y, width = i * line + 2, 330 * value / top
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="{FONT}">{escape(label[:60])}</text>'
            f'<rect x="0" y="{y + 18}" width="{width:.1f}" height="14" fill="{PALETTE[0]}"/>'
            f'<text x="{width + 6:.1f}" y="{y + 30}" font-size="{FONT}">{_n(value)}</text>'
        )
    return Markup("".join(parts) + "</svg>")


def department_map(svg_path: Path, values: dict[str, float], label: str) -> Markup:
    """The ten départements filled by a figure (darker = more), outlined so each one shows, with the source's
    attribution kept; its name is `label` (the table beside it gives the figures)."""
    svg = svg_path.read_text(encoding="utf-8")
    top = max(values.values(), default=0) or 1

    def fill(match: re.Match) -> str:
        shade = int(235 - 170 * values.get(match[1], 0) / top)
        colour = f"rgb({shade},{min(shade + 15, 245)},250)"
        return f'<path fill="{colour}" stroke="#5f6b7a" stroke-width="0.5" id="dep-{match[1]}"'

    svg = re.sub(r'<path id="dep-(\d{2})"', fill, svg)
    svg = re.sub(r'<svg ([^>]*?)\s*aria-label="[^"]*"', r"<svg \1", svg, count=1)  # the source names it already
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" class="map" ', 1)
    return Markup(svg)


def _svg(height: float, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>'
    )


def _legend(names: list[str]) -> str:
    if len(names) < 2:
        return ""
    items = "".join(
        f'<li><span class="swatch" style="background:{PALETTE[j % len(PALETTE)]}"></span>{escape(name)}</li>'
        for j, name in enumerate(names)
    )
    return f'<ul class="legend">{items}</ul>'


def _ticks(top: float, fixed: bool = False) -> list[float]:
    """Round steps from 0: every unit of a fixed scale (0 to 5), else 1, 2 or 5 × 10ⁿ, at most five of them."""
    if fixed:
        return [float(t) for t in range(int(top) + 1)]
    magnitude = 10 ** math.floor(math.log10(top / 4)) if top > 4 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if top / (m * magnitude) <= 4)
    return [step * k for k in range(math.ceil(top / step) + 1)]


def _n(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f") if float(value).is_integer() else f"{value:.2f}".replace(".", ",")
