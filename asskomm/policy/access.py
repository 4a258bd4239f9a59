"""Asking the rules and enforcing them: `can` (every rule, whichever table holds it), the view decorator
`requires`, and the gates of the blueprints under /k/<slug>/.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort, g
from flask_login import current_user

from tenants import Tenant

from .objects import OBJECT_RULES
from .rules import TENANT_RULES, role_allows


def can(user, action: str, obj=None) -> bool:
    """May `user` do `action`, on `obj` (a KPR, or an object of one) where the action needs one."""
    if action in OBJECT_RULES:
        if obj is None:
            raise ValueError(f"{action} needs an object")
        return bool(getattr(user, "is_authenticated", False)) and OBJECT_RULES[action](user, obj)
    return role_allows(user, action, obj)


def tenant_gate(tenant: Tenant) -> None:
    """Run for every request under /k/<slug>/: anonymous to login, outsiders get 404."""
    from ..extensions import login_manager

    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if not can(current_user, "tenant.view", tenant):
        abort(404)


def requires(action: str | None, load: Callable | None = None) -> Callable:
    """View decorator. Tenant actions answer 403 to people who see the KPR but may not act;
    global actions answer 404, so the state council's pages stay invisible to others.

    With `load`, the object named in the URL is fetched first (a foreign one is a 404, before
    any 403 could tell that it exists) and passed to the view instead of its id. An object action
    (OBJECT_RULES) is then decided on that object, and a refusal is a 404: the object is not
    there for that person. With no action, `load` alone decides.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(**kwargs):
            from ..extensions import login_manager

            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if load is not None:
                kwargs = {"obj": load(**kwargs)}
            if action is None:
                pass
            elif action in OBJECT_RULES:
                if not can(current_user, action, kwargs["obj"]):
                    abort(404)
            elif action in TENANT_RULES:
                if not can(current_user, action, g.tenant):
                    abort(403)
            elif not can(current_user, action):
                abort(404)
            return view(**kwargs)

        wrapped.required_action = action
        return wrapped

    return decorator



def tenant_area(name: str, import_name: str, **kwargs):
    """A blueprint under /k/<slug>/ whose every request passes the tenant gate."""
    from tenants.web import tenant_blueprint

    return tenant_blueprint(name, import_name, gate=tenant_gate, **kwargs)


def public_tenant_area(name: str, import_name: str, **kwargs):
    """A blueprint under /k/<slug>/ for everyone, logged in or not: it shows public items only.
    Its views are marked public, which the isolation matrix checks."""
    from tenants.web import tenant_blueprint

    return tenant_blueprint(name, import_name, gate=public_gate, **kwargs)


def public_gate(tenant: Tenant) -> None:
    """An archived KPR's public pages are gone for the public (404); people with a role in it
    still read them, with the workspace."""
    if tenant.archived_at is not None and not can(current_user, "tenant.view", tenant):
        abort(404)


def public(view: Callable) -> Callable:
    """Marks a view that anyone may open (the isolation matrix expects no 404 from it)."""
    view.public = True
    return view
