"""The state council's changes: KPR master data, lifecycle, coach and contact assignments."""

from __future__ import annotations

import enum
from datetime import date

import sqlalchemy as sa

from tenants import Tenant, TenantKind, TenantStatus, db, switch_tenant
from tenants.districts import PlaceError, resolve_district
from tenants.models import compose_name, name_conflict

from ..accounts.models import Assignment, AssignmentKind, GlobalRole, Membership, MembershipRole, User, UserRole
from ..agreements.models import CooperationAgreement
from ..errors import DomainError
from ..forms import CHOICE_MESSAGE
from ..mail.services import public_link, queue_mail
from ..timeutil import now, today
from .models import StatusChange

TENANT_FIELDS = ("ags", "federal_state", "population", "police_directorate",
                 "contacted_on", "agreement_signed_on", "founded_on", "active_on", "dormant_on")
REQUIRED_ROLE = {AssignmentKind.coach: GlobalRole.coach, AssignmentKind.contact: GlobalRole.state_contact}


def _check_unique(tenant: Tenant | None, slug: str, ags: str) -> None:
    others = sa.select(Tenant).where(sa.or_(Tenant.slug == slug, Tenant.ags == ags))
    if tenant is not None:
        others = others.where(Tenant.id != tenant.id)
    for other in db.session.scalars(others):
        if other.slug == slug:
            raise DomainError(f"Der Kurzname „{slug}“ ist bereits vergeben.", "slug")
        raise DomainError(f"Der AGS {ags} gehört bereits zu {other.name}.", "ags")


def _check_agreement_date(tenant: Tenant, signed_on: date | None) -> None:
    """Once agreements are recorded, the KPR's agreement date is their earliest: one source only."""
    with switch_tenant(tenant.id, "the agreement date of the KPR being edited"):
        earliest = db.session.scalar(sa.select(sa.func.min(CooperationAgreement.signed_on)))
    if earliest is not None and signed_on != earliest:
        raise DomainError(f"Das Datum folgt der erfassten Kooperationsvereinbarung vom {earliest:%d.%m.%Y}; "
                          "ändern Sie es dort.", "agreement_signed_on")


def choice(enum_type: type[enum.Enum], value, field: str):
    """A value from a fixed list, or the German refusal at its field (never a 500)."""
    try:
        return enum_type(value)
    except ValueError:
        raise DomainError(CHOICE_MESSAGE, field) from None


def save_tenant(tenant: Tenant | None, data: dict, by: User | None = None) -> Tenant:
    """Create (tenant=None) or update a KPR's master data; the slug is fixed after creation.
    The name is stored as composed from kind and name ("Stadt Zwickau"), the district as the
    official one of the list (Saxony) or as typed (elsewhere), fitting the AGS."""
    slug = tenant.slug if tenant else data["slug"]
    kind, status = choice(TenantKind, data.get("kind"), "kind"), choice(TenantStatus, data.get("status"), "status")
    if conflict := name_conflict(kind, data.get("name") or ""):
        raise DomainError(conflict, "name")
    _check_unique(tenant, slug, data["ags"])
    try:
        district = resolve_district(data["ags"], data.get("federal_state") or "", data.get("district") or "",
                                    data.get("other_district") or "")
    except PlaceError as error:
        raise DomainError(error.message, error.field) from None
    if tenant is not None:
        _check_agreement_date(tenant, data.get("agreement_signed_on"))
    if tenant is None:
        tenant = Tenant(slug=slug)
        db.session.add(tenant)
    for name in TENANT_FIELDS:
        setattr(tenant, name, data.get(name))
    tenant.kind, tenant.name, tenant.district = kind, compose_name(kind, data["name"]), district
    set_status(tenant, status, by=by)
    db.session.flush()
    return tenant


def coordinators_to_notify(tenant: Tenant) -> list[User]:
    with switch_tenant(tenant.id, "the coordinators to notify of the KPR's archiving"):
        return list(db.session.scalars(
            sa.select(User).join(Membership, Membership.user_id == User.id)
            .where(Membership.role == MembershipRole.coordinator, User.active.is_(True)).order_by(User.name)))


