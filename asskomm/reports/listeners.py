"""A KPR's figures are stale once its records change; `workers.refresh_stale_reports` recomputes
just those, started soon after the commit that marked them (and every minute by beat)."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask import current_app
from kombu.exceptions import OperationalError
from sqlalchemy.dialects import postgresql, sqlite

from tenants import Tenant, TenantStatus, db
from tenants.scoping import TenantSession

from ..signals import records_changed
from ..timeutil import now
from .models import StaleFigures

log = logging.getLogger(__name__)

INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
REFRESH_TASK = "workers.refresh_stale_reports"
# A burst of changes (a form that saves several rows, a coordinator working through a list) is
# taken by one run: the first task runs a moment later, the others then find no marks left.
REFRESH_DELAY_SECONDS = 1
_PENDING = "asskomm_reports_refresh"
# Master data of a KPR that its figures depend on (lifecycle dates, the district and state they count in).
TENANT_FIELDS = ("district", "federal_state", *(status.date_field for status in TenantStatus))
# The state council's lifecycle history of a KPR (asskomm.state, an aggregator this one must not import).
HISTORY_TABLES = frozenset({"status_change"})


def mark_stale(connection: sa.Connection, tenant_ids: set[int] | frozenset[int]) -> None:
    """One statement; a mark already there moves to now, so a run that read the older mark leaves
    it standing (it deletes only the marks it read)."""
    insert = INSERT[connection.dialect.name](StaleFigures.__table__)
    statement = insert.on_conflict_do_update(index_elements=["tenant_id"], set_={"since": insert.excluded.since})
    connection.execute(statement, [{"tenant_id": tenant_id, "since": now()} for tenant_id in sorted(tenant_ids)])


@records_changed.connect
def _records_changed(sender, tenant_ids: frozenset[int]) -> None:
    mark_stale(db.session.connection(), tenant_ids)
    db.session.info[_PENDING] = True


@sa.event.listens_for(TenantSession, "after_flush")
def _master_data_changed(session, flush_context) -> None:
    """Tenant rows and lifecycle history are not KPR-owned rows (no records_changed): mark here."""
    changed = set()
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Tenant) and (obj in session.new or any(
                sa.inspect(obj).attrs[field].history.has_changes() for field in TENANT_FIELDS)):
            changed.add(obj.id)
        elif getattr(obj, "__tablename__", None) in HISTORY_TABLES:
            changed.add(obj.tenant_id)
    changed.update(obj.tenant_id for obj in session.deleted if getattr(obj, "__tablename__", None) in HISTORY_TABLES)
    if changed:
        mark_stale(session.connection(), changed)
        session.info[_PENDING] = True


@sa.event.listens_for(TenantSession, "after_commit")
def _refresh_soon(session) -> None:
    if not session.info.pop(_PENDING, False):
        return
    celery = current_app.extensions.get("celery")
    # Eager mode (the tests) would run the job inside this commit: there the beat entry and the
    # tests call it themselves.
    if celery is None or celery.conf.task_always_eager:
        return
    try:
        celery.send_task(REFRESH_TASK, countdown=REFRESH_DELAY_SECONDS, retry=False)
    except (OperationalError, OSError):
        log.warning("could not enqueue %s; beat runs it within a minute", REFRESH_TASK, exc_info=True)


@sa.event.listens_for(TenantSession, "after_rollback")
def _forget(session) -> None:
    session.info.pop(_PENDING, None)
