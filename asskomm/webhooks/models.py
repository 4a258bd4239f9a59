"""A webhook endpoint (the state council's, tenant_id NULL, or a KPR's) and its deliveries.

Not TenantScoped: the state's endpoints belong to no KPR; every query names the tenant itself
(tenants/allowlist.py NOT_SCOPED)."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import db, utcnow
from tenants.models import current_or_first_alliance
from tenants.scoping import alliance_scoped

EVENTS: dict[str, str] = {
    "registration.created": "Anmeldung zu einer Veranstaltung",
    "registration.cancelled": "Stornierung einer Anmeldung",
    "registration.promoted": "Nachrücken von der Warteliste",
    "annual_report.submitted": "Präventionsbericht eingereicht",
    "practice.shared": "Maßnahme für den Praxisaustausch freigegeben",
}


class DeliveryStatus(enum.StrEnum):
    pending = "pending"
    delivered = "delivered"
    failed = "failed"

    @property
    def label(self) -> str:
        return {"pending": "ausstehend", "delivered": "zugestellt", "failed": "fehlgeschlagen"}[self.value]


@alliance_scoped
class WebhookEndpoint(db.Model):
    __tablename__ = "webhook_endpoint"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tenant.id", ondelete="CASCADE"), index=True)
    # A state endpoint receives the events of its alliance's KPRs only.
    alliance_id: Mapped[int] = mapped_column(sa.ForeignKey("alliance.id"), index=True,
                                             default=current_or_first_alliance, server_default=sa.text("1"))
    url: Mapped[str] = mapped_column(sa.String(500))
    secret: Mapped[str] = mapped_column(sa.String(100))
    events: Mapped[list] = mapped_column(sa.JSON, default=list)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))

    @property
    def event_labels(self) -> list[str]:
        return [EVENTS.get(e, e) for e in self.events]


class WebhookDelivery(db.Model):
    __tablename__ = "webhook_delivery"
    __table_args__ = (sa.Index("ix_webhook_delivery_log", "endpoint_id", "created_at", "id"),
                      sa.Index("ix_webhook_delivery_status", "status"))  # the sweep's

    id: Mapped[int] = mapped_column(primary_key=True)
    endpoint_id: Mapped[int] = mapped_column(sa.ForeignKey("webhook_endpoint.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(sa.String(50))
    payload: Mapped[str] = mapped_column(sa.Text, default="")  # exactly the bytes sent
    status: Mapped[DeliveryStatus] = mapped_column(sa.Enum(DeliveryStatus, native_enum=False, length=20),
                                                   default=DeliveryStatus.pending)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    last_status_code: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    endpoint: Mapped[WebhookEndpoint] = relationship()
