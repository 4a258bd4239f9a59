"""The published tables as a file: one line per figure (overall and per breakdown row), with "." where
the page shows "." — the same suppressed numbers, never a response or a text answer."""

from __future__ import annotations

from collections.abc import Sequence

from ....exports import Cell, csv_bytes, xlsx_bytes
from ...statistics.table import german
from ..models import Survey
from .suppression import RULE
from .tables import HIDDEN, Figure, QuestionResult, Results, Row

HEADER = ["Abschnitt", "Frage", "Aufschlüsselung", "Gruppe", "Antwort", "Anzahl", "Anteil (%)", "n der Gruppe"]
OVERALL = "gesamt"
TEXT = "Freitext (Antworten werden nicht ausgegeben)"
SHARE_COLUMN = HEADER.index("Anteil (%)")


def _line(result, breakdown: str, group: str, answer: str, figure: Figure, n: Figure | None) -> list[Cell]:
    share: Cell = "" if figure.share is None and not figure.hidden else HIDDEN if figure.share is None else figure.share
    return [result.question.section.title, result.question.text, breakdown, group, answer,
            HIDDEN if figure.count is None else figure.count, share,
            "" if n is None else HIDDEN if n.count is None else n.count]


def _row_lines(result: QuestionResult, breakdown: str, group: str, row: Row) -> list[list[Cell]]:
    lines = [_line(result, breakdown, group, label, figure, row.n)
             for label, figure in zip(result.columns, row.figures, strict=True)]
    if result.headline is not None and row.headline is not None:
        lines.append(_line(result, breakdown, group, f"Kennzahl: {result.headline.label}", row.headline, row.n))
    return lines


def lines(results: Results) -> list[list[Cell]]:
    found: list[list[Cell]] = []
    for result in results.questions:
        if not isinstance(result, QuestionResult):
            found.append(_line(result, OVERALL, "", TEXT, result.n, None))
            continue
        found += _row_lines(result, OVERALL, "", result.overall)
        for table in result.breakdowns:
            for row in table.rows:
                found += _row_lines(result, table.row_label, row.label, row)
    return found


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, int):
        return str(cell)
    return german(cell, 1).replace(".", "")  # 41,2 for German spreadsheets, no thousands dot


def title(survey: Survey, results: Results) -> str:
    return f"{survey.title}: Ergebnisse ({results.responses} Antworten)"


def as_csv(survey: Survey, results: Results) -> bytes:
    rows: Sequence[Sequence[str]] = [[_text(cell) for cell in line] for line in lines(results)]
    return csv_bytes(HEADER, rows, preamble=[title(survey, results), RULE])


def as_xlsx(survey: Survey, results: Results) -> bytes:
    return xlsx_bytes(title(survey, results), "Ergebnisse", HEADER, lines(results),
                      number_format=lambda line, column: "0.0" if column == SHARE_COLUMN else "0", note=RULE)


def filename(survey: Survey, fmt: str) -> str:
    return f"Befragung-{survey.year}-Ergebnisse.{fmt}"
