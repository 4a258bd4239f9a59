"""What the strategy page and a goal's page show, each read with a fixed number of queries however
many action fields, goals and measures a round has."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import selectinload

from tenants import db

from ..models import ActionField, Goal, Measure, PreventionCycle
from .progress import GoalProgress, goal_progress


@dataclass
class FieldView:
    field: ActionField
    measures: list[Measure] = field(default_factory=list)


@dataclass
class StrategyView:
    cycle: PreventionCycle
    fields: list[FieldView]
    progress: dict[int, GoalProgress]
    goals: dict[int, Goal]

    @property
    def goal_count(self) -> int:
        return len(self.goals)

    def status_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self.progress.values():
            counts[entry.status_label] = counts.get(entry.status_label, 0) + 1
        return counts


def strategy_view(cycle: PreventionCycle) -> StrategyView:
    fields = db.session.scalars(
        sa.select(ActionField).where(ActionField.cycle_id == cycle.id)
        .options(selectinload(ActionField.problems), selectinload(ActionField.working_group),
                 selectinload(ActionField.goals).selectinload(Goal.series))
        .order_by(ActionField.position, ActionField.id)).all()
    views = {f.id: FieldView(f) for f in fields}
    measures = db.session.scalars(sa.select(Measure).where(Measure.cycle_id == cycle.id)
                                  .order_by(Measure.title, Measure.id)).all()
    for measure in measures:
        if measure.action_field_id in views:
            views[measure.action_field_id].measures.append(measure)
    goals = {goal.id: goal for f in fields for goal in f.goals}
    return StrategyView(cycle, list(views.values()), goal_progress(goals.values()), goals)


@dataclass
class GoalView:
    goal: Goal
    progress: GoalProgress
    measures: list[Measure]


def load_goal(goal_id: int) -> Goal:
    """The goal with its action field, round and series (another KPR's goal is not found: 404)."""
    goal = db.session.scalar(sa.select(Goal).where(Goal.id == goal_id).options(
        selectinload(Goal.action_field).selectinload(ActionField.cycle), selectinload(Goal.series)))
    if goal is None:
        abort(404)
    return goal


def goal_view(goal: Goal) -> GoalView:
    measures = db.session.scalars(sa.select(Measure).where(Measure.goal_id == goal.id)
                                  .order_by(Measure.title, Measure.id)).all()
    return GoalView(goal, goal_progress([goal])[goal.id], measures)

