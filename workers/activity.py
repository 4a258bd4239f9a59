"""The activity snapshot: per KPR and day, members, last login and last change."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from celery import shared_task

from asskomm.accounts.models import Membership, MembershipRole, User
from asskomm.snapshots.models import ActivitySnapshot, SnapshotRun
from asskomm.timeutil import now, today
from tenants import Tenant, cross_tenant, db, scoped_models

from .jobs import run_locked
from .upsert import upsert

JOB = "activity"


def _latest(values: dict[int, datetime | None], tenant_id: int, value: datetime | None) -> None:
    if value is not None and (values.get(tenant_id) is None or value > values[tenant_id]):
        values[tenant_id] = value


def collect_activity(day: date) -> list[dict]:
    """Read every KPR's figures; one grouped query per source table, never one per KPR."""
    with cross_tenant("activity snapshot for the state overview"):
        tenant_ids = db.session.scalars(sa.select(Tenant.id)).all()
        counts = {
            row.tenant_id: row
            for row in db.session.execute(
                sa.select(
                    Membership.tenant_id,
                    sa.func.count().label("members"),
                    sa.func.count().filter(Membership.role == MembershipRole.coordinator).label("coordinators"),
                    sa.func.max(User.last_login_at).label("last_login_at"),
                ).join(User, User.id == Membership.user_id).group_by(Membership.tenant_id)
            )
        }
        last_change: dict[int, datetime | None] = {}
        for model in scoped_models(db.Model.registry):
            if model.updated_at is None:
                continue  # the citizen survey's anonymous rows keep no time (survey/models.py)
            for tenant_id, changed in db.session.execute(
                sa.select(model.tenant_id, sa.func.max(model.updated_at)).group_by(model.tenant_id)
            ):
                _latest(last_change, tenant_id, changed)
    rows = []
    for tenant_id in tenant_ids:
        row = counts.get(tenant_id)
        rows.append({
            "tenant_id": tenant_id, "day": day,
            "members": row.members if row else 0,
            "coordinators": row.coordinators if row else 0,
            "last_login_at": row.last_login_at if row else None,
            "last_change_at": last_change.get(tenant_id),
        })
    return rows


def snapshot_activity_now(day: date | None = None) -> int:
    started = now()
    rows = collect_activity(day or today())
    written = upsert(ActivitySnapshot.__table__, rows, key=["tenant_id", "day"])
    db.session.add(SnapshotRun(job=JOB, started_at=started, finished_at=now(), rows=written))
    db.session.flush()
    return written


@shared_task(name="workers.snapshot_activity", cross_tenant=True, acks_late=True, bind=True)
def snapshot_activity(self) -> int | str:
    return run_locked(self, JOB, lambda progress: snapshot_activity_now())
