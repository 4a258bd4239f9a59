"""The ASSKomm network platform: one Flask app, each KPR a tenant."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

import tenants.web
from config import load_settings
from tenants import db
from tenants.scoping import TenantSession

from . import boundary, signals, web
from .audit import listener as audit_listener
from .boundary import Platform
from .extensions import babel, csrf, limiter, login_manager, migrate
from .tasking import celery_init_app

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def create_app(env: Mapping[str, str] | None = None, **overrides) -> Flask:
    settings = load_settings(env)
    app = Platform(__name__, instance_path=settings.instance_path)
    app.config.from_mapping(settings.flask_config())
    app.config.update(overrides)
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if settings.proxy_count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.proxy_count, x_proto=settings.proxy_count,
                                x_host=settings.proxy_count)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app)
    limiter.init_app(app)
    tenants.web.init_app(app)
    web.init_app(app)
    boundary.init_app(app)
    audit_listener.install()  # every flush of a domain row writes its audit entry
    celery_init_app(app)
    _register_blueprints(app)
    _connect_listeners()
    _register_commands(app)
    return app


def _register_blueprints(app: Flask) -> None:
    """Every blueprint of the app, named here; importing the views also makes every table known
    to migrations. The task modules register their jobs with Celery."""
    from . import branding, health
    from .agreements import views as agreements
    from .annual_report import views as annual_report
    from .api import views as api
    from .audit import views as audit
    from .coaching import views as coaching
    from .comments import views as comments
    from .documents import views as documents
    from .events.catalog import views as events
    from .events.day import views as events_day
    from .events.organising import views as events_organising
    from .exchange import views as exchange
    from .founding import views as founding
    from .funding import views as funding
    from .installation import views as installation
    from .kpr import views as kpr
    from .kpr_picker import bp as kpr_picker
    from .legal import views as legal
    from .meetings import views as meetings
    from .my_account import views as my_account
    from .prevention import views as prevention
    from .privacy import views as privacy
    from .public import views as public
    from .reports import views as reports
    from .search import views as search
    from .signin import views as signin
    from .state import outbox
    from .state import views as state
    from .structure import views as structure
    from .webhooks import views as webhooks

    blueprints = [
        health.bp, branding.bp, signin.bp, state.bp, state.tenant_bp, coaching.bp, coaching.state_bp, coaching.log_bp,
        kpr.bp, outbox.bp, structure.bp, founding.bp, meetings.bp, meetings.public_bp, documents.bp,
        documents.public_bp, public.bp, public.edit_bp, public.index_bp, events.bp, events_day.bp,
        events_organising.manage_bp, events_organising.dashboard_bp, agreements.bp, funding.bp, comments.bp,
        reports.bp, reports.tenant_bp, audit.bp, audit.tenant_bp, prevention.bp, prevention.land_bp,
        prevention.public_bp, annual_report.bp, annual_report.state_bp, exchange.bp, search.bp, my_account.bp,
        legal.bp, kpr_picker, installation.bp,
        privacy.bp, privacy.tenant_bp, webhooks.bp, webhooks.tenant_bp, api.bp,
    ]
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    _register_tasks()


# Modules whose import registers Celery tasks, or tables that no view imports (for migrations).
TASK_MODULES = ["asskomm.accounts.api_tokens", "asskomm.audit.tasks",
                "asskomm.events.day.tasks", "asskomm.events.registration.tasks", "asskomm.funding.tasks",
                "asskomm.mail.tasks", "asskomm.meetings.tasks", "asskomm.privacy.tasks", "asskomm.search.tasks",
                "asskomm.snapshots.models", "asskomm.webhooks.tasks"]


def _register_tasks() -> None:
    for name in TASK_MODULES:
        importlib.import_module(name)


# Packages that listen to domain signals (asskomm.signals).
LISTENER_MODULES = ["asskomm.comments.listeners", "asskomm.meetings.listeners", "asskomm.reports.listeners",
                    "asskomm.state.listeners", "asskomm.webhooks.listeners"]


def _connect_listeners() -> None:
    from .search import indexing

    signals.install(TenantSession)
    indexing.install(TenantSession)  # the search index follows every commit
    for name in LISTENER_MODULES:
        importlib.import_module(name)


def _register_commands(app: Flask) -> None:
    from tenants.cli import tenants_cli

    from .accounts.alliance_cli import alliance_cli
    from .accounts.token_cli import api_cli
    from .demo.cli import demo_cli
    from .search.cli import search_cli

    app.cli.add_command(alliance_cli)
    app.cli.add_command(api_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(tenants_cli)


@login_manager.user_loader
def _load_user(session_id: str):
    from .accounts import sessions

    # "<id>:<auth_version>:<session_version>": a new password or "everywhere" ends the session;
    # the cookie's session key must still have its row (ending one session deletes it).
    user_id, _, versions = session_id.partition(":")
    if not user_id.isdigit():
        return None
    found = sessions.load(int(user_id))
    if found is None:
        return None
    user, _row = found
    if not user.active or f"{user.auth_version}:{user.session_version}" != versions:
        return None
    return user
