"""The rules decided by a person's roles alone: in a KPR (TENANT_RULES), in the alliance (GLOBAL_RULES)
or as one of its people (PERSON_RULES), and the roles themselves — which a person holds in a KPR today,
which KPRs they belong to or coordinate. Rules on objects and their state are in `.objects`.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from flask import g

from tenants import Tenant, cross_tenant, db

from ..accounts.models import Assignment, GlobalRole, Membership, MembershipRole, current_assignment_clause
from ..timeutil import today

STATE_ADMIN = "state_admin"
TENANT_ROLES = frozenset({"member", "coordinator", "coach", "contact", STATE_ADMIN})

# action -> roles inside the KPR that may do it
TENANT_RULES: dict[str, frozenset[str]] = {
    "tenant.view": TENANT_ROLES,
    "tenant.edit": frozenset({"contact", STATE_ADMIN}),
    "tenant.assign": frozenset({STATE_ADMIN}),
    # Archiving a KPR (never deleting it) and restoring it: the state admins.
    "tenant.archive": frozenset({STATE_ADMIN}),
    "tenant.restore": frozenset({STATE_ADMIN}),
    "members.view": TENANT_ROLES,
    "members.manage": frozenset({"coordinator", STATE_ADMIN}),
    # The e-mail addresses of the KPR's people (accounts and register): those who run or support the
    # workspace always; members only where the KPR chose so ("member_emails.view").
    "members.emails": frozenset({"coordinator", "coach", "contact", STATE_ADMIN}),
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
    # The KPR's audit trail: its coordinators; the state council reads every KPR's at /land/protokoll.
    "audit.tenant": frozenset({"coordinator"}),
    # The KPR's webhooks (its events sent to its own systems): its coordinators.
    "webhooks.tenant": frozenset({"coordinator"}),
    # The prevention cycle: coordinators edit, members and the assigned coach read; the state council
    # reads an analysis or a strategy the KPR shared with it (the "cycle.read_*" rules). Everyone
    # with a role sees the stage; crime figures and indicators are published figures.
    "prevention.stage": TENANT_ROLES,
    "prevention.view": frozenset({"member", "coordinator", "coach"}),
    "prevention.edit": frozenset({"coordinator"}),
    "prevention.shared": frozenset({"contact", STATE_ADMIN}),
    "prevention.figures": TENANT_ROLES,
    # The annual Präventionsbericht: coordinators write and submit it, members and the assigned coach
    # read the draft; the state council reads the submitted versions and returns one with a remark.
    "annual_report.view": frozenset({"member", "coordinator", "coach"}),
    "annual_report.edit": frozenset({"coordinator"}),
    "annual_report.submitted": frozenset({"coordinator", "member", "coach", "contact", STATE_ADMIN}),
    "annual_report.return": frozenset({"contact", STATE_ADMIN}),
}

# action -> global roles that may do it
GLOBAL_RULES: dict[str, frozenset[GlobalRole]] = {
    "state.overview": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    "tenant.create": frozenset({GlobalRole.state_admin}),
    "users.manage": frozenset({GlobalRole.state_admin}),
    # When a person last signed in: the state admins only (least visibility), wherever it would show.
    "users.last_login": frozenset({GlobalRole.state_admin}),
    "outbox.read": frozenset({GlobalRole.state_admin}),
    "coaching.home": frozenset({GlobalRole.coach}),
    "events.manage": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    # Who organises an event decides who manages it: only state admins hand it to another organiser.
    "events.assign_organiser": frozenset({GlobalRole.state_admin}),
    # Coaches see the reports of the KPRs assigned to them only (asskomm.reports.scope).
    "reports.view": frozenset({GlobalRole.state_admin, GlobalRole.state_contact, GlobalRole.coach}),
    "reports.compute": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    "audit.all": frozenset({GlobalRole.state_admin}),
    # The state council's webhooks, which receive every KPR's events.
    "webhooks.state": frozenset({GlobalRole.state_admin}),
    # The Land's crime figures, shown beside each KPR's.
    "prevention.land_figures": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    # The alliance's benchmark of the citizen surveys' standard items, across every participating KPR.
    "prevention.benchmark": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    # Which KPRs submitted a Präventionsbericht for which year (the versions are read in each KPR).
    "annual_report.list": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    # The practice exchange: which shared measures spread to how many KPRs.
    "exchange.spread": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    # The operator's duties: the received accessibility feedback and the register of processing (Art. 30).
    "legal.feedback": frozenset({GlobalRole.state_admin}),
    "legal.records": frozenset({GlobalRole.state_admin}),
    # The installation's operator: the alliances and their first admins, nothing of any workspace.
    "alliances.manage": frozenset({GlobalRole.operator}),
}


def in_alliance(user) -> bool:
    """Anyone with a role in some KPR, a coach or the state council: the practice exchange's readers
    (not the public). The installation's operator is none of them."""
    return bool(user.global_roles - {GlobalRole.operator}) or bool(memberships_of(user))


