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

`stages(tenant_ids)` answers for many KPRs with a fixed number of grouped queries.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import sqlalchemy as sa

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


def _open_cycles(tenant_ids: Iterable[int] | None):
    newest = sa.select(PreventionCycle.tenant_id, sa.func.max(PreventionCycle.number).label("number")) \
        .group_by(PreventionCycle.tenant_id)
    if tenant_ids is not None:
        newest = newest.where(PreventionCycle.tenant_id.in_(list(tenant_ids)))
    newest = newest.subquery()
    return db.session.execute(
        sa.select(PreventionCycle.id, PreventionCycle.tenant_id, PreventionCycle.analysis_finished_on,
                  PreventionCycle.strategy_adopted_on)
        .join(newest, sa.and_(newest.c.tenant_id == PreventionCycle.tenant_id,
                              newest.c.number == PreventionCycle.number))
    ).all()


def _having(query, cycle_column, cycle_ids: list[int]) -> set[int]:
    """Those of the rounds named that have a row of `query`."""
    if not cycle_ids:
        return set()
    return set(db.session.scalars(query.where(cycle_column.in_(cycle_ids)).distinct()))


def stages(tenant_ids: Iterable[int] | None = None) -> dict[int, Stage]:
    """The stage of each KPR named (every KPR with a round when None); KPRs without a round are
    missing from the answer: read it with .get(id, Stage.not_started)."""
    with cross_tenant("prevention cycle: the stage of each KPR"):
        cycles = _open_cycles(tenant_ids)
        ids = [c.id for c in cycles]
        with_offers = _having(sa.select(PreventionOffer.cycle_id).join(offer_problem), PreventionOffer.cycle_id, ids)
        with_fields = _having(sa.select(ActionField.cycle_id), ActionField.cycle_id, ids)
        with_goals = _having(sa.select(ActionField.cycle_id).join(Goal), ActionField.cycle_id, ids)
        evaluated = _having(sa.select(Measure.cycle_id).where(Measure.evaluated_on.is_not(None)),
                            Measure.cycle_id, ids)
        measured = _having(sa.select(ActionField.cycle_id).join(Goal).join(GoalMeasurement),
                           ActionField.cycle_id, ids)
    result: dict[int, Stage] = {}
    for cycle in cycles:
        if cycle.analysis_finished_on is None:
            stage = Stage.analysis
        elif cycle.id not in with_offers and cycle.id not in with_fields:
            stage = Stage.resources
        elif cycle.strategy_adopted_on is None or cycle.id not in with_goals:
            stage = Stage.strategy
        elif cycle.id not in evaluated and cycle.id not in measured:
            stage = Stage.measures
        else:
            stage = Stage.evaluation
        result[cycle.tenant_id] = stage
    return result


def stage_of(tenant_id: int) -> Stage:
    return stages([tenant_id]).get(tenant_id, Stage.not_started)
