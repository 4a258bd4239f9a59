"""Horizontal bar charts drawn on the server as SVG images, for the page and the PDF alike. Each is an
<img> with an alt text that says what the bars say, so the PDF's figure carries it (PDF/UA) and a
screen reader gets the figures; the table beside each chart holds the same numbers."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from ..formats import format_number

WIDTH, BAR_HEIGHT, GAP, LABEL_WIDTH = 640, 22, 8, 260


@dataclass(frozen=True)
class Chart:
    src: str  # a data: URI
    alt: str
    height: int


def bar_chart(title: str, bars: list[tuple[str, Decimal | int]], kind: str = "count") -> Chart | None:
    """None without bars (or with nothing but zeros): the page then says there is nothing to show."""
    if not bars or not any(value for _, value in bars):
        return None
    largest = max(Decimal(value) for _, value in bars)
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    room = WIDTH - LABEL_WIDTH - 70
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="13">']
    for i, (label, value) in enumerate(bars):
        y = GAP + i * (BAR_HEIGHT + GAP)
        length = int(room * Decimal(value) / largest) if largest else 0
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" fill="#1a1a1a">'
                     f'{escape(_short(label))}</text>')
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(length, 1)}" height="{BAR_HEIGHT}" '
                     f'fill="#0b5394"/>')
        parts.append(f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 15}" fill="#1a1a1a">'
                     f'{escape(format_number(value, kind))}</text>')
    parts.append("</svg>")
    encoded = base64.b64encode("".join(parts).encode()).decode()
    alt = f"{title}: " + "; ".join(f"{label} {format_number(value, kind)}" for label, value in bars) + "."
    return Chart(f"data:image/svg+xml;base64,{encoded}", alt, height)


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"
