"""The report's tables, built once from the snapshot rows and used by the page, its charts and
the CSV/XLSX exports alike, so a download always says what the page says."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa

from tenants import TenantStatus, db

from ..coaching.models import ConsultationTopic
from ..formats import format_number
from ..prevention.models import MeasureStatus
from ..prevention.stage import Stage
from ..prevention.strategy.progress import STATUS_LABELS as GOAL_STATUS_LABELS
from ..timeutil import format_datetime, today
from .metrics import BREAKDOWN, BY_KEY, KEY_FIGURES, MEASURE_CATEGORY_SEPARATOR, SHORT_LABELS, TREND
from .models import ReportFigure
from .selection import Selection

# year -> (metric, category) -> value
Series = dict[int, dict[tuple[str, str], Decimal]]


@dataclass
class Column:
    label: str
    kind: str = "text"  # text | count | hours | euro


@dataclass
class ReportTable:
    key: str
    title: str
    columns: list[Column]
    rows: list[list]
    chart: list[int] | None = None  # indexes of the numeric columns drawn as bars
    row_kinds: list[str] | None = None  # where each row has its own unit (hours, euros)
    row_links: list[dict[str, str]] | None = None  # report arguments of the place a row names
    note: str = ""  # what the figures mean, where the title cannot say it (page and exports)

    def kind(self, row_index: int, index: int) -> str:
        kind = self.columns[index].kind
        return self.row_kinds[row_index] if self.row_kinds and kind != "text" else kind

    def text(self, row_index: int, index: int) -> str:
        """A cell as the page shows it."""
        value, kind = self.rows[row_index][index], self.kind(row_index, index)
        return str(value) if kind == "text" else format_number(value, kind)

    def texts(self) -> list[list[str]]:
        return [[self.text(r, i) for i in range(len(self.columns))] for r in range(len(self.rows))]

    def maximum(self) -> Decimal:
        values = [Decimal(row[i] or 0) for row in self.rows for i in self.chart or []]
        return max(values, default=Decimal(0)) or Decimal(1)


def series_query(selection: Selection) -> sa.Select:
    """Every year's figures of the selection (read through ix_report_figure_scope_key_year)."""
    figure = ReportFigure
    if selection.scope == "caseload":
        return (sa.select(figure.year, figure.metric, figure.category, sa.func.sum(figure.value))
                .where(figure.scope == "kpr", figure.scope_key.in_(selection.keys))
                .group_by(figure.year, figure.metric, figure.category))
    return sa.select(figure.year, figure.metric, figure.category, figure.value).where(
        figure.scope == selection.scope, figure.scope_key == selection.keys[0])


def read_series(selection: Selection) -> Series:
    """Every year's figures of the selection, in one query."""
    series: Series = defaultdict(dict)
    for year, metric, category, value in db.session.execute(series_query(selection)):
        series[year][(metric, category)] = Decimal(value)
    return series


def breakdown_query(selection: Selection, year: int) -> sa.Select:
    figure = ReportFigure
    return (sa.select(figure.scope_key, figure.metric, sa.func.sum(figure.value))
            .where(figure.year == year, figure.scope == selection.child_scope,
                   figure.scope_key.in_([key for key, _, _ in selection.children]))
            .group_by(figure.scope_key, figure.metric))


def read_breakdown(selection: Selection, year: int) -> dict[str, dict[str, Decimal]]:
    """Per district or KPR of the selection: each metric summed over its categories, one query."""
    if not selection.child_scope or not selection.children:
        return {}
    result: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for key, metric, value in db.session.execute(breakdown_query(selection, year)):
        result[key][metric] = Decimal(value)
    return result


def _total(figures: dict[tuple[str, str], Decimal], metric: str) -> Decimal:
    return sum((v for (m, _), v in figures.items() if m == metric), Decimal(0))


def _categories(figures: dict[tuple[str, str], Decimal], metric: str) -> dict[str, Decimal]:
    return {c: v for (m, c), v in figures.items() if m == metric}


def key_figures(series: Series, year: int) -> ReportTable:
    this, before = series.get(year, {}), series.get(year - 1, {})
    rows = [[m.label, _total(before, m.key), _total(this, m.key)] for m in KEY_FIGURES]
    return ReportTable("kennzahlen", f"Kennzahlen {year} im Vergleich zu {year - 1}",
                       [Column("Kennzahl"), Column(str(year - 1), "count"), Column(str(year), "count")], rows,
                       row_kinds=[m.kind for m in KEY_FIGURES])


def lifecycle(series: Series, year: int) -> ReportTable:
    counts = _categories(series.get(year, {}), "lifecycle")
    rows = [[status.label, counts.get(status.value, Decimal(0))] for status in TenantStatus]
    return ReportTable("lebenszyklus", f"KPR nach Stand im Lebenszyklus, Ende {year}",
                       [Column("Stand"), Column("KPR", "count")], rows, chart=[1])


def coaching(series: Series, year: int) -> ReportTable:
    hours = _categories(series.get(year, {}), "coaching_hours")
    rows = [[topic.label, hours.get(topic.value, Decimal(0))] for topic in ConsultationTopic]
    return ReportTable("beratung", f"Beratungsstunden nach Thema {year}",
                       [Column("Thema"), Column("Stunden", "hours")], rows, chart=[1])


def _today_only(year: int) -> str:
    """The stage is derived from today's records: it has figures for the current year only."""
    if year == today().year:
        return "Stand heute, abgeleitet aus den Einträgen der KPR zu ihrer laufenden Runde."
    return f"Der Stand im Präventionszyklus wird nur für das laufende Jahr ermittelt; für {year} gibt es keine Zahlen."


