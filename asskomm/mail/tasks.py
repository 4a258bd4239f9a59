"""Mail delivery jobs; idempotent by the outbox row's status, so acks_late is safe."""

from __future__ import annotations

from celery import shared_task

from tenants import db

from . import services
from .models import OutboxMessage


@shared_task(name="mail.deliver", cross_tenant=True, acks_late=True, ignore_result=True)
def deliver_mail(message_id: int) -> str:
    if not services.claim(message_id):
        db.session.rollback()
        return "skipped"
    db.session.commit()
    message = db.session.get(OutboxMessage, message_id)
    services.deliver(message)
    db.session.commit()
    return message.status.value


@shared_task(name="mail.sweep_outbox", cross_tenant=True, ignore_result=True)
def sweep_outbox() -> int:
    ids = services.stale_message_ids()
    for message_id in ids:
        deliver_mail.delay(message_id)
    return len(ids)
