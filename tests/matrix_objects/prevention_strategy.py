"""Action fields and goals of the strategy for the isolation matrix: an action field in each KPR's open
round with a goal and a measure in it (so that the matrix's POST to remove the field is refused and
the field stays for the routes after it)."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from asskomm.prevention.models import ActionField, Goal, IndicatorKind, Measure
from tenants import tenant_context

from ..helpers import tenant
from .prevention_measures import open_round


def _field(session, slug: str) -> ActionField:
    title = f"Matrix-Handlungsfeld Strategie {slug}"
    field = session.scalars(sa.select(ActionField).filter_by(title=title)).first()
    if field is None:
        cycle = open_round(session)
        field = ActionField(cycle=cycle, title=title)
        goal = Goal(action_field=field, title=f"Matrix-Ziel {slug}", indicator_kind=IndicatorKind.survey_unsafe,
                    baseline_year=2023, baseline_value=Decimal(40), target_value=Decimal(30), target_year=2028)
        session.add_all([field, goal, Measure(cycle=cycle, action_field=field, goal=goal,
                                              title=f"Matrix-Maßnahme Strategie {slug}")])
        session.flush()
    return field


def _field_id(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        return _field(session, slug).id


def _goal_id(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        field = _field(session, slug)
        return session.scalar(sa.select(Goal.id).where(Goal.action_field_id == field.id).order_by(Goal.id))


OBJECTS = {"field_id": _field_id, "goal_id": _goal_id}
