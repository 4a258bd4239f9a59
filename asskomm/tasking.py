"""Celery bound to the Flask app (the Flask documentation's pattern), tenant-aware.

Every task runs inside an app context, with the tenant from its headers; on any error the
session rolls back. The task itself commits, like a view.
"""

from __future__ import annotations

import logging

from celery import Celery
from flask import Flask
from kombu.exceptions import OperationalError
from sqlalchemy import event

from tenants import db
from tenants.db import begin_write
from tenants.scoping import TenantSession
from tenants.tasks import TenantTask

log = logging.getLogger(__name__)


def celery_init_app(app: Flask) -> Celery:
    class FlaskTenantTask(TenantTask):
        abstract = True

        def __call__(self, *args, **kwargs):
            with app.app_context():
                try:
                    begin_write(db.session)  # tasks write: hold SQLite's write lock from the start
                    return super().__call__(*args, **kwargs)
                except BaseException:
                    db.session.rollback()
                    raise
                finally:
                    db.session.remove()

    celery_app = Celery(app.name, task_cls=FlaskTenantTask)
    celery_app.config_from_object(app.config["SETTINGS"].celery_config())
    celery_app.conf.update(app.config.get("CELERY", {}))
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app


def send_safely(task, *args, **kwargs) -> bool:
    """Enqueue a task; if the broker is down, log it and let the periodic sweep catch up."""
    try:
        task.delay(*args, **kwargs)
        return True
    except (OperationalError, OSError):
        log.warning("could not enqueue %s; it will be retried by the sweep", task.name, exc_info=True)
        return False


_PENDING = "asskomm_tasks_after_commit"


def enqueue_after_commit(task, *args) -> None:
    """Send `task(*args)` once the current transaction commits; drop it on rollback.

    A service only flushes, so it cannot know whether its rows will exist; the commit decides.
    """
    db.session.info.setdefault(_PENDING, []).append((task, args))


@event.listens_for(TenantSession, "after_commit")
def _send_pending(session) -> None:
    pending = session.info.pop(_PENDING, [])
    for task, args in pending:
        send_safely(task, *args)


@event.listens_for(TenantSession, "after_rollback")
def _drop_pending(session) -> None:
    session.info.pop(_PENDING, None)

