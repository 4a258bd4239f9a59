"""The state council's list of people: one page at a time, searched by name or e-mail and filtered
by role in SQL, so the page costs the same with 11,000 KPRs' people as with a few."""

from __future__ import annotations

import sqlalchemy as sa

from tenants import cross_tenant, db

from ..accounts.models import ALLIANCE_ROLES, GlobalRole, Membership, MembershipRole, User, UserRole
from ..accounts.services import of_alliance
from ..paging import Page, clamp

PAGE_SIZE = 50
IN_A_KPR = {"koordination": (MembershipRole.coordinator,), "mitglied": tuple(MembershipRole)}
ROLE_FILTERS = [("", "alle")] + [(r.value, r.label) for r in ALLIANCE_ROLES] + [
    ("koordination", "Koordinator:in eines KPR"), ("mitglied", "Mitglied eines KPR (jede Rolle)")]


def people(text: str, role: str, page: int) -> Page:
    """The page `page` of the people matching `text` (in name or e-mail) and `role` (a global role
    or a place in some KPR; anything else: every person), by name. Their roles come in one query.
    Only the alliance's people: a state role in it, or a place in one of its KPRs."""
    query = sa.select(User).where(of_alliance())
    if text := " ".join(text.split())[:160]:
        query = query.where(sa.or_(User.name.icontains(text, autoescape=True),
                                   User.email.icontains(text, autoescape=True)))
    if role in {r.value for r in ALLIANCE_ROLES}:
        query = query.where(User.id.in_(sa.select(UserRole.user_id).where(UserRole.role == GlobalRole(role))))
    elif role in IN_A_KPR:
        query = query.where(User.id.in_(sa.select(Membership.user_id).where(Membership.role.in_(IN_A_KPR[role]))))
    with cross_tenant("state people list: filtered by a place in any KPR"):
        total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
        page, pages = clamp(total, page, PAGE_SIZE)
        rows = db.session.scalars(query.order_by(User.name, User.id)
                                  .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return Page(rows, total, page, pages)

