"""Finding a KPR's rounds: the open one, and one named in a URL."""

from __future__ import annotations

import sqlalchemy as sa

from tenants import db

from .models import PreventionCycle


def current_cycle() -> PreventionCycle | None:
    """The current KPR's newest round (the open one; closing a round opens the next)."""
    return db.session.scalars(sa.select(PreventionCycle).order_by(PreventionCycle.number.desc()).limit(1)).first()


def cycle_or_404(cycle_id: int) -> PreventionCycle:
    return db.get_or_404(PreventionCycle, cycle_id)
