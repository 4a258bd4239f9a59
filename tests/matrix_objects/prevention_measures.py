"""Measures of the prevention cycle for the isolation matrix: a measure in each KPR's open round
(in a matrix action field), and the Beccaria step, which is a number 1–7 and not an object (the
foreign measure around it makes the step's URL foreign)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from asskomm.prevention.models import ActionField, Measure, PreventionCycle
from tenants import tenant_context

from ..helpers import tenant


def open_round(session) -> PreventionCycle:
    """The current KPR's newest round if it is open, else a new one after it."""
    newest = session.scalars(sa.select(PreventionCycle).order_by(PreventionCycle.number.desc()).limit(1)).first()
    if newest is not None and newest.closed_on is None:
        return newest
    cycle = PreventionCycle(number=(newest.number + 1) if newest else 1, analysis_started_on=date(2026, 1, 15),
                            first_year=2021, last_year=2025)
    session.add(cycle)
    session.flush()
    return cycle


def _measure(session, slug: str) -> int:
    title = f"Matrix-Maßnahme {slug}"
    with tenant_context(tenant(slug).id):
        measure_id = session.scalar(sa.select(Measure.id).filter_by(title=title))
        if measure_id is None:
            cycle = open_round(session)
            field = ActionField(cycle=cycle, title=f"Matrix-Handlungsfeld {slug}")
            measure = Measure(cycle=cycle, action_field=field, title=title)
            session.add(measure)
            session.flush()
            measure_id = measure.id
        return measure_id


OBJECTS = {"measure_id": _measure, "step": lambda session, slug: 1}