def archive_tenant(tenant: Tenant, by: User, reason: str = "") -> list[User]:
    """Archive a KPR (it is not deleted): hidden from the alliance index and the state overview's
    default view, its workspace read-only (asskomm.policy); its coordinators are told. Returns them."""
    if tenant.archived:
        raise DomainError(f"Der {tenant.short_name} ist bereits archiviert.")
    tenant.archived_at = now()
    db.session.flush()
    notified = coordinators_to_notify(tenant)
    for person in notified:
        queue_mail(person.email, "state/mail_archived.txt", f"archived:{tenant.id}:{tenant.archived_at:%Y%m%d%H%M%S}:"
                   f"{person.id}", tenant_id=tenant.id, person=person, tenant=tenant, by=by, reason=reason,
                   link=public_link("public.home", tenant_slug=tenant.slug))
    return notified


def restore_tenant(tenant: Tenant) -> None:
    if not tenant.archived:
        raise DomainError(f"Der {tenant.short_name} ist nicht archiviert.")
    tenant.archived_at = None
    db.session.flush()


def set_status(tenant: Tenant, status: TenantStatus, on: date | None = None, by: User | None = None) -> None:
    """Move the lifecycle; the date of the new status is kept if given, else today. Every change
    is kept in the history with its date and who recorded it."""
    changed = tenant.status != status or tenant.id is None
    tenant.status = status
    if tenant.status_date(status) is None:
        setattr(tenant, status.date_field, on or today())
    if changed:
        db.session.flush()
        db.session.add(StatusChange(tenant_id=tenant.id, status=status, effective_on=tenant.status_date(status),
                                    changed_by_id=by.id if by is not None else None))


def assignable_people(kind: AssignmentKind) -> list[User]:
    return list(db.session.scalars(
        sa.select(User).join(UserRole).where(UserRole.role == REQUIRED_ROLE[kind], User.active.is_(True))
        .order_by(User.name)
    ))


def assign(tenant: Tenant, user: User, kind: AssignmentKind, starts_on: date) -> Assignment:
    """Give a KPR a new coach or contact; the previous one's assignment ends that day."""
    if not user.has_role(REQUIRED_ROLE[kind]):
        raise DomainError(f"{user.name} hat nicht die Rolle {REQUIRED_ROLE[kind].label}.", "user_id")
    if starts_on < today():
        raise DomainError("Eine Zuordnung kann nicht rückwirkend beginnen.", "starts_on")
    current = db.session.scalars(
        sa.select(Assignment).where(Assignment.tenant_id == tenant.id, Assignment.kind == kind,
                                    sa.or_(Assignment.ends_on.is_(None), Assignment.ends_on > starts_on))
    ).all()
    for previous in current:
        if previous.user_id == user.id:
            raise DomainError(f"{user.name} ist bereits zugeordnet.", "user_id")
        previous.ends_on = max(starts_on, previous.starts_on)
    assignment = Assignment(tenant_id=tenant.id, user_id=user.id, kind=kind, starts_on=starts_on)
    db.session.add(assignment)
    db.session.flush()
    return assignment


def check_ending(assignment: Assignment) -> None:
    if assignment.ends_on is not None and assignment.ends_on <= today():
        raise DomainError("Diese Zuordnung ist bereits beendet.")


def end_assignment(assignment: Assignment, by: User | None = None, reason: str = "") -> None:
    """End today: access follows at once, since it is checked against today's assignments.
    The person whose assignment ends is told, with the reason given."""
    check_ending(assignment)
    assignment.ends_on = max(today(), assignment.starts_on)
    db.session.flush()
    person = assignment.user
    if person.active:
        queue_mail(person.email, "state/mail_assignment_ended.txt", f"assignment-ended:{assignment.id}",
                   tenant_id=assignment.tenant_id, person=person, assignment=assignment, tenant=assignment.tenant,
                   by=by, reason=reason)
