"""Coaches' caseloads for the isolation matrix: a coach is a person of the state council, not an
object of one KPR, and the state council sees every coach's caseload. Like the events catalog, the
routes naming only a coach get the positive control; tests/test_coaching_caseload.py checks that
everyone else gets 404."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.accounts.models import Assignment, AssignmentKind

from ..helpers import tenant


def _coach(session, slug: str) -> int:
    """The coach assigned to this KPR (coach1 for Zwickau and Zittau, coach2 for Meißen)."""
    return session.scalar(sa.select(Assignment.user_id).filter_by(tenant_id=tenant(slug).id, kind=AssignmentKind.coach)
                          .order_by(Assignment.starts_on.desc()))


CATALOG = {"coach_user_id": _coach}
