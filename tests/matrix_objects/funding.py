"""Funding applications for the isolation matrix."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from asskomm.funding.models import FundingApplication, FundingStatus
from tenants import tenant_context

from ..helpers import tenant


def _funding(session, slug: str) -> int:
    purpose = f"Matrix-Förderung {slug}"
    with tenant_context(tenant(slug).id):
        funding_id = session.scalar(sa.select(FundingApplication.id).filter_by(purpose=purpose))
        if funding_id is None:
            entry = FundingApplication(year=2025, purpose=purpose, status=FundingStatus.applied,
                                       amount_applied=Decimal("1000.00"))
            session.add(entry)
            session.flush()
            funding_id = entry.id
        return funding_id


OBJECTS = {"funding_id": _funding}
