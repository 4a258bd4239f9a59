"""Objects of the founding guide for the isolation matrix."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.founding.models import FoundingStep, FoundingStepKey
from tenants import tenant_context

from ..helpers import tenant


def _step(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        step = session.scalar(sa.select(FoundingStep).filter_by(key=FoundingStepKey.awareness))
        if step is None:
            step = FoundingStep(key=FoundingStepKey.awareness, checked=[])
            session.add(step)
            session.flush()
        return step.id


OBJECTS = {"founding_step_id": _step}
