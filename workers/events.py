"""Cross-municipal event figures: per event, per KPR and per district, and per KPR and year.

Read with grouped queries (never one per event or KPR), written by idempotent upsert on the
natural key; a re-run or a redelivered message leaves the rows as they were.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import sqlalchemy as sa
from celery import shared_task

from asskomm.events.day.services import possible_checkin
from asskomm.events.models import (
    Attendance,
    Event,
    EventKind,
    EventSession,
    Feedback,
    InvitationReply,
    KprInvitation,
    Registration,
)
from asskomm.events.models import RegistrationStatus as Status
from asskomm.snapshots.models import EventFigures, KprTrainingYear, SnapshotRun
from asskomm.timeutil import now
from tenants import Tenant, db

from .jobs import Progress, run_locked
from .sqltime import berlin_year, ensure_functions
from .upsert import upsert

JOB = "events"
FIGURES = ("registrations", "confirmed", "waitlisted", "attended", "no_shows", "feedback_count", "kpr_participants")


def _per_registration() -> list[sa.Row]:
    """One row per registration: its event, KPR, district, status, presence, feedback. A cancelled
    one counts only with what it leaves behind (attendance, feedback): a cancellation is a state,
    and what happened stays in the figures. Presence counts only from a check-in that was possible."""
    attended = (sa.select(Attendance.registration_id)
                .join(EventSession, EventSession.id == Attendance.session_id)
                .where(Attendance.present.is_(True), possible_checkin())
                .group_by(Attendance.registration_id).subquery())
    return db.session.execute(
        sa.select(Registration.id, Registration.event_id, Registration.tenant_id, Tenant.district,
                  Registration.status, attended.c.registration_id.is_not(None).label("present"),
                  Feedback.overall)
        .outerjoin(Tenant, Tenant.id == Registration.tenant_id)
        .outerjoin(attended, attended.c.registration_id == Registration.id)
        .outerjoin(Feedback, Feedback.registration_id == Registration.id)
        .where(sa.or_(Registration.status != Status.cancelled, attended.c.registration_id.is_not(None),
                      Feedback.id.is_not(None)))
    ).all()


def _kpr_replies() -> list[sa.Row]:
    """The invited KPRs that said yes, with their participants and district."""
    return db.session.execute(
        sa.select(KprInvitation.event_id, KprInvitation.tenant_id, Tenant.district, KprInvitation.participants)
        .join(Tenant, Tenant.id == KprInvitation.tenant_id)
        .where(KprInvitation.reply == InvitationReply.yes)
    ).all()


def _scopes(tenant_id: int | None, district: str | None) -> list[tuple[str, str]]:
    return [("event", "")] + ([("kpr", str(tenant_id)), ("district", district)] if tenant_id is not None else [])


def _past_event_ids() -> set[int]:
    """Events whose last session has ended: only there is a missing check-in a no-show."""
    last = sa.select(EventSession.event_id, sa.func.max(EventSession.ends_at).label("ends")).group_by(
        EventSession.event_id).subquery()
    return set(db.session.scalars(sa.select(last.c.event_id).where(last.c.ends < now())))


def collect_event_figures() -> list[dict]:
    past = _past_event_ids()
    totals: dict[tuple, dict] = defaultdict(lambda: dict.fromkeys(FIGURES, 0) | {"ratings": []})
    for row in _per_registration():
        for scope, key in _scopes(row.tenant_id, row.district):
            figures = totals[(row.event_id, scope, key)]
            if row.status != Status.cancelled:
                figures["registrations"] += 1
                figures["confirmed" if row.status == Status.confirmed else "waitlisted"] += 1
            figures["attended"] += int(row.present)
            figures["no_shows"] += int(row.status == Status.confirmed and not row.present and row.event_id in past)
            if row.overall is not None:
                figures["ratings"].append(row.overall)
    for reply in _kpr_replies():
        for scope, key in _scopes(reply.tenant_id, reply.district):
            totals[(reply.event_id, scope, key)]["kpr_participants"] += reply.participants
    rows = []
    for (event_id, scope, key), figures in sorted(totals.items()):
        ratings = figures.pop("ratings")
        figures["feedback_count"] = len(ratings)
        average = round(sum(ratings) / len(ratings), 2) if ratings else None
        rows.append({"event_id": event_id, "scope": scope, "scope_key": key, **figures,
                     "feedback_average": average})
    return rows


def training_years(only: Callable[[sa.ColumnElement], sa.ColumnElement[bool]] | None = None) -> sa.Select:
    """Per KPR and year (of the event's first session, Berlin time): trainings attended, people, as
    one grouped SELECT (`only(tenant_id column)` narrows the KPRs). Only presence recorded once a
    session's check-in had opened counts (events.day)."""
    attended = (sa.select(Attendance.registration_id)
                .join(EventSession, EventSession.id == Attendance.session_id)
                .where(Attendance.present.is_(True), possible_checkin()))
    first = sa.select(EventSession.event_id, sa.func.min(EventSession.starts_at).label("starts")).group_by(
        EventSession.event_id).subquery()
    year = berlin_year(first.c.starts)
    return (sa.select(Registration.tenant_id, year.label("year"),
                      sa.func.count(sa.distinct(Registration.event_id)).label("trainings"),
                      # a registration without a person counts as one, like a set of user ids with None
                      sa.func.count(sa.distinct(sa.func.coalesce(Registration.user_id, -1))).label("participants"))
            .join(Event, Event.id == Registration.event_id)
            .join(first, first.c.event_id == Registration.event_id)
            .where(Event.kind == EventKind.training, Registration.tenant_id.is_not(None),
                   Registration.id.in_(attended), *([only(Registration.tenant_id)] if only else []))
            .group_by(Registration.tenant_id, year))


def collect_training_years() -> list[dict]:
    ensure_functions()
    query = training_years()
    rows = db.session.execute(query.order_by(query.selected_columns[0], query.selected_columns[1]))
    return [{"tenant_id": t, "year": y, "trainings": n, "participants": p} for t, y, n, p in rows]


def aggregate_events_now(progress: Progress | None = None) -> int:
    started = now()
    figures = collect_event_figures()
    if progress:
        progress(1, 3)
    years = collect_training_years()
    if progress:
        progress(2, 3)
    written = upsert(EventFigures.__table__, figures, key=["event_id", "scope", "scope_key"])
    written += upsert(KprTrainingYear.__table__, years, key=["tenant_id", "year"])
    db.session.add(SnapshotRun(job=JOB, started_at=started, finished_at=now(), rows=written))
    db.session.flush()
    if progress:
        progress(3, 3)
    return written


@shared_task(name="workers.aggregate_events", cross_tenant=True, acks_late=True, bind=True)
def aggregate_events(self) -> int | str:
    return run_locked(self, JOB, aggregate_events_now)
