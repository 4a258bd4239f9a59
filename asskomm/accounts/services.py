"""Accounts: log in, reset and set passwords, invite people, manage KPR memberships.

Services validate, change and flush; the request commits.
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from flask import current_app, url_for

from tenants import Tenant, cross_tenant, db, switch_tenant

from ..errors import DomainError
from ..mail.services import queue_mail, site_url
from ..timeutil import now
from . import passwords, sessions, tokens
from .models import GlobalRole, Membership, MembershipRole, User, UserRole

LOGIN_FAILED = "E-Mail-Adresse oder Passwort ist falsch."


def normalise_email(email: str) -> str:
    return email.strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).filter_by(email=normalise_email(email)))


def authenticate(email: str, password: str) -> User:
    if passwords.demo_password_refused(password):
        raise DomainError("Das Demo-Passwort ist außerhalb des Demo-Modus nicht zulässig.")
    user = user_by_email(email)
    # One hash check whether the account exists, is active or not: the answer's timing must not
    # tell which addresses have an account.
    known = user is not None and user.active
    if not passwords.verify_password(user.password_hash if known else None, password) or not known:
        raise DomainError(LOGIN_FAILED)
    user.last_login_at = now()
    db.session.flush()
    return user


def set_password(user: User, password: str) -> None:
    passwords.check_new_password(password, user.email)
    user.password_hash = passwords.hash_password(password)
    user.auth_version += 1  # ends every session and every older link
    sessions.end_all(user, bump=False)


def _link(endpoint: str, **values) -> str:
    return site_url(url_for(endpoint, **values))


def request_password_reset(email: str) -> None:
    """Mail a reset link if the address belongs to an active account; say nothing either way."""
    user = user_by_email(email)
    if user is None or not user.active:
        return
    token = tokens.make_token(user, "reset")
    digest = hashlib.sha256(token.encode()).hexdigest()[:24]
    queue_mail(
        user.email, "password_reset", f"reset:{user.id}:{digest}",
        user=user, link=_link("accounts.reset_password", token=token),
        hours=current_app.config["SETTINGS"].password_reset_max_age // 3600 or 1,
    )


def _send_invitation(user: User, inviter: User, tenant: Tenant | None, role_label: str) -> None:
    if user.password_hash is None:
        link = _link("accounts.accept_invitation", token=tokens.make_token(user, "invite"))
    else:
        link = _link("accounts.login")
    place = tenant.short_name if tenant else "ASSKomm-Plattform"
    queue_mail(
        user.email, "invitation", f"invite:{user.id}:{tenant.id if tenant else 0}:{role_label}:{user.auth_version}",
        tenant_id=tenant.id if tenant else None, user=user, inviter=inviter, place=place, role_label=role_label,
        link=link, needs_password=user.password_hash is None,
    )


def find_or_create_user(email: str, name: str) -> User:
    user = user_by_email(email)
    if user is None:
        user = User(email=normalise_email(email), name=name.strip(), password_hash=None)
        db.session.add(user)
        db.session.flush()
    return user


def invite_user(email: str, name: str, inviter: User, roles: list[GlobalRole],
                tenant: Tenant | None = None, membership_role: MembershipRole | None = None) -> User:
    """State admins invite anyone: global roles and/or a place in one KPR, one mail."""
    if not roles and tenant is None:
        raise DomainError("Bitte wählen Sie mindestens eine Rolle oder einen KPR.", "roles")
    user = find_or_create_user(email, name)
    for role in roles:
        if not user.has_role(role):
            user.role_rows.append(UserRole(role=role))
    labels = [r.label for r in roles]
    if tenant is not None:
        role = membership_role or MembershipRole.member
        _add_membership(tenant, user, role)
        labels.append(role.label)
    db.session.flush()
    _send_invitation(user, inviter, tenant, ", ".join(labels))
    return user


def _add_membership(tenant: Tenant, user: User, role: MembershipRole) -> Membership:
    with switch_tenant(tenant.id, "a person joins the KPR"):
        existing = db.session.scalar(sa.select(Membership).filter_by(user_id=user.id))
        if existing is not None:
            raise DomainError(f"{user.name} gehört bereits zum {tenant.short_name}.", "email")
        membership = Membership(user=user, role=role)
        db.session.add(membership)
        db.session.flush()
        return membership


def add_member(tenant: Tenant, email: str, name: str, role: MembershipRole, inviter: User) -> Membership:
    """Coordinators add people to their KPR; new people are invited by mail."""
    user = find_or_create_user(email, name)
    membership = _add_membership(tenant, user, role)
    _send_invitation(user, inviter, tenant, role.label)
    return membership


def check_deactivation(user: User, acting: User) -> None:
    """Refuses before the question is asked, too: one's own account, or one already deactivated."""
    if user.id == acting.id:
        raise DomainError("Sie können Ihr eigenes Konto nicht deaktivieren.")
    if not user.active:
        raise DomainError(f"{user.name} ist bereits deaktiviert.")


def deactivate_user(user: User, acting: User, reason: str = "") -> None:
    """The person can no longer sign in; a running session ends at its next request (the loader
    refuses inactive accounts). Memberships and assignments stay. The person is told by mail."""
    check_deactivation(user, acting)
    user.active = False
    db.session.flush()
    queue_mail(user.email, "account_deactivated", f"deactivated:{user.id}:{now():%Y%m%d%H%M%S}", user=user,
               acting=acting, reason=reason)


def activate_user(user: User) -> None:
    if user.active:
        raise DomainError(f"{user.name} ist bereits aktiv.")
    user.active = True
    db.session.flush()


def remove_member(membership: Membership, acting: User) -> None:
    if membership.role == MembershipRole.coordinator:
        coordinators = db.session.scalar(
            sa.select(sa.func.count()).select_from(Membership).filter_by(role=MembershipRole.coordinator)
        )
        if coordinators <= 1:
            raise DomainError("Die letzte Koordinator:in eines KPR kann nicht entfernt werden.")
    db.session.delete(membership)
    db.session.flush()


def of_alliance() -> sa.ColumnElement:
    """People of the current alliance: a state role in it, or a place in one of its KPRs (inside an
    alliance both subqueries see only its rows, tenants.scoping; use inside a cross-tenant read). The
    installation's operator is nobody's: its role row is seen in every alliance, and not counted."""
    state_roles = sa.select(UserRole.user_id).where(UserRole.role != GlobalRole.operator)
    return sa.or_(User.id.in_(state_roles), User.id.in_(sa.select(Membership.user_id)))


def person_of_alliance(user_id: int) -> User | None:
    """One of the alliance's people, by id; a person of another alliance only is None."""
    with cross_tenant("state pages: is this person one of the alliance's"):
        return db.session.scalar(sa.select(User).where(User.id == user_id, of_alliance()))