def cycle_stages(series: Series, year: int) -> ReportTable:
    counts = _categories(series.get(year, {}), "prevention_stage")
    rows = [[stage.label, counts.get(stage.value, Decimal(0))] for stage in Stage]
    return ReportTable("zyklus", f"KPR nach Stand im Präventionszyklus {year}",
                       [Column("Stand"), Column("KPR", "count")], rows, chart=[1], note=_today_only(year))


def coaching_by_stage(series: Series, year: int) -> ReportTable:
    hours = _categories(series.get(year, {}), "coaching_hours_by_stage")
    rows = [[stage.label, hours.get(stage.value, Decimal(0))] for stage in Stage]
    note = ("Die Stunden jeder Beratung des Jahres zählen beim heutigen Stand ihres KPR im Präventionszyklus, "
            "nicht beim Thema der Beratung (das zeigt „Beratungsstunden nach Thema“). ") + _today_only(year)
    return ReportTable("beratung-zyklus", f"Beratungsstunden {year} nach Stand im Präventionszyklus",
                       [Column("Stand des KPR"), Column("Stunden", "hours")], rows, chart=[1], note=note)


def measures(series: Series, year: int) -> ReportTable:
    """Measures per action field (by title, across KPRs) and status, with the sums of both."""
    by_field: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for category, n in _categories(series.get(year, {}), "measures").items():
        status, _, title = category.partition(MEASURE_CATEGORY_SEPARATOR)
        by_field[title][status] = by_field[title].get(status, Decimal(0)) + n
    statuses = list(MeasureStatus)
    rows = [[title] + [counts.get(s.value, Decimal(0)) for s in statuses] + [sum(counts.values(), Decimal(0))]
            for title, counts in sorted(by_field.items(), key=lambda item: (-sum(item[1].values()), item[0]))]
    if rows:
        rows.append(["Alle Handlungsfelder"] + [sum((row[i] for row in rows), Decimal(0))
                                                for i in range(1, len(statuses) + 2)])
    columns = [Column("Handlungsfeld")] + [Column(s.label, "count") for s in statuses] + [Column("zusammen", "count")]
    return ReportTable("massnahmen", f"Maßnahmen nach Handlungsfeld und Status {year}", columns, rows,
                       note="Maßnahmen der Runden, die im Jahr liefen, mit ihrem heutigen Status; Handlungsfelder "
                            "verschiedener KPR mit gleichem Namen stehen in einer Zeile.")


def goals(series: Series, year: int) -> ReportTable:
    counts = _categories(series.get(year, {}), "goals")
    rows = [[label, counts.get(status, Decimal(0))] for status, label in GOAL_STATUS_LABELS.items()]
    return ReportTable("ziele", f"Ziele der Präventionsstrategien nach Stand {year}",
                       [Column("Stand des Ziels"), Column("Ziele", "count")], rows, chart=[1],
                       note="Ziele der Runden, die im Jahr liefen, beurteilt nach ihrem letzten Messwert: erreicht, "
                            "auf Kurs (so weit vom Ausgangs- zum Zielwert wie die Zeit zum Zieljahr) oder nicht.")


def working_groups(series: Series, year: int) -> ReportTable:
    themes = _categories(series.get(year, {}), "working_groups")
    rows = [[theme, count] for theme, count in sorted(themes.items(), key=lambda item: (-item[1], item[0]))]
    return ReportTable("arbeitsgruppen", f"Arbeitsgruppen nach Thema {year}",
                       [Column("Thema"), Column("Arbeitsgruppen", "count")], rows, chart=[1])


def trend(series: Series, years: list[int]) -> ReportTable:
    columns = [Column("Jahr")] + [Column(BY_KEY[key].label, BY_KEY[key].kind) for key in TREND]
    rows = [[str(year)] + [_total(series.get(year, {}), key) for key in TREND] for year in years]
    return ReportTable("verlauf", f"Entwicklung {years[0]}–{years[-1]}" if years else "Entwicklung", columns,
                       rows, chart=[1, 2])


def breakdown(selection: Selection, figures: dict[str, dict[str, Decimal]], year: int) -> ReportTable:
    kind = "Landkreis" if selection.child_scope == "district" else "KPR"
    columns = [Column(kind)] + [Column(SHORT_LABELS[key], BY_KEY[key].kind) for key in BREAKDOWN]
    rows = [[label] + [figures.get(key, {}).get(metric, Decimal(0)) for metric in BREAKDOWN]
            for key, label, _ in selection.children]
    title = f"Je Landkreis {year}" if kind == "Landkreis" else f"Je KPR {year}"
    return ReportTable("aufschluesselung", title, columns, rows, row_links=[a for _, _, a in selection.children])


def build(selection: Selection, series: Series, year: int, years: list[int],
          children: dict[str, dict[str, Decimal]]) -> list[ReportTable]:
    tables = [key_figures(series, year), lifecycle(series, year), cycle_stages(series, year), coaching(series, year),
              coaching_by_stage(series, year), working_groups(series, year), measures(series, year),
              goals(series, year), trend(series, years)]
    if selection.child_scope and selection.children:
        tables.append(breakdown(selection, children, year))
    return tables


def stamp(computed_at: datetime | None) -> str:
    return f"Stand: berechnet am {format_datetime(computed_at)}" if computed_at else "Noch nicht berechnet"
