"""Inline SVG charts for the brand development report: drawn here, no script, no network.

Each chart is an `<svg role="img">` with a `<title>`, bars or points carrying their value as text,
so the page reads and prints the same everywhere.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

COLOURS = ("#b3261e", "#1f5fa8", "#3c8d40", "#c77c02", "#6b4fa0")
FONT = "font-family='Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, sans-serif' font-size='12'"


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float]


@dataclass(frozen=True)
class Marker:
    """A vertical reference line on a bar chart (a target, an expectation)."""

    label: str
    value: float


def text_width(text: str) -> float:
    """About how wide `text` is at 12 px: CJK characters are square, Latin ones about half."""
    return sum(12.0 if ord(char) >= 0x2E80 else 6.6 for char in text)


def _fmt(value: float, percent: bool) -> str:
    return f"{value:.1%}" if percent else f"{value:,.0f}"


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f"<svg class='chart' xmlns='http://www.w3.org/2000/svg' role='img' width='{width}' height='{height}' "
            f"viewBox='0 0 {width} {height}' {FONT}><title>{escape(title)}</title>{''.join(body)}</svg>")


def _legend(series: Sequence[Series], x: float, y: int) -> list[str]:
    parts = []
    for i, item in enumerate(series):
        parts.append(f"<rect x='{x:.1f}' y='{y - 9}' width='10' height='10' fill='{COLOURS[i % len(COLOURS)]}'/>"
                     f"<text x='{x + 14:.1f}' y='{y}'>{escape(item.label)}</text>")
        x += text_width(item.label) + 34
    return parts


def horizontal_bars(title: str, labels: Sequence[str], series: Sequence[Series], markers: Sequence[Marker] = (),
                    percent: bool = False, width: int = 720) -> str:
    """One group of bars per label, one bar per series; markers draw dashed reference lines."""
    label_width = int(min(max((text_width(label) for label in labels), default=0) + 16, width / 2))
    bar, gap, top = 12, 10, 34
    plot = width - label_width - 70
    group = bar * len(series) + gap
    height = top + group * len(labels) + 14 + 14 * len(markers)
    peak = max([*(v for s in series for v in s.values), *(m.value for m in markers), 1e-9])
    body = _legend(series, 8, 16)
    for row, label in enumerate(labels):
        y = top + row * group
        body.append(f"<text x='{label_width - 8}' y='{y + group / 2}' text-anchor='end'>{escape(label)}</text>")
        for i, item in enumerate(series):
            value = item.values[row]
            length = plot * value / peak
            by = y + i * bar
            body.append(f"<rect class='bar' x='{label_width}' y='{by}' width='{length:.1f}' height='{bar - 2}' "
                        f"fill='{COLOURS[i % len(COLOURS)]}'><title>{escape(label)}: {_fmt(value, percent)}</title></rect>"
                        f"<text x='{label_width + length + 4:.1f}' y='{by + bar - 3}' font-size='10'>{_fmt(value, percent)}</text>")
    bottom = top + group * len(labels)
    for i, marker in enumerate(markers):  # labels one under the other: markers may coincide
        x = label_width + plot * marker.value / peak
        body.append(f"<line x1='{x:.1f}' y1='{top - 4}' x2='{x:.1f}' y2='{bottom + 14 * i + 4}' stroke='#333' "
                    f"stroke-dasharray='4 3'/><text x='{x + 3:.1f}' y='{bottom + 14 * (i + 1)}' font-size='10'>"
                    f"{escape(marker.label)} {_fmt(marker.value, percent)}</text>")
    return _svg(width, height, title, body)


def vertical_bars(title: str, labels: Sequence[str], values: Sequence[float], width: int = 720, height: int = 260) -> str:
    left, top, bottom = 40, 20, 40
    plot_h = height - top - bottom
    slot = (width - left - 20) / max(len(labels), 1)
    peak = max([*values, 1e-9])
    body = [f"<line x1='{left}' y1='{top + plot_h}' x2='{width - 20}' y2='{top + plot_h}' stroke='#999'/>"]
    for i, (label, value) in enumerate(zip(labels, values)):
        h = plot_h * value / peak
        x = left + i * slot + slot * 0.2
        body.append(f"<rect class='bar' x='{x:.1f}' y='{top + plot_h - h:.1f}' width='{slot * 0.6:.1f}' height='{h:.1f}' "
                    f"fill='{COLOURS[i % len(COLOURS)]}'><title>{escape(label)}: {_fmt(value, False)}</title></rect>"
                    f"<text x='{x + slot * 0.3:.1f}' y='{top + plot_h - h - 4:.1f}' text-anchor='middle'>{_fmt(value, False)}</text>"
                    f"<text x='{x + slot * 0.3:.1f}' y='{top + plot_h + 16}' text-anchor='middle'>{escape(label)}</text>")
    return _svg(width, height, title, body)


def lines(title: str, labels: Sequence[str], series: Sequence[Series], percent: bool = False,
          width: int = 720, height: int = 260) -> str:
    """One polyline per series over the labels (the plan years)."""
    left, top, bottom, right = 60, 34, 40, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(labels) - 1, 1)
    peak = max([*(v for s in series for v in s.values), 1e-9])
    body = _legend(series, left, 16)
    body.append(f"<line x1='{left}' y1='{top + plot_h}' x2='{left + plot_w}' y2='{top + plot_h}' stroke='#999'/>")
    for i, label in enumerate(labels):
        body.append(f"<text x='{left + i * step:.1f}' y='{top + plot_h + 18}' text-anchor='middle'>{escape(label)}</text>")
    for k, item in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        points = [(left + i * step, top + plot_h - plot_h * v / peak) for i, v in enumerate(item.values)]
        body.append(f"<polyline fill='none' stroke='{colour}' stroke-width='2' "
                    f"points='{' '.join(f'{x:.1f},{y:.1f}' for x, y in points)}'/>")
        for (x, y), value in zip(points, item.values):
            body.append(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='4' fill='{colour}'><title>{escape(item.label)}: "
                        f"{_fmt(value, percent)}</title></circle>"
                        f"<text x='{x:.1f}' y='{y - 8:.1f}' text-anchor='middle' font-size='10'>{_fmt(value, percent)}</text>")
    return _svg(width, height, title, body)
