"""A KPR's figures are stale once its records change; the aggregation job may recompute just those."""

from __future__ import annotations

from tenants import db

from ..signals import records_changed
from ..timeutil import now
from .models import StaleFigures


@records_changed.connect
def _records_changed(sender, tenant_ids: frozenset[int]) -> None:
    for tenant_id in tenant_ids:
        if db.session.get(StaleFigures, tenant_id) is None:
            db.session.add(StaleFigures(tenant_id=tenant_id, since=now()))
