"""The prevention cycle's report figures, read across all KPRs with a fixed number of queries (part
of `workers.reports`, under its cross_tenant).

- `prevention_stage`: each KPR at its stage today (Stage.value as the category), current year only —
  the stage is derived from today's records and has no history.
- `coaching_hours_by_stage`: the current year's consultation hours, by the KPR's stage today (not by
  the topic of the consultation, which `coaching_hours` already shows).
- `measures`: the measures of each round in every year the round ran (from the start of its analysis
  to its close, today for the open one), with their status today and their action field's title as
  the category "<status>|<title>".
- `goals`: the goals of those rounds likewise, by their status (goal_progress: reached, on track, off
  track, not measured yet).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from asskomm.coaching.models import Consultation
from asskomm.prevention.models import ActionField, Goal, Measure, PreventionCycle
from asskomm.prevention.stage import Stage, stages
from asskomm.prevention.strategy.progress import goal_progress
from asskomm.reports.metrics import ACTION_FIELD_TITLE_MAX, MEASURE_CATEGORY_SEPARATOR
from asskomm.timeutil import today
from tenants import Tenant, db

# (tenant id, year, metric, category) -> value, as in workers.reports
Figures = dict[tuple[int, int, str, str], Decimal]


def measure_category(status: str, field_title: str) -> str:
    return f"{status}{MEASURE_CATEGORY_SEPARATOR}{field_title.strip()[:ACTION_FIELD_TITLE_MAX]}"


def _count(figures: Figures, tenant_id: int, years: Iterable[int], metric: str, category: str, n) -> None:
    for year in years:
        key = (tenant_id, year, metric, category)
        figures[key] = figures.get(key, Decimal(0)) + Decimal(n)


def _rounds() -> dict[int, tuple[int, range]]:
    """round id -> (its KPR, the years it ran)."""
    this_year = today().year
    return {cycle_id: (tenant_id, range(started.year, min((closed or today()).year, this_year) + 1))
            for cycle_id, tenant_id, started, closed in db.session.execute(
                sa.select(PreventionCycle.id, PreventionCycle.tenant_id, PreventionCycle.analysis_started_on,
                          PreventionCycle.closed_on))}


def _stages(figures: Figures, tenants: list[Tenant]) -> None:
    year = today().year
    known = stages()
    for tenant in tenants:
        figures[(tenant.id, year, "prevention_stage", known.get(tenant.id, Stage.not_started).value)] = Decimal(1)
    hours = db.session.execute(
        sa.select(Consultation.tenant_id, sa.func.sum(Consultation.hours))
        .where(Consultation.withdrawn_at.is_(None), Consultation.held_on >= date(year, 1, 1),
               Consultation.held_on <= date(year, 12, 31))
        .group_by(Consultation.tenant_id))
    for tenant_id, total in hours:
        if total:
            stage = known.get(tenant_id, Stage.not_started)
            _count(figures, tenant_id, [year], "coaching_hours_by_stage", stage.value, total)


def _measures(figures: Figures, rounds: dict[int, tuple[int, range]]) -> None:
    for cycle_id, status, title, n in db.session.execute(
            sa.select(Measure.cycle_id, Measure.status, ActionField.title, sa.func.count())
            .join(ActionField, Measure.action_field_id == ActionField.id)
            .group_by(Measure.cycle_id, Measure.status, ActionField.title)):
        tenant_id, years = rounds[cycle_id]
        _count(figures, tenant_id, years, "measures", measure_category(status.value, title), n)


def _goals(figures: Figures, rounds: dict[int, tuple[int, range]]) -> None:
    found = db.session.execute(sa.select(Goal, ActionField.cycle_id).join(ActionField)).all()
    progress = goal_progress([goal for goal, _ in found])
    for goal, cycle_id in found:
        tenant_id, years = rounds[cycle_id]
        _count(figures, tenant_id, years, "goals", progress[goal.id].status, 1)


def collect_cycle_figures(figures: Figures, tenants: list[Tenant]) -> None:
    """Add the cycle's figures of every KPR to `figures` (call under cross_tenant)."""
    rounds = _rounds()
    _stages(figures, tenants)
    _measures(figures, rounds)
    _goals(figures, rounds)
