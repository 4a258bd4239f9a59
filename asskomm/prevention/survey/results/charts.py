"""Bar charts of the results, drawn on the server: the geometry is computed here, the template
(prevention/survey/results/_chart.html) draws it as SVG beside the table with the same figures,
which is its text equivalent. Each bar's label stands above it, so that the chart stays legible
when it shrinks to a phone's width; bars are percent on a fixed 0–100 scale. A suppressed share has
no bar and reads ".", like its table cell."""

from __future__ import annotations

from dataclasses import dataclass

from .tables import CrossTable, Figure, QuestionResult

WIDTH = 300  # about the width of a phone's column, so that the text keeps its size there
PLOT = 240  # the length of a 100 % bar; the rest holds the value
LABEL, BAR, GAP, HEADING = 15, 14, 9, 22
LABEL_CHARACTERS = 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: str  # "41,2 %", "." (suppressed) or "–" (no answers)
    label_y: int
    bar_y: int
    length: float


@dataclass(frozen=True)
class Heading:
    text: str
    y: int


@dataclass(frozen=True)
class BarChart:
    key: str  # prefix of the element ids
    title: str
    width: int
    height: int
    bars: list[Bar]
    headings: list[Heading]


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARACTERS else text[:LABEL_CHARACTERS - 1].rstrip() + "…"


class _Layout:
    def __init__(self) -> None:
        self.y, self.bars, self.headings = 4, [], []

    def heading(self, text: str) -> None:
        self.y += 6 if self.headings or self.bars else 0
        self.headings.append(Heading(_short(text), self.y + 14))
        self.y += HEADING

    def bar(self, label: str, figure: Figure) -> None:
        length = round(float(figure.share) * PLOT / 100, 1) if figure.share is not None else 0.0
        self.bars.append(Bar(_short(label), figure.share_text, self.y + 12, self.y + LABEL, length))
        self.y += LABEL + BAR + GAP

    def chart(self, key: str, title: str) -> BarChart:
        return BarChart(key, title, WIDTH, self.y, self.bars, self.headings)


def distribution_chart(key: str, result: QuestionResult) -> BarChart:
    layout = _Layout()
    for label, figure in zip(result.columns, result.overall.figures, strict=True):
        layout.bar(label, figure)
    what = "Anteil der Befragten, die diese Antwort gewählt haben" if result.multiple else "Anteile der Antworten"
    return layout.chart(key, f"Diagramm: {what} auf die Frage „{result.question.text}“ in Prozent "
                             f"(n = {result.overall.n.count_text})")


def cross_chart(key: str, result: QuestionResult, table: CrossTable) -> BarChart:
    """With a headline figure: that share per row; without: every answer's share, row by row."""
    layout = _Layout()
    rows = [*table.rows, table.total]
    if result.headline is not None:
        for row in rows:
            layout.bar(row.label, row.headline)
        return layout.chart(key, f"Diagramm: „{result.headline.label}“ in Prozent, {table.title}, zur Frage "
                                 f"„{result.question.text}“")
    for row in rows:
        layout.heading(f"{row.label} (n = {row.n.count_text})")
        for label, figure in zip(result.columns, row.figures, strict=True):
            layout.bar(label, figure)
    return layout.chart(key, f"Diagramm: Anteile der Antworten auf die Frage „{result.question.text}“ {table.title}, "
                             "in Prozent")
