"""Aggregates per tenant and period, written by idempotent upsert on their natural key."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tenants import db, maybe_alliance_id


class SnapshotRun(db.Model):
    """One finished run of an aggregation job: when the figures were computed."""

    __tablename__ = "snapshot_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(sa.String(60), index=True)
    started_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    finished_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    rows: Mapped[int] = mapped_column(default=0)
    # The alliance whose KPRs it covered (started from that state council's page); None: all of them.
    alliance_id: Mapped[int | None] = mapped_column(sa.ForeignKey("alliance.id", ondelete="CASCADE"))


class ActivitySnapshot(db.Model):
    """Activity of one KPR on one day (Europe/Berlin). State data about tenants, not tenant-owned."""

    __tablename__ = "activity_snapshot"

    tenant_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    members: Mapped[int] = mapped_column(default=0)
    coordinators: Mapped[int] = mapped_column(default=0)
    last_login_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    last_change_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))


def latest_run(job: str) -> SnapshotRun | None:
    """The newest run that covered the current alliance: its own, or one over the whole installation
    ("Stand:" per alliance)."""
    query = sa.select(SnapshotRun).filter_by(job=job)
    if (alliance_id := maybe_alliance_id()) is not None:
        query = query.where(sa.or_(SnapshotRun.alliance_id.is_(None), SnapshotRun.alliance_id == alliance_id))
    return db.session.scalar(query.order_by(SnapshotRun.finished_at.desc()).limit(1))


def latest_activity() -> dict[int, ActivitySnapshot]:
    """Each tenant's most recent activity row, in one query."""
    newest = (
        sa.select(ActivitySnapshot.tenant_id, sa.func.max(ActivitySnapshot.day).label("day"))
        .group_by(ActivitySnapshot.tenant_id)
        .subquery()
    )
    rows = db.session.scalars(
        sa.select(ActivitySnapshot).join(
            newest, sa.and_(newest.c.tenant_id == ActivitySnapshot.tenant_id, newest.c.day == ActivitySnapshot.day)
        )
    )
    return {row.tenant_id: row for row in rows}


class EventFigures(db.Model):
    """Figures of one event for one scope: the whole event, one KPR or one district."""

    __tablename__ = "event_figures"

    event_id: Mapped[int] = mapped_column(sa.ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    scope: Mapped[str] = mapped_column(sa.String(10), primary_key=True)  # event | kpr | district
    scope_key: Mapped[str] = mapped_column(sa.String(120), primary_key=True)  # "" | tenant id | district name
    registrations: Mapped[int] = mapped_column(default=0)
    confirmed: Mapped[int] = mapped_column(default=0)
    waitlisted: Mapped[int] = mapped_column(default=0)
    attended: Mapped[int] = mapped_column(default=0)
    no_shows: Mapped[int] = mapped_column(default=0)
    feedback_count: Mapped[int] = mapped_column(default=0)
    feedback_average: Mapped[float | None]
    # Participants the invited KPRs announced with their replies (they take seats of the event).
    kpr_participants: Mapped[int] = mapped_column(default=0, server_default="0")

    # The event dashboard reads a district's or a KPR's figures across events; the key starts with the event.
    __table_args__ = (sa.Index("ix_event_figures_scope_key", "scope", "scope_key"),)


class KprTrainingYear(db.Model):
    """Per KPR and year: trainings its people attended."""

    __tablename__ = "kpr_training_year"

    tenant_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.id", ondelete="CASCADE"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    trainings: Mapped[int] = mapped_column(default=0)
    participants: Mapped[int] = mapped_column(default=0)
