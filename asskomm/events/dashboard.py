"""The state council's event dashboard: reads only the snapshot tables, and starts their
computation on demand with a progress bar."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template, request

from tenants import Tenant, db

from ..jobs import add_job_routes
from ..policy import requires
from ..snapshots.models import EventFigures, KprTrainingYear, latest_run
from ..timeutil import today
from .models import Event, EventSession

dashboard_bp = Blueprint("events_dashboard", __name__, url_prefix="/land/veranstaltungen",
                         template_folder="templates")

SUMS = [sa.func.sum(getattr(EventFigures, name)).label(name)
        for name in ("registrations", "confirmed", "waitlisted", "attended", "no_shows", "feedback_count")]


def _per_event():
    first = sa.select(EventSession.event_id, sa.func.min(EventSession.starts_at).label("starts")).group_by(
        EventSession.event_id).subquery()
    return db.session.execute(
        sa.select(Event, EventFigures, first.c.starts)
        .join(EventFigures, sa.and_(EventFigures.event_id == Event.id, EventFigures.scope == "event"))
        .outerjoin(first, first.c.event_id == Event.id)
        .order_by(first.c.starts.desc())
    ).all()


def _per_district():
    return db.session.execute(
        sa.select(EventFigures.scope_key.label("district"), *SUMS).where(EventFigures.scope == "district")
        .group_by(EventFigures.scope_key).order_by(EventFigures.scope_key)
    ).all()


def _per_kpr():
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


@dashboard_bp.get("/")
@requires("events.manage")
def dashboard():
    return render_template("events/dashboard.html", events=_per_event(), districts=_per_district(),
                           kprs=_per_kpr(), run=latest_run("events"), task_id=request.args.get("lauf"),
                           year=today().year)


add_job_routes(dashboard_bp, "workers.aggregate_events", "events.manage", "events_dashboard.dashboard")
