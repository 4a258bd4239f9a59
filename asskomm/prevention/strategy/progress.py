"""How far each goal has come: its measured values over time, and whether it is reached, on track,
off track or not measured yet.

The values of a goal come from the records its indicator names — the KPR's crime figures after the
baseline year (cases, or the Häufigkeitszahl), an indicator series' values, the rounds' survey
results by survey year — and from values entered for the goal (GoalMeasurement), which win for
their year. `goal_progress` answers for any number of goals, of one KPR or of many, with a fixed
number of queries; it filters by the goals' KPR ids itself, so it reads the same in a request (one
KPR in scope) and in a report job under cross_tenant.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa

from tenants import db

from ..models import Goal, GoalMeasurement, IndicatorKind, PreventionCycle
from ..statistics.models import IndicatorSeries
from ..statistics.values import crime_values, series_values
from .indicators import CRIME_KINDS, Indicator

REACHED, ON_TRACK, OFF_TRACK, UNMEASURED = "reached", "on_track", "off_track", "unmeasured"
STATUS_LABELS = {
    REACHED: "Ziel erreicht",
    ON_TRACK: "auf Kurs",
    OFF_TRACK: "nicht auf Kurs",
    UNMEASURED: "noch kein Messwert",
}
PERCENT = Decimal("0.01")


@dataclass(frozen=True)
class GoalValue:
    """One measured value of a goal's indicator, with where it comes from."""

    year: int
    value: Decimal
    source: str
    entered: bool = False  # typed in for the goal, not read from the analysis' figures
    demo: bool = False  # an invented figure of the demo


@dataclass(frozen=True)
class Assessment:
    status: str
    covered: Decimal | None = None  # share of the way from baseline to target (1 = reached)
    time_passed: Decimal | None = None  # share of the time from baseline year to target year

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def assess(baseline_year: int, baseline_value: Decimal, target_year: int, target_value: Decimal,
           latest: tuple[int, Decimal] | None) -> Assessment:
    """The status of a goal from its latest measured value (year, value).

    A goal aims down or up, from baseline towards target. It is reached when the latest value is at
    or beyond the target; on track when the share of the way covered is at least the share of the
    time passed from the baseline year to the year of that value; off track otherwise. A goal whose
    target equals its baseline (the services refuse one) counts as reached only at that value.
    """
    if latest is None:
        return Assessment(UNMEASURED)
    year, value = latest
    span = Decimal(target_year - baseline_year)
    time_passed = min(Decimal(1), max(Decimal(0), Decimal(year - baseline_year) / span)) if span > 0 else Decimal(1)
    way = Decimal(target_value) - Decimal(baseline_value)
    if way == 0:
        return Assessment(REACHED if Decimal(value) == Decimal(target_value) else OFF_TRACK, None, time_passed)
    covered = (Decimal(value) - Decimal(baseline_value)) / way
    if covered >= 1:
        status = REACHED
    elif covered >= time_passed:
        status = ON_TRACK
    else:
        status = OFF_TRACK
    return Assessment(status, covered, time_passed)


