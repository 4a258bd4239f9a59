"""The consultation log for the isolation matrix."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from asskomm.coaching.models import Consultation, ConsultationTopic, NextStep
from tenants import tenant_context

from ..helpers import tenant, user


def _next_step(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        entry = Consultation(coach_id=user("coach1").id, held_on=date(2026, 1, 5), topic=ConsultationTopic.other,
                             hours=Decimal("1"), notes=f"Matrix {slug}")
        step = NextStep(title=f"Schritt {slug}", owner="Koordination")
        entry.next_steps.append(step)
        session.add(entry)
        session.flush()
        return step.id


OBJECTS = {"next_step_id": _next_step}
