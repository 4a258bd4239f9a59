"""What the state council's event dashboard shows: read only from the snapshot tables, which the
aggregation job (workers.aggregate_events) writes."""

from __future__ import annotations

import sqlalchemy as sa

from tenants import Tenant, db

from ...snapshots.models import EventFigures, KprTrainingYear
from ...timeutil import today
from ..models import Event, EventSession

SUMS = [sa.func.sum(getattr(EventFigures, name)).label(name)
        for name in ("registrations", "confirmed", "waitlisted", "attended", "no_shows", "feedback_count",
                     "kpr_participants")]


def per_event():
    """Each event with its figures, the latest first (cancelled ones too, marked on the page)."""
    first = sa.select(EventSession.event_id, sa.func.min(EventSession.starts_at).label("starts")).group_by(
        EventSession.event_id).subquery()
    return db.session.execute(
        sa.select(Event, EventFigures, first.c.starts)
        .join(EventFigures, sa.and_(EventFigures.event_id == Event.id, EventFigures.scope == "event"))
        .outerjoin(first, first.c.event_id == Event.id)
        .order_by(first.c.starts.desc())
    ).all()


def per_district():
    """The figures summed per district."""
    return db.session.execute(
        sa.select(EventFigures.scope_key.label("district"), *SUMS).where(EventFigures.scope == "district")
        .group_by(EventFigures.scope_key).order_by(EventFigures.scope_key)
    ).all()


def per_kpr():
    """The figures summed per KPR, with this year's trainings."""
    year = today().year
    trainings = sa.select(KprTrainingYear).where(KprTrainingYear.year == year).subquery()
    key = sa.cast(Tenant.id, sa.String)
    return db.session.execute(
        sa.select(Tenant.name, Tenant.district, *SUMS, trainings.c.trainings, trainings.c.participants)
        .join(EventFigures, sa.and_(EventFigures.scope == "kpr", EventFigures.scope_key == key))
        .outerjoin(trainings, trainings.c.tenant_id == Tenant.id)
        .group_by(Tenant.id, Tenant.name, Tenant.district, trainings.c.trainings, trainings.c.participants)
        .order_by(Tenant.name)
    ).all()
