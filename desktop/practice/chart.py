"""The practice progress chart as SVG: plain text, no Qt and no plotting library needed.

The app can show it with QtSvg or hand the series to its own widget; the CLI can write it
to a file. One line per situation: approval-seeking share of each attempt, in order.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

from desktop.practice.progress import ProgressPoint

log = logging.getLogger(__name__)

_COLOURS = ("#1b6ca8", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d",
            "#2c3e50", "#b7950b", "#a93226")


def render_svg(series: Mapping[str, Sequence[ProgressPoint]],
               titles: Mapping[str, str] | None = None, *, width: int = 640,
               height: int = 320) -> str:
    """An SVG line chart (0–100 % approval-seeking sentences per attempt, per situation)."""
    titles = titles or {}
    left, right, top, bottom = 48, 180, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    longest = max((len(points) for points in series.values()), default=0)
    step = plot_w / max(longest - 1, 1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
           "<title>Approval-seeking sentences per practice attempt</title>",
           f'<rect width="{width}" height="{height}" fill="white"/>']
    for percent in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - percent / 100)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                   'stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{percent}%</text>')
    out.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle">'
               "attempt</text>")
    if not longest:
        out.append(f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h / 2:.1f}" '
                   'text-anchor="middle">No practice answers yet.</text>')
    for index, (situation, points) in enumerate(sorted(series.items())):
        colour = _COLOURS[index % len(_COLOURS)]
        coords = [(left + i * step, top + plot_h * (1 - p.approval_share))
                  for i, p in enumerate(points)]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                       'stroke-width="2"/>')
        out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in coords]
        label = escape(titles.get(situation, situation))
        y = top + 14 * index + 8
        out.append(f'<rect x="{left + plot_w + 12}" y="{y - 8}" width="10" height="10" '
                   f'fill="{colour}"/>')
        out.append(f'<text x="{left + plot_w + 26}" y="{y + 1}">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