# action -> rule on the person alone (no KPR, no object)
PERSON_RULES: dict[str, Callable[..., bool]] = {
    "exchange.browse": in_alliance,
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
        membership_role = memberships_of(user).get(tenant.id)  # any KPR's, not only the request's
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


def role_allows(user, action: str, obj=None) -> bool:
    """May `user` do a tenant action in `obj`'s KPR, a global or a person action: decided by their
    roles alone. `can` asks this for every action that is not an object rule."""
    if action in TENANT_RULES:
        tenant = tenant_of(obj)
        if tenant.archived_at is not None and action not in WHEN_ARCHIVED:
            return False  # an archived KPR's workspace is read-only, for everyone
        return bool(tenant_roles(user, tenant) & TENANT_RULES[action])
    if action in GLOBAL_RULES:
        return bool(getattr(user, "is_authenticated", False) and user.global_roles & GLOBAL_RULES[action])
    if action in PERSON_RULES:
        return bool(getattr(user, "is_authenticated", False)) and PERSON_RULES[action](user)
    raise KeyError(f"unknown action {action}")


# An archived KPR is read, not changed: these tenant actions stay; every other one (those added
# later included) is refused, and the object rules decided in the KPR follow.
WHEN_ARCHIVED = frozenset({
    "tenant.view", "tenant.restore", "members.view", "members.emails", "structure.view", "founding.view",
    "meetings.view", "documents.view", "coaching.read", "agreements.view", "funding.view", "reports.own",
    "audit.tenant", "prevention.stage", "prevention.view", "prevention.shared", "prevention.figures",
    "annual_report.view", "annual_report.submitted",
})


def tenant_of(obj) -> Tenant:
    """The KPR an object belongs to: the KPR itself, or the one its tenant_id names."""
    if isinstance(obj, Tenant):
        return obj
    tenant_id = getattr(obj, "tenant_id", None)
    if tenant_id is None:
        raise ValueError(f"{obj!r} belongs to no KPR")
    current = getattr(g, "tenant", None)
    if current is not None and current.id == tenant_id:
        return current
    return db.session.get(Tenant, tenant_id)


def is_coordinator_of(user, tenant_id: int) -> bool:
    """A coordinator of that KPR (not necessarily the one of this request)."""
    return memberships_of(user).get(tenant_id) == MembershipRole.coordinator


def memberships_of(user) -> dict[int, MembershipRole]:
    """Every KPR a person belongs to, with their role; read once per request. This is how the set
    of a person's KPRs is found, so it reads their own membership rows across tenants, by name."""
    cache = g.setdefault("_memberships", {})
    if user.id not in cache:
        with cross_tenant(f"own memberships of user {user.id}"):
            cache[user.id] = dict(db.session.execute(
                sa.select(Membership.tenant_id, Membership.role).where(Membership.user_id == user.id)).all())
    return cache[user.id]


def coordinated(user) -> list[int]:
    """The KPRs (ids) `user` coordinates: those they act for in the practice exchange."""
    return sorted(t for t, role in memberships_of(user).items() if role == MembershipRole.coordinator)


def coordinated_elsewhere(user, tenant_id: int) -> list[int]:
    """The KPRs other than `tenant_id` that `user` coordinates and that are not archived: asking
    about or adopting another KPR's measure is done for one of them (an archived KPR's workspace is
    read-only)."""
    mine = coordinated(user)
    return [t for t in mine if t != tenant_id and t not in _archived(tuple(mine))]


def _archived(tenant_ids: tuple[int, ...]) -> frozenset[int]:
    """Which of these KPRs are archived; read once per request."""
    if not tenant_ids:
        return frozenset()
    cache = g.setdefault("_archived_kprs", {})
    if tenant_ids not in cache:
        cache[tenant_ids] = frozenset(db.session.scalars(
            sa.select(Tenant.id).where(Tenant.id.in_(tenant_ids), Tenant.archived_at.is_not(None))))
    return cache[tenant_ids]
