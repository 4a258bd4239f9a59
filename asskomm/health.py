"""/healthz: is the database reachable, is the broker reachable, as JSON; 200 while the web can
serve pages. /readyz: the same checks for monitors and load balancers that read status codes only:
200 when both are reachable, 503 when either is not. /livez: the process answers, touching neither (a
liveness probe that restarts a hung worker, not one that waits for the database; the benchmark's
baseline page)."""

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


def broker_ok() -> bool:
    """One connection attempt with a short timeout: a request never waits long for the broker."""
    celery_app = current_app.extensions["celery"]
    try:
        with celery_app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=2)
        return True
    except Exception:  # noqa: BLE001
        return False


def _checks() -> tuple[bool, bool, dict]:
    database, broker = _database_ok(), broker_ok()
    return database, broker, {"database": "ok" if database else "unreachable",
                              "broker": "ok" if broker else "unreachable"}


@bp.get("/healthz")
def healthz():
    database, broker, checks = _checks()
    body = {"status": "ok" if database and broker else "degraded", **checks,
            "broker_kind": "redis" if current_app.config["SETTINGS"].redis_url else "embedded"}
    # Without a broker mails wait in the outbox, but pages still work: still 200.
    return jsonify(body), 200 if database else 503


@bp.get("/livez")
def livez():
    return jsonify({"status": "alive"})


@bp.get("/readyz")
def readyz():
    database, broker, checks = _checks()
    ready = database and broker
    return jsonify({"status": "ready" if ready else "not ready", **checks}), 200 if ready else 503
