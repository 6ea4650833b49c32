"""Charts for the report as inline SVG: no script, no external request, readable in print."""

import re
from html import escape
from pathlib import Path

from markupsafe import Markup

PALETTE = ("#0b5394", "#1e7b34", "#8fbc5a", "#c0392b", "#7f8c8d", "#e69f00")


def bar_chart(rows: list[dict], names: list[str], height: int = 220) -> Markup:
    """Grouped bars: one group per month, one bar per name, with a legend."""
    width, left, bottom = 640, 36, 30
    top = max([month[name] for month in rows for name in names] + [1])
    group = (width - left) / max(len(rows), 1)
    bar = group * 0.8 / max(len(names), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 40}" role="img" '
             f'class="chart">']
    for tick in (0, top / 2, top):
        y = height - bottom - (height - bottom - 10) * tick / top
        parts.append(f'<line x1="{left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e7eb"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{_n(tick)}</text>')
    for i, month in enumerate(rows):
        x0 = left + i * group + group * 0.1
        for j, name in enumerate(names):
            h = (height - bottom - 10) * month[name] / top
            parts.append(f'<rect x="{x0 + j * bar:.1f}" y="{height - bottom - h:.1f}" width="{bar - 1:.1f}" '
                         f'height="{h:.1f}" fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(name)} : '
                         f'{_n(month[name])}</title></rect>')
        parts.append(f'<text x="{x0 + group * 0.4:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                     f'font-size="11">{escape(month["month"])}</text>')
    for j, name in enumerate(names):
        x = left + j * 150
        parts.append(f'<rect x="{x}" y="{height + 18}" width="10" height="10" fill="{PALETTE[j % len(PALETTE)]}"/>'
                     f'<text x="{x + 14}" y="{height + 27}" font-size="11">{escape(name)}</text>')
    return Markup("".join(parts) + "</svg>")


def horizontal_bars(pairs: list[tuple[str, float]]) -> Markup:
    """One labelled bar per pair: participants by public."""
    if not pairs:
        return Markup('<p class="empty">Aucune donnée sur la période.</p>')
    top, line = max(value for _, value in pairs) or 1, 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 {line * len(pairs) + 4}" class="chart">']
    for i, (label, value) in enumerate(pairs):
        y = i * line + 2
        parts.append(f'<text x="0" y="{y + 15}" font-size="12">{escape(label[:40])}</text>'
                     f'<rect x="260" y="{y + 3}" width="{320 * value / top:.1f}" height="16" fill="{PALETTE[0]}"/>'
                     f'<text x="{266 + 320 * value / top:.1f}" y="{y + 15}" font-size="12">{_n(value)}</text>')
    return Markup("".join(parts) + "</svg>")


def department_map(svg_path: Path, values: dict[str, float], label: str) -> Markup:
    """The ten départements filled by a figure (lighter = fewer), with the source's attribution kept."""
    svg = svg_path.read_text(encoding="utf-8")
    top = max(values.values(), default=0) or 1

    def fill(match: re.Match) -> str:
        shade = int(235 - 170 * values.get(match[1], 0) / top)
        colour = f"rgb({shade},{min(shade + 15, 245)},250)"
        return f'<path fill="{colour}" stroke="#ffffff" stroke-width="0.6" id="dep-{match[1]}"'
    svg = re.sub(r'<path id="dep-(\d{2})"', fill, svg)
    svg = svg.replace('<svg ', f'<svg role="img" aria-label="{escape(label)}" class="map" ', 1)
    return Markup(svg)


def _n(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f") if float(value).is_integer() else f"{value:.2f}".replace(".", ",")
