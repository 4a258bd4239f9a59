"""Rounds of the prevention cycle built straight from records, up to a chosen stage, for the tests
of the start page, the state overview and the reports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from asskomm.prevention.models import (
    ActionField,
    Goal,
    GoalMeasurement,
    IndicatorKind,
    Measure,
    MeasureStatus,
    PreventionCycle,
    PreventionOffer,
    Problem,
)
from asskomm.prevention.stage import Stage
from asskomm.timeutil import today
from tenants import db

YEAR = today().year
STATUSES = list(MeasureStatus)


def build_round(stage: Stage, number: int = 1, measures: int = 1, goals: int = 1, field_title: str = "Gewalt",
                closed: bool = False) -> PreventionCycle:
    """A round of the current KPR (tenant_context) whose records put it at `stage`: each stage adds
    what the one before lacks. Measures cycle through the statuses; goals are in one action field."""
    cycle = PreventionCycle(number=number, analysis_started_on=date(YEAR - 1, 2, 1), first_year=YEAR - 6,
                            last_year=YEAR - 2)
    db.session.add(cycle)
    if closed:
        cycle.closed_on = date(YEAR - 1, 12, 1)
    if stage.position > Stage.analysis.position:
        cycle.analysis_finished_on = date(YEAR - 1, 6, 1)
    problem = Problem(cycle=cycle, title="Gewalt im öffentlichen Raum", priority=1)
    db.session.add(problem)
    if stage.position > Stage.resources.position:
        db.session.add(PreventionOffer(cycle=cycle, title="Streetwork", problems=[problem]))
    if stage.position > Stage.strategy.position:
        cycle.strategy_adopted_on = date(YEAR - 1, 9, 1)
        field = ActionField(cycle=cycle, title=field_title)
        db.session.add(field)
        made = [Goal(action_field=field, title=f"Ziel {n}", indicator_kind=IndicatorKind.survey_unsafe,
                     baseline_year=YEAR - 2, baseline_value=Decimal(30), target_value=Decimal(20),
                     target_year=YEAR + 3) for n in range(goals)]
        db.session.add_all(made)
        db.session.flush()
        for n in range(measures):
            db.session.add(Measure(cycle=cycle, action_field=field, goal=made[0] if made else None,
                                   title=f"Maßnahme {n}", status=STATUSES[n % len(STATUSES)]))
        if stage == Stage.evaluation:
            db.session.add(GoalMeasurement(goal=made[0], year=YEAR - 1, value=Decimal(27), source="Befragung"))
    db.session.flush()
    return cycle
