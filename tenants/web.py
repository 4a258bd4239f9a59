"""Resolve the current tenant once per request from `/k/<tenant_slug>/…`."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Flask, abort, g, request

from .alliances import alliance_for_host
from .context import set_request_alliance, set_request_tenant
from .db import WRITE_LOCK_UP_FRONT, db
from .models import Tenant

TENANT_PREFIX = "/k/<tenant_slug>"


def tenant_blueprint(name: str, import_name: str, gate: Callable[[Tenant], None], **kwargs) -> Blueprint:
    """A blueprint under /k/<slug>/ whose views see `g.tenant` and scoped queries.

    `gate(tenant)` decides whether the current person may enter; it aborts (404) otherwise.
    """
    bp = Blueprint(name, import_name, url_prefix=TENANT_PREFIX, **kwargs)

    @bp.url_value_preprocessor
    def _resolve(endpoint, values):
        slug = (values or {}).pop("tenant_slug", None)
        tenant = db.session.execute(db.select(Tenant).filter_by(slug=slug)).scalar_one_or_none()
        if tenant is None:
            abort(404)
        g.tenant = tenant
        set_request_tenant(tenant.id)
        gate(tenant)

    @bp.url_defaults
    def _default_slug(endpoint, values):
        if "tenant_slug" not in values and getattr(g, "tenant", None) is not None:
            values["tenant_slug"] = g.tenant.slug

    return bp


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def init_app(app: Flask) -> None:
    @app.url_value_preprocessor
    def _write_lock_for_changes(endpoint, values):
        # Runs before anything else reads: a request that may write holds SQLite's write lock
        # from its first statement, so parallel writers wait instead of failing.
        if request.method not in SAFE_METHODS:
            db.session.connection(execution_options={WRITE_LOCK_UP_FRONT: True})

    @app.url_value_preprocessor
    def _alliance_of_host(endpoint, values):
        # Before any blueprint's preprocessor looks up a KPR by its slug: only this alliance's exist.
        set_request_alliance(alliance_for_host(request.host))

    @app.teardown_request
    def _clear_tenant(exc=None):
        set_request_tenant(None)
        set_request_alliance(None)
