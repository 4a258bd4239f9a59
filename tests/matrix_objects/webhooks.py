"""Webhooks for the isolation matrix: one endpoint per KPR, with one failed delivery."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

from ..helpers import tenant


def _endpoint(session, slug: str) -> int:
    tenant_id = tenant(slug).id
    endpoint_id = session.scalar(sa.select(WebhookEndpoint.id).filter_by(tenant_id=tenant_id))
    if endpoint_id is None:
        endpoint = WebhookEndpoint(tenant_id=tenant_id, url=f"https://{slug}.example.org/hook", secret="whsec_matrix",
                                   events=["registration.created"], active=True)
        session.add(endpoint)
        session.flush()
        session.add(WebhookDelivery(endpoint_id=endpoint.id, event="registration.created", payload="{}",
                                    status=DeliveryStatus.failed, attempts=6))
        session.flush()
        endpoint_id = endpoint.id
    return endpoint_id


def _delivery(session, slug: str) -> int:
    return session.scalar(sa.select(WebhookDelivery.id).filter_by(endpoint_id=_endpoint(session, slug)))


OBJECTS = {"endpoint_id": _endpoint, "delivery_id": _delivery}
