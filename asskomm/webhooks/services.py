"""Endpoints and deliveries. Every query names the tenant: None is the state council's own."""

from __future__ import annotations

import json

import sqlalchemy as sa
from flask import abort, current_app

from tenants import db
from tenants.alliances import owning_alliance

from ..accounts.models import User
from ..errors import DomainError
from ..paging import Page, clamp
from ..tasking import enqueue_after_commit
from ..timeutil import now
from . import addresses
from .models import EVENTS, DeliveryStatus, WebhookDelivery, WebhookEndpoint
from .signing import new_secret

PER_PAGE = 50


def allowed_networks() -> tuple[str, ...]:
    return current_app.config["SETTINGS"].webhook_allowed_networks


def endpoints(tenant_id: int | None) -> list[WebhookEndpoint]:
    return list(db.session.scalars(sa.select(WebhookEndpoint).where(
        WebhookEndpoint.tenant_id.is_(tenant_id) if tenant_id is None else WebhookEndpoint.tenant_id == tenant_id)
        .order_by(WebhookEndpoint.id)))


def endpoint_or_404(endpoint_id: int, tenant_id: int | None) -> WebhookEndpoint:
    """Another KPR's (or the state's, seen from a KPR) endpoint does not exist for the asker."""
    endpoint = db.session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or endpoint.tenant_id != tenant_id:
        abort(404)
    return endpoint


def create_endpoint(tenant_id: int | None, url: str, events: list[str], by: User) -> WebhookEndpoint:
    url = url.strip()
    reason = addresses.refusal(url, allowed_networks())
    if reason:
        raise DomainError(reason, "url")
    unknown = set(events) - set(EVENTS)
    if not events or unknown:
        raise DomainError("Bitte wählen Sie mindestens ein Ereignis.", "events")
    endpoint = WebhookEndpoint(tenant_id=tenant_id, url=url, secret=new_secret(),
                               events=[e for e in EVENTS if e in events], active=True, created_by_id=by.id)
    db.session.add(endpoint)
    db.session.flush()
    return endpoint


def deactivate(endpoint: WebhookEndpoint) -> None:
    endpoint.active = False
    db.session.flush()


def delete(endpoint: WebhookEndpoint) -> None:
    db.session.delete(endpoint)
    db.session.flush()


def delivery_page(endpoint: WebhookEndpoint, page: int) -> Page:
    total = db.session.scalar(sa.select(sa.func.count()).select_from(WebhookDelivery)
                              .where(WebhookDelivery.endpoint_id == endpoint.id)) or 0
    page, pages = clamp(total, page, PER_PAGE)
    rows = list(db.session.scalars(
        sa.select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id)
        .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc())
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)))
    return Page(rows, total, page, pages)


def retry(delivery: WebhookDelivery) -> None:
    """Send a failed delivery again, from a fresh count of attempts."""
    if delivery.status != DeliveryStatus.failed:
        raise DomainError("Nur fehlgeschlagene Zustellungen können erneut gesendet werden.")
    delivery.status, delivery.attempts, delivery.next_attempt_at = DeliveryStatus.pending, 0, now()
    db.session.flush()
    enqueue_after_commit("webhooks.deliver", delivery.id)


def record(event: str, tenant_id: int | None, data: dict) -> list[WebhookDelivery]:
    """One delivery for every active endpoint that wants `event`: the KPR's own and the state's
    (which get every KPR's). Flushes; the task is sent after commit."""
    audience = sa.and_(WebhookEndpoint.tenant_id.is_(None), WebhookEndpoint.alliance_id == owning_alliance(tenant_id))
    if tenant_id is not None:
        audience = sa.or_(audience, WebhookEndpoint.tenant_id == tenant_id)
    wanted = [e for e in db.session.scalars(sa.select(WebhookEndpoint).where(WebhookEndpoint.active, audience))
              if event in e.events]
    created = []
    for endpoint in wanted:
        delivery = WebhookDelivery(endpoint=endpoint, event=event, status=DeliveryStatus.pending, attempts=0,
                                   created_at=now())
        db.session.add(delivery)
        db.session.flush()
        delivery.payload = json.dumps({"id": delivery.id, "event": event, "created": delivery.created_at.isoformat(),
                                       "data": data}, ensure_ascii=False, separators=(",", ":"))
        created.append(delivery)
    db.session.flush()
    for delivery in created:
        enqueue_after_commit("webhooks.deliver", delivery.id)
    return created
