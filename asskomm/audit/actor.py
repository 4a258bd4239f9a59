"""Who acts: the signed-in person and their strongest role, once per request.

Computed before the flush does any work (the listener calls it from `before_flush`), because
the roles come from a query; inside a flush no query may run. Cached in `g` per person, so a
request that signs someone in (anonymous first, then the person) gets the right actor for each.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, has_request_context
from flask_login import current_user

from tenants import db, tenant_context

from ..accounts.models import GlobalRole, User
from ..policy import tenant_roles

# Strongest first.
TENANT_ROLE_ORDER = ("state_admin", "contact", "coach", "coordinator", "member")
GLOBAL_ROLE_ORDER = (GlobalRole.state_admin, GlobalRole.state_contact, GlobalRole.coach)

_CACHE = "_audit_actor"
_PERSON = "_audit_person"


@dataclass(frozen=True)
class Actor:
    user_id: int | None = None
    name: str = ""
    email: str = ""
    role: str = ""


SYSTEM = Actor()


def strongest(roles, order) -> str:
    return next((str(role) for role in order if role in roles), "")


def actor_for(user: User) -> Actor:
    """`user` as the actor, in their strongest role where they act now (a KPR or globally)."""
    tenant = getattr(g, "tenant", None) if has_request_context() else None
    if tenant is not None:
        # The policy's cache is per request; its query must see the request's KPR, not a
        # tenant a service switched to for a moment.
        with db.session.no_autoflush, tenant_context(tenant.id):
            role = strongest(tenant_roles(user, tenant), TENANT_ROLE_ORDER)
    else:
        role = strongest(user.global_roles, GLOBAL_ROLE_ORDER)
    return Actor(user.id, user.name, user.email, role)


def identify(user: User) -> None:
    """Name the person acting in this request although nobody is signed in: the one a password
    reset or invitation link belongs to."""
    g.setdefault(_PERSON, user)


def current_actor() -> Actor:
    """The actor of the current request (cached), or SYSTEM outside requests (worker, CLI)."""
    if not has_request_context():
        return SYSTEM
    user = current_user._get_current_object() if current_user.is_authenticated else g.get(_PERSON)
    if user is None:
        return SYSTEM
    cached = g.get(_CACHE)
    if cached is not None and cached.user_id == user.id:
        return cached
    actor = actor_for(user)
    setattr(g, _CACHE, actor)
    return actor
