"""A small box chart drawn on the server: on a 0–100 % scale, a box from the lower to the upper
quartile with the median for the alliance and for the KPR's size class, and the KPR's own share as
a point. The template (prevention/survey/benchmark/_chart.html) draws the geometry computed here;
the table beside it holds the same figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 304  # narrow, so that the labels stay legible when the drawing shrinks to a phone's width
LEFT = 96  # room for the row labels
RIGHT = 272  # and for the "100 %" under the scale's end
ROW = 26
TOP = 6


def x_of(percent: Decimal) -> float:
    return LEFT + float(percent) / 100 * (RIGHT - LEFT)


@dataclass(frozen=True)
class Box:
    label: str
    y: float
    lower: float
    median: float
    upper: float


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class BoxChart:
    title: str  # the drawing's text equivalent in one sentence
    boxes: list[Box]
    point_y: float | None  # the KPR's row, when it has a figure
    point_x: float | None
    bottom: float
    height: float
    ticks: list[Tick]
    width: int = WIDTH
    left: int = LEFT
    right: int = RIGHT


def box_chart(title: str, own: Decimal | None, groups: list[tuple[str, Decimal, Decimal, Decimal]]) -> BoxChart:
    """groups: (row label, lower quartile, median, upper quartile) for each distribution shown."""
    rows = 0
    point_y = None
    if own is not None:
        point_y = TOP + ROW / 2
        rows = 1
    boxes = []
    for label, lower, median, upper in groups:
        boxes.append(Box(label, TOP + rows * ROW, x_of(lower), x_of(median), x_of(upper)))
        rows += 1
    bottom = TOP + rows * ROW + 2
    ticks = [Tick(x_of(Decimal(value)), f"{value} %") for value in (0, 25, 50, 75, 100)]
    return BoxChart(title, boxes, point_y, x_of(own) if own is not None else None, bottom, bottom + 18, ticks)
