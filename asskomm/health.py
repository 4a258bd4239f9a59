"""/healthz: is the database reachable, is the broker reachable. 200 while the web can serve."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from tenants import db

bp = Blueprint("health", __name__)


def _database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        db.session.rollback()
        return False


def _broker_ok() -> bool:
    celery_app = current_app.extensions["celery"]
    try:
        with celery_app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=2)
        return True
    except Exception:  # noqa: BLE001
        return False


@bp.get("/healthz")
def healthz():
    database = _database_ok()
    broker = _broker_ok()
    body = {
        "status": "ok" if database and broker else "degraded",
        "database": "ok" if database else "unreachable",
        "broker": "ok" if broker else "unreachable",
        "broker_kind": "redis" if current_app.config["SETTINGS"].redis_url else "embedded",
    }
    # Without a broker mails wait in the outbox, but pages still work: still 200.
    return jsonify(body), 200 if database else 503
