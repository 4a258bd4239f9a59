"""People, their global roles, KPR memberships, and coach / state-contact assignments."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import Tenant, TenantScoped, db, maybe_alliance_id, utcnow
from tenants.models import current_or_first_alliance
from tenants.scoping import alliance_scoped

from .. import timeutil


class GlobalRole(enum.StrEnum):
    state_admin = "state_admin"
    state_contact = "state_contact"
    coach = "coach"
    # Runs the installation: creates alliances and their first admins, and sees no workspace content.
    # Not one alliance's role: it holds on every host (its row sits in the first alliance).
    operator = "operator"

    @property
    def label(self) -> str:
        return {
            "state_admin": "Landespräventionsrat (Verwaltung)",
            "state_contact": "Feste:r Ansprechpartner:in LPR",
            "coach": "ASSKomm-Coach",
            "operator": "Betrieb der Installation",
        }[self.value]


# The roles a state council hands out in its own alliance (its invitation form, its people filter):
# the operator is made on the command line or by another operator only.
ALLIANCE_ROLES = (GlobalRole.state_admin, GlobalRole.state_contact, GlobalRole.coach)


class MembershipRole(enum.StrEnum):
    coordinator = "coordinator"
    member = "member"

    @property
    def label(self) -> str:
        return {"coordinator": "Koordinator:in", "member": "Mitglied"}[self.value]


class AssignmentKind(enum.StrEnum):
    coach = "coach"
    contact = "contact"

    @property
    def label(self) -> str:
        return {"coach": "ASSKomm-Coach", "contact": "Feste:r Ansprechpartner:in LPR"}[self.value]


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped when the password changes: ends every session and every reset link issued before.
    auth_version: Mapped[int] = mapped_column(default=1)
    # Bumped at logout: ends every session of the person on the server (a copied cookie too), while
    # links and calendar feeds, which carry auth_version only, keep working.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    last_login_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    role_rows: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    # Tenant-scoped: loading it returns only the current KPR's membership (or raises without one).
    memberships: Mapped[list[Membership]] = relationship(viewonly=True, lazy="select")

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.auth_version}:{self.session_version}"

    @property
    def global_roles(self) -> frozenset[GlobalRole]:
        """The person's state roles in the current alliance (all of them outside one: the command
        line, the jobs). A state admin of one state's network is nobody in another's; the operator
        of the installation is the operator on every host."""
        alliance_id = maybe_alliance_id()
        return frozenset(GlobalRole(r.role) for r in self.role_rows
                         if alliance_id is None or r.alliance_id == alliance_id or r.role == GlobalRole.operator)

    def has_role(self, role: GlobalRole) -> bool:
        return role in self.global_roles

    @property
    def is_state_staff(self) -> bool:
        return bool(self.global_roles & {GlobalRole.state_admin, GlobalRole.state_contact})

    def __repr__(self) -> str:
        return f"<User {self.email}>"


# The operator's row is seen from every alliance (global_roles above), the others only from their own.
@alliance_scoped(everywhere=("role", "operator"))
class UserRole(db.Model):
    __tablename__ = "user_role"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[GlobalRole] = mapped_column(sa.Enum(GlobalRole, native_enum=False, length=20), primary_key=True)
    # The alliance the role holds in (state roles are one state's network's).
    alliance_id: Mapped[int] = mapped_column(sa.ForeignKey("alliance.id", ondelete="CASCADE"), primary_key=True,
                                             default=current_or_first_alliance, server_default=sa.text("1"))
    user: Mapped[User] = relationship(back_populates="role_rows")


class Membership(TenantScoped, db.Model):
    """A person's place in a KPR's workspace: coordinator or member. Tenant-owned."""

    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    role: Mapped[MembershipRole] = mapped_column(sa.Enum(MembershipRole, native_enum=False, length=20))
    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (sa.UniqueConstraint("tenant_id", "user_id"),)


class Assignment(db.Model):
    """A coach or state contact for a KPR, from a date until a date; history is kept.

    Owned by the state council, not by the KPR, so it is not tenant-scoped.
    """

    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    kind: Mapped[AssignmentKind] = mapped_column(sa.Enum(AssignmentKind, native_enum=False, length=20))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    tenant: Mapped[Tenant] = relationship(lazy="joined", innerjoin=True)
    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="dates_ordered"),
        sa.Index("ix_assignment_current", "tenant_id", "kind", "ends_on"),
    )

    def is_current(self, today: date) -> bool:
        return self.starts_on <= today and (self.ends_on is None or self.ends_on > today)


def current_assignment_clause(today: date):
    """SQL for 'in force today': started, and not yet ended."""
    return sa.and_(
        Assignment.starts_on <= today,
        sa.or_(Assignment.ends_on.is_(None), Assignment.ends_on > today),
    )


def current_assignments(tenant_ids: list[int] | None = None) -> dict[tuple[int, AssignmentKind], Assignment]:
    """The coach and contact in force today, per tenant, in one query."""
    query = sa.select(Assignment).where(current_assignment_clause(timeutil.today()))
    if tenant_ids is not None:
        query = query.where(Assignment.tenant_id.in_(tenant_ids))
    return {(a.tenant_id, a.kind): a for a in db.session.scalars(query)}
