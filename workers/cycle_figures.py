"""The prevention cycle's report figures (part of `workers.reports`, under its cross_tenant).

- `prevention_stage`: each KPR at its stage today (Stage.value as the category), current year only —
  the stage is derived from today's records and has no history.
- `coaching_hours_by_stage`: the current year's consultation hours, by the KPR's stage today (not by
  the topic of the consultation, which `coaching_hours` already shows).
- `measures`: the measures of each round in every year the round ran (from the start of its analysis
  to its close, today for the open one), with their status today and their action field's title as
  the category "<status>|<title>".
- `goals`: the goals of those rounds likewise, by their status (goal_progress: reached, on track, off
  track, not measured yet).

Measures and the expansion over the years are SQL (workers.report_sources). The stage and a goal's
status are rules written in Python (asskomm.prevention); they are derived here for a batch of KPRs
at a time and written to the run's working tables, so memory stays that of one batch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import sqlalchemy as sa

from asskomm.prevention.models import ActionField, Goal
from asskomm.prevention.stage import Stage, stages
from asskomm.prevention.strategy.progress import goal_progress
from tenants import db

from .report_work import GOALS, STAGES, TENANTS

BATCH = 500


def _batches() -> Iterator[list[int]]:
    """The run's KPR ids, a batch at a time (keyset: never all ids in memory at once)."""
    after = 0
    while ids := list(db.session.scalars(sa.select(TENANTS.c.tenant_id).where(TENANTS.c.tenant_id > after)
                                         .order_by(TENANTS.c.tenant_id).limit(BATCH))):
        yield ids
        after = ids[-1]


def derive_cycle_figures() -> None:
    """Fill the working tables of stages and goal statuses for the run's KPRs."""
    for ids in _batches():
        known = stages(ids)
        db.session.execute(sa.insert(STAGES), [
            {"tenant_id": tenant_id, "stage": known.get(tenant_id, Stage.not_started).value} for tenant_id in ids])
        found = db.session.execute(sa.select(Goal, ActionField.cycle_id).join(ActionField)
                                   .where(Goal.tenant_id.in_(ids))).all()
        progress = goal_progress([goal for goal, _ in found])
        counts = Counter((cycle_id, progress[goal.id].status) for goal, cycle_id in found)
        if counts:
            db.session.execute(sa.insert(GOALS), [{"cycle_id": cycle_id, "status": status, "n": n}
                                                  for (cycle_id, status), n in counts.items()])
