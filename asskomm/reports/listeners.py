"""A KPR's figures are stale once its records change; the aggregation job may recompute just those."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite

from tenants import db

from ..signals import records_changed
from ..timeutil import now
from .models import StaleFigures

INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


@records_changed.connect
def _records_changed(sender, tenant_ids: frozenset[int]) -> None:
    # One statement; a mark that is already there (from this or a concurrent request) stays as it is.
    connection = db.session.connection()
    insert = INSERT[connection.dialect.name](StaleFigures.__table__)
    connection.execute(insert.on_conflict_do_nothing(index_elements=["tenant_id"]),
                       [{"tenant_id": tenant_id, "since": now()} for tenant_id in sorted(tenant_ids)])
