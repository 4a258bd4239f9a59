"""webhooks.deliver: POST one delivery, signed; retry with backoff, then give up. Commits once."""

from __future__ import annotations

import time
from datetime import timedelta

import requests
import sqlalchemy as sa
from celery import shared_task
from flask import current_app

from tenants import db

from ..tasking import enqueue_after_commit
from ..timeutil import now
from . import addresses
from .models import DeliveryStatus, WebhookDelivery
from .signing import signature


@shared_task(name="webhooks.deliver", cross_tenant=True)
def deliver(delivery_id: int) -> str:
    delivery = db.session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.status != DeliveryStatus.pending:
        return "skipped"
    settings = current_app.config["SETTINGS"]
    endpoint = delivery.endpoint
    delivery.attempts += 1
    reason = addresses.refusal(endpoint.url, settings.webhook_allowed_networks)
    if reason:  # the DNS answer changed since the endpoint was saved: nothing is sent
        delivery.status, delivery.last_error, delivery.next_attempt_at = DeliveryStatus.failed, reason, None
        return "refused"
    body = delivery.payload.encode()
    headers = {"Content-Type": "application/json", "X-ASSKomm-Event": delivery.event,
               "X-ASSKomm-Delivery": str(delivery.id),
               "X-ASSKomm-Signature": signature(endpoint.secret, int(time.time()), body)}
    try:
        answer = requests.post(endpoint.url, data=body, headers=headers, timeout=settings.webhook_timeout_seconds,
                               allow_redirects=False, verify=settings.webhook_ca_bundle or True)
        delivery.last_status_code, delivery.last_error = answer.status_code, None
        ok = 200 <= answer.status_code < 300
        if not ok:
            delivery.last_error = f"Antwort HTTP {answer.status_code}"
    except requests.RequestException as error:
        ok, delivery.last_status_code = False, None
        delivery.last_error = f"Nicht erreichbar: {type(error).__name__}"[:500]
    if ok:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = DeliveryStatus.delivered, now(), None
        return "delivered"
    if delivery.attempts >= settings.webhook_max_attempts:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.failed, None
        return "failed"
    wait = settings.webhook_retry_base_seconds * 2 ** (delivery.attempts - 1)
    delivery.next_attempt_at = now() + timedelta(seconds=wait)
    db.session.flush()
    # sent once this task has committed, so the retry reads the counted attempt
    enqueue_after_commit("webhooks.deliver", delivery.id, countdown=wait)
    return "retry"


# A delivery still pending this long after it was due lost its task (the broker was down when it was sent).
STALE = timedelta(minutes=10)


@shared_task(name="webhooks.sweep", cross_tenant=True)
def sweep() -> int:
    """Send the lost deliveries again (beat, every five minutes). A receiver drops a repeat by its
    X-ASSKomm-Delivery id: webhooks arrive at least once."""
    due = sa.func.coalesce(WebhookDelivery.next_attempt_at, WebhookDelivery.created_at)
    ids = list(db.session.scalars(sa.select(WebhookDelivery.id).where(
        WebhookDelivery.status == DeliveryStatus.pending, due < now() - STALE).order_by(WebhookDelivery.id).limit(500)))
    for delivery_id in ids:
        enqueue_after_commit("webhooks.deliver", delivery_id)
    return len(ids)
