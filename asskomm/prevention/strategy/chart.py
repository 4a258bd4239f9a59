"""A goal's values over time as a line chart drawn on the server: the geometry is computed here, the
template (prevention/strategy/_chart.html) draws it as SVG beside a table with the same figures."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from ..statistics.table import german
from .indicators import show_value
from .progress import GoalProgress

WIDTH, HEIGHT = 600, 300
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 40
STEPS = (1, 2, 2.5, 5, 10)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    year: int
    text: str
    entered: bool = False


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    right: int  # x of the plot's right edge
    top: int
    bottom: int  # y of the plot's lower edge
    baseline: Point
    target: Point
    measured: list[Point]
    x_ticks: list[Tick]
    y_ticks: list[Tick]

    @property
    def measured_line(self) -> str:
        """From the baseline through the measured values."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in [self.baseline, *self.measured])

    @property
    def target_line(self) -> str:
        """The straight way from baseline to target: where a goal on track stands."""
        return f"{self.baseline.x:.1f},{self.baseline.y:.1f} {self.target.x:.1f},{self.target.y:.1f}"


def _step(span: float) -> float:
    raw = span / 4 if span > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(s * magnitude for s in STEPS if s * magnitude >= raw)


def line_chart(goal, progress: GoalProgress) -> LineChart:
    values = [float(goal.baseline_value), float(goal.target_value), *(float(v.value) for v in progress.values)]
    low, high = min(values), max(values)
    if low >= 0:
        low = 0.0  # amounts read against zero
    step = _step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    if high == low:
        high = low + step
    first = goal.baseline_year
    last = max(goal.target_year, *(v.year for v in progress.values)) if progress.values else goal.target_year
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def x(year: int) -> float:
        return LEFT + (year - first) * (right - LEFT) / (last - first)

    def y(value: float) -> float:
        return bottom - (value - low) * (bottom - TOP) / (high - low)

    def point(year: int, value: Decimal, entered: bool = False) -> Point:
        return Point(x(year), y(float(value)), year, show_value(goal.indicator_kind, value), entered)

    every = max(1, math.ceil((last - first) / 10))
    years = list(range(first, last + 1, every))
    if years[-1] != last:
        years.append(last)
    count = round((high - low) / step)
    return LineChart(
        WIDTH, HEIGHT, LEFT, right, TOP, bottom,
        baseline=point(goal.baseline_year, goal.baseline_value),
        target=point(goal.target_year, goal.target_value),
        measured=[point(v.year, v.value, v.entered) for v in progress.values],
        x_ticks=[Tick(x(year), str(year)) for year in years],
        y_ticks=[Tick(y(low + n * step), german(Decimal(str(round(low + n * step, 6))), _tick_places(step)))
                 for n in range(count + 1)],
    )


def _tick_places(step: float) -> int:
    return 0 if step >= 1 else 1 if step >= 0.1 else 2
