"""Small server-side SVG charts (bars and lines): no JavaScript, every label escaped."""

from __future__ import annotations

import math
from html import escape

from markupsafe import Markup

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 48
COLOURS = ("#1f5fa8", "#d9822b", "#3a8d4f", "#a83a3a", "#6b4fa8")
MAX_X_LABELS = 12


def _nice_max(value: float) -> float:
    """Round a maximum up to 1, 2 or 5 times a power of ten, so the axis reads well."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _frame(title: str, top: float) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for fraction in (0, 0.5, 1):
        y = TOP + plot_h * (1 - fraction)
        value = top * fraction
        label = f"{value:g}" if value != int(value) else str(int(value))
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#555">{label}</text>'
        )
    return parts


def _x_labels(labels: list[str], centre) -> list[str]:
    every = max(1, math.ceil(len(labels) / MAX_X_LABELS))
    parts = []
    for index, label in enumerate(labels):
        if index % every == 0:
            parts.append(
                f'<text x="{centre(index):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                f'font-size="11" fill="#555">{escape(label)}</text>'
            )
    return parts


def bar_chart(labels: list[str], values: list[float], title: str) -> Markup:
    """Return an SVG bar chart, one bar per label."""
    top = _nice_max(max(values, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(values), 1)
    parts = _frame(title, top)
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        height = plot_h * value / top
        x = LEFT + slot * index + slot * 0.1
        parts.append(
            f'<rect x="{x:.1f}" y="{TOP + plot_h - height:.1f}" width="{slot * 0.8:.1f}" '
            f'height="{height:.1f}" fill="{COLOURS[0]}"><title>{escape(label)} : '
            f"{value:g}</title></rect>"
        )
    parts += _x_labels(labels, lambda i: LEFT + slot * (i + 0.5))
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(labels: list[str], series: dict[str, list[float]], title: str) -> Markup:
    """Return an SVG line chart with one line per series and a legend."""
    top = _nice_max(max((v for values in series.values() for v in values), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)
    parts = _frame(title, top)
    for number, (name, values) in enumerate(series.items()):
        colour = COLOURS[number % len(COLOURS)]
        points = " ".join(
            f"{LEFT + step * i:.1f},{TOP + plot_h * (1 - v / top):.1f}"
            for i, v in enumerate(values)
        )
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        legend_x = LEFT + 150 * number
        parts.append(
            f'<rect x="{legend_x}" y="{HEIGHT - 18}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{legend_x + 16}" y="{HEIGHT - 8}" font-size="12" fill="#333">'
            f"{escape(name)}</text>"
        )
    parts += _x_labels(labels, lambda i: LEFT + step * i)
    parts.append("</svg>")
    return Markup("".join(parts))
