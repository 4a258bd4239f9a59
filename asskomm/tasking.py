"""Celery bound to the Flask app (the Flask documentation's pattern), tenant-aware.

Every task runs inside an app context, with the tenant from its headers, and is one transaction:
it commits once when it returns and rolls back on any error, like a request. A task that must
not hold a transaction across slow I/O (SMTP) declares `own_transactions=True` and says why.
Services send tasks by name (`enqueue_after_commit("mail.deliver", id)`), never import them.
"""

from __future__ import annotations

import logging

from celery import Celery
from flask import Flask, current_app
from kombu.exceptions import OperationalError
from sqlalchemy import event

from tenants import db, maybe_tenant_id
from tenants.db import begin_write
from tenants.scoping import TenantSession
from tenants.tasks import TENANT_HEADER, TenantTask

log = logging.getLogger(__name__)


def celery_init_app(app: Flask) -> Celery:
    class FlaskTenantTask(TenantTask):
        abstract = True

        own_transactions: bool = False

        def __call__(self, *args, **kwargs):
            with app.app_context():
                try:
                    begin_write(db.session)  # tasks write: hold SQLite's write lock from the start
                    result = super().__call__(*args, **kwargs)
                    if not self.own_transactions:
                        db.session.commit()
                    return result
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


def send_safely(task_name: str, *args, tenant_id: int | None = None, countdown: float | None = None) -> bool:
    """Enqueue a task by its name, for `tenant_id` (or the current tenant), to run now or `countdown`
    seconds from now; if the broker is down, log it and let the periodic sweep catch up."""
    task = current_celery().tasks[task_name]
    headers = {TENANT_HEADER: tenant_id} if tenant_id is not None else {}
    try:
        task.apply_async(args, headers=headers, countdown=countdown)
        return True
    except (OperationalError, OSError):
        log.warning("could not enqueue %s; it will be retried by the sweep", task_name, exc_info=True)
        return False


def current_celery() -> Celery:
    return current_app.extensions["celery"]


_PENDING = "asskomm_tasks_after_commit"


def enqueue_after_commit(task_name: str, *args, countdown: float | None = None) -> None:
    """Send the task named `task_name` with `args` once the current transaction commits; drop it
    on rollback. A service only flushes, so it cannot know whether its rows will exist; the
    commit decides. The tenant travels from now, not from whenever the commit happens."""
    if task_name not in current_celery().tasks:
        raise KeyError(f"no task named {task_name}")
    db.session.info.setdefault(_PENDING, []).append((task_name, args, maybe_tenant_id(), countdown))


@event.listens_for(TenantSession, "after_commit")
def _send_pending(session) -> None:
    pending = session.info.pop(_PENDING, [])
    for task_name, args, tenant_id, countdown in pending:
        send_safely(task_name, *args, tenant_id=tenant_id, countdown=countdown)


@event.listens_for(TenantSession, "after_rollback")
def _drop_pending(session) -> None:
    session.info.pop(_PENDING, None)

