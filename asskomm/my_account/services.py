"""What the account page reads and changes for the signed-in person. Services flush only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from tenants import Tenant, db

from ..accounts import passwords, sessions
from ..accounts.feeds import FeedKey
from ..accounts.models import Assignment, MembershipRole, User, current_assignment_clause
from ..accounts.services import set_password
from ..errors import DomainError
from ..mail import preferences
from ..policy import memberships_of
from ..timeutil import today

NOT_THE_CURRENT_ONE = "Das bisherige Passwort ist nicht richtig."


@dataclass(frozen=True)
class Place:
    """A KPR the person belongs to, and their role there."""

    tenant: Tenant
    role: MembershipRole
    meetings_feed_renewed: datetime | None


def places(user: User) -> list[Place]:
    roles = memberships_of(user)
    if not roles:
        return []
    tenants = db.session.scalars(sa.select(Tenant).where(Tenant.id.in_(roles)).order_by(Tenant.name))
    renewed = feed_renewals(user)
    return [Place(t, roles[t.id], renewed.get(f"meetings:{t.id}")) for t in tenants]


def assignments(user: User) -> list[Assignment]:
    """The KPRs the person coaches or is the state council's contact for, today."""
    return list(db.session.scalars(
        sa.select(Assignment).where(Assignment.user_id == user.id, current_assignment_clause(today()))
        .order_by(Assignment.kind, Assignment.tenant_id)))


def feed_renewals(user: User) -> dict[str, datetime]:
    """When each of the person's calendar addresses was last renewed (never: absent)."""
    return dict(db.session.execute(sa.select(FeedKey.feed, FeedKey.renewed_at).where(FeedKey.user_id == user.id)).all())


def rename(user: User, name: str) -> None:
    name = " ".join(name.split())
    if not name:
        raise DomainError("Bitte geben Sie Ihren Namen ein.", "name")
    user.name = name
    db.session.flush()


def change_password(user: User, current: str, new: str) -> None:
    """The current password first; then every session ends (the caller signs this one in anew)."""
    if not passwords.verify_password(user.password_hash, current):
        raise DomainError(NOT_THE_CURRENT_ONE, "current")
    if current == new:
        raise DomainError("Das neue Passwort muss sich vom bisherigen unterscheiden.", "password")
    set_password(user, new)
    sessions.sign_in(user)


def wanted_mails(user: User) -> set[str]:
    return {category.key for category in preferences.CATEGORIES} - preferences.switched_off(user.id)


def choose_mails(user: User, wanted: list[str]) -> None:
    preferences.choose(user.id, set(wanted))
