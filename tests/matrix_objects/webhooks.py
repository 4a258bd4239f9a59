"""Webhooks for the isolation matrix: one endpoint per KPR and one of the state, each with one failed delivery."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from tenants import FIRST_ALLIANCE_ID

from ..helpers import tenant


def _endpoint(session, slug: str | None, alliance_id: int = FIRST_ALLIANCE_ID) -> int:
    """The KPR's endpoint, or (no slug) the state council's of that alliance."""
    tenant_id = tenant(slug).id if slug else None
    endpoint_id = session.scalar(sa.select(WebhookEndpoint.id).where(
        sa.and_(WebhookEndpoint.tenant_id.is_(None), WebhookEndpoint.alliance_id == alliance_id)
        if tenant_id is None else WebhookEndpoint.tenant_id == tenant_id))
    if endpoint_id is None:
        endpoint = WebhookEndpoint(tenant_id=tenant_id, alliance_id=tenant(slug).alliance_id if slug else alliance_id,
                                   url=f"https://{slug or 'land'}.example.org/hook",
                                   secret="whsec_matrix", events=["registration.created"], active=True)
        session.add(endpoint)
        session.flush()
        session.add(WebhookDelivery(endpoint_id=endpoint.id, event="registration.created", payload="{}",
                                    status=DeliveryStatus.failed, attempts=6))
        session.flush()
        endpoint_id = endpoint.id
    return endpoint_id


def _delivery(session, slug: str | None, alliance_id: int = FIRST_ALLIANCE_ID) -> int:
    return session.scalar(sa.select(WebhookDelivery.id).filter_by(endpoint_id=_endpoint(session, slug, alliance_id)))


OBJECTS = {"endpoint_id": _endpoint, "delivery_id": _delivery}
# The state council's endpoints (its pages under /land name them hook_id): only its admins see them.
# One per alliance: the KPR's alliance's.
CATALOG = {"hook_id": lambda session, slug: _endpoint(session, None, tenant(slug).alliance_id),
           "hook_delivery_id": lambda session, slug: _delivery(session, None, tenant(slug).alliance_id)}
