"""Mail delivery jobs; idempotent by the outbox row's status, so acks_late is safe."""

from __future__ import annotations

from celery import shared_task
from flask import current_app

from tenants import db
from tenants.db import begin_write

from . import services
from .models import OutboxMessage


@shared_task(name="mail.deliver", cross_tenant=True, acks_late=True, ignore_result=True, own_transactions=True)
def deliver_mail(message_id: int) -> str:
    # Its own two transactions, none holding a lock while SMTP talks: claim and compose, send,
    # record the result.
    begin_write(db.session)
    if not services.claim(message_id):
        db.session.rollback()
        return "skipped"
    message = db.session.get(OutboxMessage, message_id)
    mail = services.compose(message) if current_app.config["SETTINGS"].smtp_host else None
    db.session.commit()
    status, error = services.send(mail)
    begin_write(db.session)
    services.record_result(message_id, status, error)
    db.session.commit()
    return status.value


@shared_task(name="mail.sweep_outbox", cross_tenant=True, ignore_result=True)
def sweep_outbox() -> int:
    ids = services.stale_message_ids()
    for message_id in ids:
        deliver_mail.delay(message_id)
    return len(ids)
