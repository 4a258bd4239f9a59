"""Where a KPR stands in the cycle, derived from its records and never typed.

The stage is read from the KPR's open round (the newest one not closed):
no round yet → not started; analysis not finished → Sicherheitsanalyse; no offer of the inventory
held against a problem of the round (and no action field yet) → Bedarfs- und Ressourcenanalyse;
strategy not adopted or without a goal → Präventionsstrategie; no measure evaluated and no goal
measured → Maßnahmen; else → Evaluation. Closing a round opens the next one at the
Sicherheitsanalyse.

Why "held against a problem" and not just "an offer": closing a round carries its offers into the
next one (without their problems), so a mere offer would skip the Bedarfs- und Ressourcenanalyse in
every round after the first. A round whose strategy work has begun (an action field) is past it
even where no offer meets any problem (all of them gaps).

`stages(tenant_ids)` answers for many KPRs in one query; `stage_expression()` is the same decision
in SQL, for filtering, sorting and counting many KPRs by stage.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from tenants import cross_tenant, db

from .models import ActionField, Goal, GoalMeasurement, Measure, PreventionCycle, PreventionOffer, offer_problem


class Stage(enum.StrEnum):
    not_started = "not_started"
    analysis = "analysis"
    resources = "resources"
    strategy = "strategy"
    measures = "measures"
    evaluation = "evaluation"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def position(self) -> int:
        return list(Stage).index(self)


LABELS = {
    Stage.not_started: "noch nicht begonnen",
    Stage.analysis: "Sicherheitsanalyse",
    Stage.resources: "Bedarfs- und Ressourcenanalyse",
    Stage.strategy: "Präventionsstrategie",
    Stage.measures: "Maßnahmen",
    Stage.evaluation: "Evaluation",
}
CYCLE = [Stage.analysis, Stage.resources, Stage.strategy, Stage.measures, Stage.evaluation]


def _has(query) -> sa.Exists:
    """Whether the round of the outer query has a row of `query` (correlated on the round)."""
    return query.exists()


def _conditions(cycle) -> dict[str, sa.Exists]:
    """What a round's stage depends on beside its dates, as EXISTS correlated on `cycle`."""
    return {
        "linked_offer": _has(sa.select(PreventionOffer.id).join(offer_problem)
                             .where(PreventionOffer.cycle_id == cycle.id)),
        "action_field": _has(sa.select(ActionField.id).where(ActionField.cycle_id == cycle.id)),
        "goal": _has(sa.select(Goal.id).join(ActionField).where(ActionField.cycle_id == cycle.id)),
        "evaluated": _has(sa.select(Measure.id).where(Measure.cycle_id == cycle.id, Measure.evaluated_on.is_not(None))),
        "measured": _has(sa.select(GoalMeasurement.id).join(Goal).join(ActionField)
                         .where(ActionField.cycle_id == cycle.id)),
    }


def _open_cycles(tenant_ids: Iterable[int] | None):
    """Each KPR's newest round with what its stage depends on, in one query."""
    newest = sa.select(PreventionCycle.tenant_id, sa.func.max(PreventionCycle.number).label("number")) \
        .group_by(PreventionCycle.tenant_id)
    if tenant_ids is not None:
        newest = newest.where(PreventionCycle.tenant_id.in_(list(tenant_ids)))
    newest = newest.subquery()
    cycle = PreventionCycle
    return db.session.execute(
        sa.select(cycle.tenant_id, cycle.analysis_finished_on, cycle.strategy_adopted_on,
                  *(condition.label(name) for name, condition in _conditions(cycle).items()))
        .join(newest, sa.and_(newest.c.tenant_id == cycle.tenant_id, newest.c.number == cycle.number))
    ).all()


def stage_expression(tenant_id) -> sa.ColumnElement[str]:
    """SQL for the stage (its value) of the KPR whose id is `tenant_id`, a column of the outer
    query: the same decision as `stages()`, to filter, sort and count by stage in SQL without
    reading every KPR's round. Statements carrying it read rounds across KPRs: `cross_tenant`."""
    cycle = aliased(PreventionCycle)
    has = _conditions(cycle)
    decided = sa.case(
        (cycle.analysis_finished_on.is_(None), Stage.analysis.value),
        (~has["linked_offer"] & ~has["action_field"], Stage.resources.value),
        (cycle.strategy_adopted_on.is_(None) | ~has["goal"], Stage.strategy.value),
        (~has["evaluated"] & ~has["measured"], Stage.measures.value),
        else_=Stage.evaluation.value)
    newest = (sa.select(decided).where(cycle.tenant_id == tenant_id)
              .order_by(cycle.number.desc()).limit(1).correlate_except(cycle).scalar_subquery())
    return sa.func.coalesce(newest, Stage.not_started.value)


def stage_position(stage) -> sa.ColumnElement[int]:
    """SQL for the position of a stage value (from `stage_expression`) in the cycle, to sort by."""
    return sa.case({s.value: s.position for s in Stage}, value=stage, else_=0)


def stages(tenant_ids: Iterable[int] | None = None) -> dict[int, Stage]:
    """The stage of each KPR named (every KPR with a round when None), in one query; KPRs without
    a round are missing from the answer: read it with .get(id, Stage.not_started)."""
    with cross_tenant("prevention cycle: the stage of each KPR"):
        cycles = _open_cycles(tenant_ids)
    result: dict[int, Stage] = {}
    for cycle in cycles:
        if cycle.analysis_finished_on is None:
            stage = Stage.analysis
        elif not cycle.linked_offer and not cycle.action_field:
            stage = Stage.resources
        elif cycle.strategy_adopted_on is None or not cycle.goal:
            stage = Stage.strategy
        elif not cycle.evaluated and not cycle.measured:
            stage = Stage.measures
        else:
            stage = Stage.evaluation
        result[cycle.tenant_id] = stage
    return result


def stage_of(tenant_id: int) -> Stage:
    return stages([tenant_id]).get(tenant_id, Stage.not_started)
