"""Accessibility feedback for the isolation matrix: one about each KPR's page; only state admins open it."""

from __future__ import annotations

from asskomm.legal.models import AccessibilityFeedback

from ..helpers import tenant


def _feedback(session, slug: str) -> int:
    feedback = AccessibilityFeedback(name=f"Matrix {slug}", email=f"mitglied.{slug}@demo.asskomm.de",
                                     page=f"/k/{slug}/", message="Matrix", tenant_id=tenant(slug).id,
                                     alliance_id=tenant(slug).alliance_id)
    session.add(feedback)
    session.flush()
    return feedback.id


OBJECTS = {"feedback_id": _feedback}
