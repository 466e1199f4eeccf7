"""Server-side SVG bar charts for the dashboard (no JavaScript, no CDN)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 560
LEFT = 60
BAR_HEIGHT = 20
GAP = 8


@dataclass
class Bar:
    y: int
    label: str
    width: float
    value: float
    text: str
    text_x: float


def bar_chart(title: str, rows: list[tuple[str, float]], maximum: float | None = None, suffix: str = "") -> dict:
    """Horizontal bars, one per (label, value); `maximum` fixes the scale (100 for percentages)."""
    top = max([maximum or 0, *[v for _, v in rows]]) or 1
    usable = WIDTH - LEFT - 70
    bars = []
    for i, (label, value) in enumerate(rows):
        width = round(usable * value / top, 1)
        text = f"{value:g}{suffix}"
        bars.append(Bar(10 + i * (BAR_HEIGHT + GAP), str(label), width, value, text, LEFT + width + 6))
    return {
        "title": title,
        "width": WIDTH,
        "height": 20 + len(rows) * (BAR_HEIGHT + GAP),
        "left": LEFT,
        "bar_height": BAR_HEIGHT,
        "bars": bars,
    }
