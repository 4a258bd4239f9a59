"""Who may do what: the one place that decides, following DESIGN.md's roles table.

Roles inside a KPR come from a membership (coordinator, member), a current assignment (coach,
contact) or the global role state admin. A person with none of them does not see the KPR at all:
its pages answer 404, as if it did not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

import sqlalchemy as sa
from flask import abort, g, request
from flask_login import current_user

from tenants import Tenant, db, tenant_context

from .accounts.models import Assignment, GlobalRole, Membership, MembershipRole, current_assignment_clause
from .timeutil import today

STATE_ADMIN = "state_admin"
TENANT_ROLES = frozenset({"member", "coordinator", "coach", "contact", STATE_ADMIN})

# action -> roles inside the KPR that may do it
TENANT_RULES: dict[str, frozenset[str]] = {
    "tenant.view": TENANT_ROLES,
    "tenant.edit": frozenset({"contact", STATE_ADMIN}),
    "tenant.assign": frozenset({STATE_ADMIN}),
    "members.view": TENANT_ROLES,
    "members.manage": frozenset({"coordinator", STATE_ADMIN}),
    # The workspace (DESIGN.md): members read, coordinators edit, the assigned coach reads.
    # The state council sees the structure and the founding progress, not internal papers.
    "structure.view": TENANT_ROLES,
    "structure.edit": frozenset({"coordinator"}),
    "founding.view": TENANT_ROLES,
    "founding.edit": frozenset({"coordinator"}),
    "meetings.view": frozenset({"member", "coordinator", "coach"}),
    "meetings.edit": frozenset({"coordinator"}),
    "documents.view": frozenset({"member", "coordinator", "coach"}),
    "documents.edit": frozenset({"coordinator"}),
    "public.edit": frozenset({"coordinator"}),
    # The coaching log: the assigned coach writes; the KPR's coordinators and the state council read.
    "coaching.read": frozenset({"coordinator", "coach", "contact", STATE_ADMIN}),
    "coaching.write": frozenset({"coach"}),
    "coaching.steps": frozenset({"coach", "coordinator"}),
    # Onboarding records: the state council keeps them; the KPR and its coach read them
    # (funding applications are the coordinators' working papers, not the members').
    "agreements.view": TENANT_ROLES,
    "agreements.edit": frozenset({"contact", STATE_ADMIN}),
    "funding.view": frozenset({"coordinator", "coach", "contact", STATE_ADMIN}),
    "funding.edit": frozenset({"coordinator", "contact", STATE_ADMIN}),
    "funding.decide": frozenset({"contact", STATE_ADMIN}),
    # The assigned coach comments on workspace items; the coordinators answer.
    "comments.write": frozenset({"coach", "coordinator"}),
    # A KPR's own figures from the cross-municipal reports.
    "reports.own": frozenset({"coordinator", "coach", "contact", STATE_ADMIN}),
}

# action -> global roles that may do it
GLOBAL_RULES: dict[str, frozenset[GlobalRole]] = {
    "state.overview": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    "tenant.create": frozenset({GlobalRole.state_admin}),
    "users.manage": frozenset({GlobalRole.state_admin}),
    "outbox.read": frozenset({GlobalRole.state_admin}),
    "coaching.home": frozenset({GlobalRole.coach}),
    "events.manage": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    # Coaches see the reports of the KPRs assigned to them only (asskomm.reports.scope).
    "reports.view": frozenset({GlobalRole.state_admin, GlobalRole.state_contact, GlobalRole.coach}),
    "reports.compute": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
}


def tenant_roles(user, tenant: Tenant) -> frozenset[str]:
    """The roles `user` holds in `tenant` today; computed once per request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cache = g.setdefault("_tenant_roles", {})
    key = (user.id, tenant.id)
    if key not in cache:
        roles: set[str] = set()
        if user.has_role(GlobalRole.state_admin):
            roles.add(STATE_ADMIN)
        membership_role = db.session.scalar(
            sa.select(Membership.role).where(Membership.user_id == user.id, Membership.tenant_id == tenant.id)
        )
        if membership_role:
            roles.add(membership_role.value)
        kinds = db.session.scalars(
            sa.select(Assignment.kind).where(
                Assignment.user_id == user.id, Assignment.tenant_id == tenant.id, current_assignment_clause(today())
            )
        )
        roles.update(kind.value for kind in kinds)
        cache[key] = frozenset(roles)
    return cache[key]


def can(user, action: str, tenant: Tenant | None = None) -> bool:
    if action in TENANT_RULES:
        if tenant is None:
            raise ValueError(f"{action} needs a tenant")
        return bool(tenant_roles(user, tenant) & TENANT_RULES[action])
    if action in GLOBAL_RULES:
        return bool(getattr(user, "is_authenticated", False) and user.global_roles & GLOBAL_RULES[action])
    raise KeyError(f"unknown action {action}")


def tenant_gate(tenant: Tenant) -> None:
    """Run for every request under /k/<slug>/: anonymous to login, outsiders get 404."""
    from .extensions import login_manager

    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if not can(current_user, "tenant.view", tenant):
        abort(404)


def requires(action: str | None, load: Callable | None = None) -> Callable:
    """View decorator. Tenant actions answer 403 to people who see the KPR but may not act;
    global actions answer 404, so the state council's pages stay invisible to others.

    With `load`, the object named in the URL is fetched first (a foreign one is a 404, before
    any 403 could tell that it exists) and passed to the view instead of its id. With no action,
    `load` alone decides (it aborts with 404 for people who may not use the object).
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(**kwargs):
            from .extensions import login_manager

            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if load is not None:
                kwargs = {"obj": load(**kwargs)}
            if action is None:
                pass
            elif action in TENANT_RULES:
                if not can(current_user, action, g.tenant):
                    abort(403)
            elif not can(current_user, action):
                abort(404)
            return view(**kwargs)

        wrapped.required_action = action
        return wrapped

    return decorator


def safe_next_url(default: str) -> str:
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


def tenant_area(name: str, import_name: str, **kwargs):
    """A blueprint under /k/<slug>/ whose every request passes the tenant gate."""
    from tenants.web import tenant_blueprint

    return tenant_blueprint(name, import_name, gate=tenant_gate, **kwargs)


def public_tenant_area(name: str, import_name: str, **kwargs):
    """A blueprint under /k/<slug>/ for everyone, logged in or not: it shows public items only.
    Its views are marked public, which the isolation matrix checks."""
    from tenants.web import tenant_blueprint

    return tenant_blueprint(name, import_name, gate=lambda tenant: None, **kwargs)


def public(view: Callable) -> Callable:
    """Marks a view that anyone may open (the isolation matrix expects no 404 from it)."""
    view.public = True
    return view


def can_manage_event(user, event) -> bool:
    """The state council manages its events; an event a KPR organises (a district's
    PräventionsForum) is managed by that KPR's coordinators and the state admins."""
    if not getattr(user, "is_authenticated", False):
        return False
    if event.organiser_tenant_id is None:
        return can(user, "events.manage")
    if user.has_role(GlobalRole.state_admin):
        return True
    with tenant_context(event.organiser_tenant_id):
        role = db.session.scalar(sa.select(Membership.role).where(Membership.user_id == user.id))
    return role == MembershipRole.coordinator
