"""The ASSKomm network platform: one Flask app, each KPR a tenant."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Mapping
from pathlib import Path

from flask import Blueprint, Flask
from werkzeug.middleware.proxy_fix import ProxyFix

import tenants.web
from config import load_settings
from tenants import db

from . import web
from .extensions import babel, csrf, limiter, login_manager, migrate
from .tasking import celery_init_app

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def create_app(env: Mapping[str, str] | None = None, **overrides) -> Flask:
    settings = load_settings(env)
    app = Flask(__name__, instance_path=settings.instance_path)
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
    celery_init_app(app)
    _register_blueprints(app)
    _register_commands(app)
    return app


# Feature packages, each with views.py (its blueprints) and, where it has jobs, tasks.py.
FEATURES = ["accounts", "state", "coaching", "kpr", "mail", "structure", "founding", "meetings", "documents",
            "public", "events", "agreements", "funding", "comments", "reports"]


def _register_blueprints(app: Flask) -> None:
    from . import health
    from .snapshots import models as _snapshot_models  # noqa: F401  (tables for migrations)

    for feature in FEATURES:
        if importlib.util.find_spec(f"asskomm.{feature}.models"):
            importlib.import_module(f"asskomm.{feature}.models")  # every table known to migrations
        views = importlib.import_module(f"asskomm.{feature}.views")
        for value in vars(views).values():
            if isinstance(value, Blueprint) and value.import_name.startswith(f"asskomm.{feature}."):
                app.register_blueprint(value)
        if importlib.util.find_spec(f"asskomm.{feature}.tasks"):
            importlib.import_module(f"asskomm.{feature}.tasks")
    app.register_blueprint(health.bp)


def _register_commands(app: Flask) -> None:
    from tenants.cli import tenants_cli

    from .demo.cli import demo_cli

    app.cli.add_command(demo_cli)
    app.cli.add_command(tenants_cli)


@login_manager.user_loader
def _load_user(session_id: str):
    from .accounts.models import User

    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or str(user.auth_version) != version:
        return None
    return user
