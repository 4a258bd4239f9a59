"""What the state council's event dashboard shows: read only from the snapshot tables, which the
aggregation job (workers.aggregate_events) writes. Events and KPRs a page at a time (two queries
each: count and page), the districts whole (there are few)."""

from __future__ import annotations

import sqlalchemy as sa

from tenants import Tenant, db

from ...paging import Page, clamp
from ...snapshots.models import EventFigures, KprTrainingYear
from ...timeutil import today
from ..models import Event, EventSession

SUMS = [sa.func.sum(getattr(EventFigures, name)).label(name)
        for name in ("registrations", "confirmed", "waitlisted", "attended", "no_shows", "feedback_count",
                     "kpr_participants")]


PAGE_SIZE = 50


def _page(query: sa.Select, page: int) -> Page:
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery())) or 0
    number, pages = clamp(total, page, PAGE_SIZE)
    return Page(db.session.execute(query.limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)).all(), total, number, pages)


def per_event(page: int = 1) -> Page:
    """Each event with its figures, the latest first (cancelled ones too, marked on the page)."""
    first = sa.select(EventSession.event_id, sa.func.min(EventSession.starts_at).label("starts")).group_by(
        EventSession.event_id).subquery()
    return _page(
        sa.select(Event, EventFigures, first.c.starts)
        .join(EventFigures, sa.and_(EventFigures.event_id == Event.id, EventFigures.scope == "event"))
        .outerjoin(first, first.c.event_id == Event.id)
        .order_by(first.c.starts.desc(), Event.id.desc()), page)


def per_district():
    """The figures summed per district."""
    return db.session.execute(
        sa.select(EventFigures.scope_key.label("district"), *SUMS).where(EventFigures.scope == "district")
        .group_by(EventFigures.scope_key).order_by(EventFigures.scope_key)
    ).all()


def per_kpr(q: str = "", page: int = 1) -> Page:
    """The figures summed per KPR (those whose name contains `q`), with this year's trainings."""
    year = today().year
    trainings = sa.select(KprTrainingYear).where(KprTrainingYear.year == year).subquery()
    key = sa.cast(Tenant.id, sa.String)
    query = (sa.select(Tenant.name, Tenant.district, *SUMS, trainings.c.trainings, trainings.c.participants)
             .join(EventFigures, sa.and_(EventFigures.scope == "kpr", EventFigures.scope_key == key))
             .outerjoin(trainings, trainings.c.tenant_id == Tenant.id)
             .group_by(Tenant.id, Tenant.name, Tenant.district, trainings.c.trainings, trainings.c.participants)
             .order_by(Tenant.name, Tenant.id))
    if q.strip():
        query = query.where(Tenant.name.icontains(q.strip(), autoescape=True))
    return _page(query, page)
