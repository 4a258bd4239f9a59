"""Real worker processes: mail through Redis to a local SMTP server, and through the embedded
folder broker into the outbox; the tenant travels in the message headers."""

from __future__ import annotations

import re
import time

import pytest
import sqlalchemy as sa
from celery.contrib.testing.worker import start_worker

from asskomm import create_app
from asskomm.mail.models import OutboxMessage, OutboxStatus
from tenants import NoTenantError, current_tenant_id, db, tenant_context

pytestmark = pytest.mark.worker

LINK = re.compile(r"http://localhost(/passwort-neu/\S+)")
QUEUE = "in-process-tests"  # apart from the default queue that the worker process consumes


def in_process_worker(celery_app):
    """A worker thread in this process, so tasks defined by a test are known to it."""
    return start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=[QUEUE])


def test_password_reset_mail_travels_through_redis_worker_to_smtp(
        redis_worker, smtp_server, through_broker, live_client):
    inbox, _ = smtp_server
    before = len(inbox.messages)
    response = live_client.submit("/passwort-vergessen", {"email": "coach2@demo.asskomm.de"})
    assert response.status_code == 302
    messages = inbox.wait_for(before + 1)
    assert len(messages) == before + 1, redis_worker.log.read_text()[-2000:]
    mail = messages[-1]
    assert mail["To"] == "coach2@demo.asskomm.de"
    assert mail["Subject"] == "Passwort zurücksetzen – ASSKomm-Plattform"
    link = LINK.search(mail.get_content()).group(1)
    done = live_client.submit(link, {"password": "neues-coach-passwort", "confirm": "neues-coach-passwort"})
    assert done.status_code == 302
    assert live_client.login("coach2@demo.asskomm.de", "neues-coach-passwort").status_code == 302
    with live_client.application.app_context():
        row = db.session.scalar(sa.select(OutboxMessage).filter_by(recipient="coach2@demo.asskomm.de",
                                                                   kind="password_reset"))
        assert row.status == OutboxStatus.sent and row.attempts == 1


def test_password_reset_mail_lands_in_the_outbox_with_the_embedded_broker(embedded_worker, committed):
    app = create_app(embedded_worker, WTF_CSRF_ENABLED=False)
    try:
        response = app.test_client().post("/passwort-vergessen", data={"email": "coach1@demo.asskomm.de"})
        assert response.status_code == 302
        deadline = time.monotonic() + 30
        with app.app_context():
            while time.monotonic() < deadline:
                row = db.session.scalar(sa.select(OutboxMessage).filter_by(recipient="coach1@demo.asskomm.de",
                                                                       kind="password_reset"))
                if row.status == OutboxStatus.stored:
                    break
                db.session.rollback()
                time.sleep(0.2)
            assert row.status == OutboxStatus.stored and "/passwort-neu/" in row.body
            db.engine.dispose()
    finally:
        committed.extensions["celery"].set_default()


def test_the_tenant_travels_in_the_message_headers(app, through_broker, committed):
    celery_app = app.extensions["celery"]

    @celery_app.task(name="tests.current_tenant", shared=False)
    def report_tenant() -> int:
        return current_tenant_id()

    with in_process_worker(celery_app):
        with tenant_context(42):
            result = report_tenant.apply_async(queue=QUEUE)
        assert result.get(timeout=20) == 42
        with pytest.raises(NoTenantError):
            report_tenant.apply_async(queue=QUEUE)  # sending a tenant task needs a tenant


def test_a_tenant_task_without_tenant_header_fails_in_the_worker(app, through_broker, committed):
    celery_app = app.extensions["celery"]

    @celery_app.task(name="tests.needs_tenant", shared=False)
    def needs_tenant() -> int:
        return current_tenant_id()

    with in_process_worker(celery_app):
        # Bypass the base class the way a foreign producer would: no tenant header at all.
        result = celery_app.send_task("tests.needs_tenant", queue=QUEUE)
        with pytest.raises(NoTenantError):
            result.get(timeout=20, propagate=True)
