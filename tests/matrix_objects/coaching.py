"""The consultation log for the isolation matrix."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from asskomm.coaching.models import Consultation, ConsultationTopic, NextStep
from tenants import tenant_context

from ..helpers import tenant, user


def _entry(session, slug: str) -> Consultation:
    with tenant_context(tenant(slug).id):
        coach = "coach-mv" if slug == "landkreis-rostock" else "coach1"  # the KPR's alliance's coach
        entry = Consultation(coach_id=user(coach).id, held_on=date(2026, 1, 5), topic=ConsultationTopic.other,
                             hours=Decimal("1"), notes=f"Matrix {slug}")
        entry.next_steps.append(NextStep(title=f"Schritt {slug}", owner="Koordination"))
        session.add(entry)
        session.flush()
        return entry


def _next_step(session, slug: str) -> int:
    return _entry(session, slug).next_steps[0].id


def _consultation(session, slug: str) -> int:
    return _entry(session, slug).id


OBJECTS = {"next_step_id": _next_step, "consultation_id": _consultation}
