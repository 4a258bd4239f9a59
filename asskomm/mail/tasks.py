"""Mail delivery jobs. Delivery is at least once: an attempt interrupted after SMTP took the mail
but before its result was recorded is made again, with the same Message-ID (README, "Mail")."""

from __future__ import annotations

from celery import shared_task
from flask import current_app

from tenants import db
from tenants.db import begin_write

from . import services
from .models import OutboxMessage


# acks_late + reject_on_worker_lost: a worker child killed before its claim committed gives the
# message back to the broker at once; after the claim, the sweep takes it again once it is stale.
# The claim makes a redelivered or repeated task harmless.
@shared_task(name="mail.deliver", cross_tenant=True, acks_late=True, reject_on_worker_lost=True,
             ignore_result=True, own_transactions=True)
def deliver_mail(message_id: int) -> str:
    # Three short transactions, none open while SMTP talks: claim, compose, record the result.
    begin_write(db.session)
    attempt = services.claim(message_id)
    db.session.commit()
    if attempt is None:
        return "skipped"
    message = db.session.get(OutboxMessage, message_id)
    mail = services.compose(message) if current_app.config["SETTINGS"].smtp_host else None
    db.session.rollback()  # ends the read before SMTP
    status, error = services.send(mail)
    begin_write(db.session)
    services.record_result(message_id, attempt, status, error)
    db.session.commit()
    return status.value


@shared_task(name="mail.sweep_outbox", cross_tenant=True, ignore_result=True)
def sweep_outbox() -> int:
    """Beat, every MAIL_STALE_SECONDS: hand every stale message to the worker again."""
    services.give_up_interrupted()
    ids = services.stale_message_ids()
    for message_id in ids:
        deliver_mail.delay(message_id)
    return len(ids)
