"""What the round's page reads besides the crime table: the KPR's indicator series in the round's
years, the documents a report may be, and the links to the later steps of the round."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from flask import url_for
from flask_login import current_user

from tenants import db

from ...documents.models import Document
from ...policy import can
from ..models import PreventionCycle
from ..statistics.models import IndicatorSeries
from ..statistics.table import german
from ..statistics.values import series_values


def _shown(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return german(value, 0 if value == value.to_integral_value() else 2)


@dataclass(frozen=True)
class IndicatorRow:
    series: IndicatorSeries
    values: list[str]  # per year of the round, German ("–" where none was entered)


@dataclass(frozen=True)
class IndicatorTable:
    years: list[int]
    rows: list[IndicatorRow]

    @property
    def demo(self) -> bool:
        return any(row.series.demo for row in self.rows)


def indicator_table(cycle: PreventionCycle) -> IndicatorTable:
    """Every indicator series of the KPR with its values in the round's years (two queries)."""
    series = db.session.scalars(sa.select(IndicatorSeries).order_by(IndicatorSeries.name, IndicatorSeries.id)).all()
    values = series_values(s.id for s in series)
    years = list(range(cycle.first_year, cycle.last_year + 1))
    return IndicatorTable(years, [IndicatorRow(s, [_shown(values.get((s.id, year))) for year in years])
                                  for s in series])


def report_documents() -> list[Document]:
    """The KPR's documents, any of which may be the final report."""
    return db.session.scalars(sa.select(Document).order_by(Document.title, Document.id)).all()


def round_links(cycle: PreventionCycle) -> list[tuple[str, str]]:
    """The steps of the round after the analysis, where the person may read them."""
    links = [("Probleme der Analyse", url_for("prevention.problems", cycle_id=cycle.id)),
             ("Bedarfs- und Ressourcenanalyse (Bestandsaufnahme)", url_for("prevention.offers", cycle_id=cycle.id))]
    if can(current_user, "cycle.read_strategy", cycle):
        links += [("Präventionsstrategie", url_for("prevention.strategy", cycle_id=cycle.id)),
                  ("Maßnahmen", url_for("prevention.measures", runde=cycle.id))]
    return links


@dataclass(frozen=True)
class SurveyFigures:
    """The survey's headline figures as the page shows them ("–" where none was entered)."""

    entered: bool
    year: str
    sample: str
    responses: str
    response_rate: str  # computed from sample and responses, never typed
    unsafe_share: str


def survey_figures(cycle: PreventionCycle) -> SurveyFigures:
    def percent(value: Decimal | None) -> str:
        return "–" if value is None else f"{german(value, 1)} %"

    def count(value: int | None) -> str:
        return "–" if value is None else german(value)

    entered = any(v is not None for v in (cycle.survey_year, cycle.survey_sample, cycle.survey_responses,
                                          cycle.survey_unsafe_share)) or bool(cycle.survey_problems)
    return SurveyFigures(entered, str(cycle.survey_year or "–"), count(cycle.survey_sample),
                         count(cycle.survey_responses), percent(cycle.response_rate),
                         percent(cycle.survey_unsafe_share))
