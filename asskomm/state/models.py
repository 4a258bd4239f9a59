"""The state council's own records about KPRs."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import TenantStatus, db, utcnow

from ..accounts.models import User


class StatusChange(db.Model):
    """One step of a KPR's lifecycle, dated, with who recorded it: the history kept."""

    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.id", ondelete="CASCADE"), index=True)
    status: Mapped[TenantStatus] = mapped_column(sa.Enum(TenantStatus, native_enum=False, length=20))
    effective_on: Mapped[date]
    changed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    changed_by: Mapped[User | None] = relationship()