@dataclass(frozen=True)
class GoalProgress:
    values: list[GoalValue]  # after the baseline year, oldest first
    assessment: Assessment

    @property
    def latest(self) -> GoalValue | None:
        return self.values[-1] if self.values else None

    @property
    def status(self) -> str:
        return self.assessment.status

    @property
    def status_label(self) -> str:
        return self.assessment.status_label

    @property
    def covered_percent(self) -> Decimal | None:
        covered = self.assessment.covered
        return None if covered is None else (covered * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)

    @property
    def time_percent(self) -> Decimal | None:
        passed = self.assessment.time_passed
        return None if passed is None else (passed * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _crime(indicators: list[Indicator]) -> dict[Indicator, dict[int, GoalValue]]:
    wanted = [i for i in indicators if i.kind in CRIME_KINDS]
    if not wanted:
        return {}
    by_key: dict[tuple[int, str], dict[int, object]] = defaultdict(dict)
    figures = crime_values({i.offence_key for i in wanted}, {i.tenant_id for i in wanted})
    for (tenant_id, key, year), figure in figures.items():
        by_key[(tenant_id, key)][year] = figure
    result = {}
    for indicator in wanted:
        values = {}
        for year, figure in by_key.get((indicator.tenant_id, indicator.offence_key), {}).items():
            if indicator.kind == IndicatorKind.crime_cases:
                values[year] = GoalValue(year, Decimal(figure.cases), "PKS: Fallzahl", demo=figure.demo)
            elif figure.rate is not None:  # a year without a population has no Häufigkeitszahl
                values[year] = GoalValue(year, figure.rate, "PKS: Häufigkeitszahl aus Fallzahl und Einwohnerzahl",
                                         demo=figure.demo)
        result[indicator] = values
    return result


def _series(indicators: list[Indicator]) -> dict[Indicator, dict[int, GoalValue]]:
    wanted = [i for i in indicators if i.kind == IndicatorKind.series and i.series_id is not None]
    if not wanted:
        return {}
    ids = {i.series_id for i in wanted}
    series = {s.id: s for s in db.session.execute(
        sa.select(IndicatorSeries.id, IndicatorSeries.tenant_id, IndicatorSeries.name, IndicatorSeries.source,
                  IndicatorSeries.demo)
        .where(IndicatorSeries.id.in_(ids), IndicatorSeries.tenant_id.in_({i.tenant_id for i in wanted})))}
    values = series_values(series)
    result = {}
    for indicator in wanted:
        found = series.get(indicator.series_id)
        if found is None or found.tenant_id != indicator.tenant_id:
            result[indicator] = {}
            continue
        source = f"Kennzahl „{found.name}“" + (f" ({found.source})" if found.source else "")
        result[indicator] = {year: GoalValue(year, value, source, demo=found.demo)
                             for (series_id, year), value in values.items() if series_id == found.id}
    return result


def _surveys(indicators: list[Indicator]) -> dict[Indicator, dict[int, GoalValue]]:
    wanted = [i for i in indicators if i.kind == IndicatorKind.survey_unsafe]
    if not wanted:
        return {}
    by_tenant: dict[int, dict[int, GoalValue]] = defaultdict(dict)
    rounds = db.session.execute(
        sa.select(PreventionCycle.tenant_id, PreventionCycle.number, PreventionCycle.survey_year,
                  PreventionCycle.survey_unsafe_share)
        .where(PreventionCycle.tenant_id.in_({i.tenant_id for i in wanted}),
               PreventionCycle.survey_year.is_not(None), PreventionCycle.survey_unsafe_share.is_not(None))
        .order_by(PreventionCycle.number))  # a later round's survey of the same year wins
    for tenant_id, number, year, share in rounds:
        by_tenant[tenant_id][year] = GoalValue(year, share, f"Bürgerbefragung {year} ({number}. Runde)")
    return {i: dict(by_tenant.get(i.tenant_id, {})) for i in wanted}


def indicator_values(indicators: Iterable[Indicator]) -> dict[Indicator, dict[int, GoalValue]]:
    """Every year's value of each indicator named, read from the figures of the analysis: at most
    five queries, however many indicators and KPRs."""
    wanted = list(set(indicators))
    result = {i: {} for i in wanted}
    result.update(_crime(wanted))
    result.update(_series(wanted))
    result.update(_surveys(wanted))
    return result


def analysis_value(indicator: Indicator, year: int) -> GoalValue | None:
    """The indicator's value in `year` from the analysis' figures (a goal's baseline), if there is one."""
    return indicator_values([indicator])[indicator].get(year)


def _entered(goal_ids: list[int], tenant_ids: set[int]) -> dict[int, list[GoalMeasurement]]:
    rows = db.session.scalars(sa.select(GoalMeasurement).where(
        GoalMeasurement.goal_id.in_(goal_ids), GoalMeasurement.tenant_id.in_(tenant_ids)))
    found: dict[int, list[GoalMeasurement]] = defaultdict(list)
    for row in rows:
        found[row.goal_id].append(row)
    return found


def entered_value(row: GoalMeasurement) -> GoalValue:
    return GoalValue(row.year, row.value, f"eingetragen: {row.source}" if row.source else "eingetragen", entered=True)


def goal_progress(goals: Iterable[Goal]) -> dict[int, GoalProgress]:
    """goal id -> its values after the baseline year and its status; at most six queries."""
    goals = list(goals)
    if not goals:
        return {}
    indicators = {goal.id: Indicator.of(goal) for goal in goals}
    measured = indicator_values(indicators.values())
    entered = _entered([goal.id for goal in goals], {goal.tenant_id for goal in goals})
    result = {}
    for goal in goals:
        by_year = dict(measured[indicators[goal.id]])
        by_year.update({row.year: entered_value(row) for row in entered.get(goal.id, [])})  # entered wins
        values = [by_year[year] for year in sorted(by_year) if year > goal.baseline_year]
        latest = (values[-1].year, values[-1].value) if values else None
        result[goal.id] = GoalProgress(values, assess(goal.baseline_year, goal.baseline_value, goal.target_year,
                                                      goal.target_value, latest))
    return result
