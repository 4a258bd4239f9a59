"""Feedback on the platform's accessibility, sent through the form of the accessibility statement."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tenants import db, utcnow
from tenants.models import current_or_first_alliance
from tenants.scoping import alliance_scoped


@alliance_scoped
class AccessibilityFeedback(db.Model):
    """Received by the operator (the state council), not a KPR's: read by state admins across KPRs.
    `tenant_id` names the KPR whose page the feedback is about, when it came from one."""

    __tablename__ = "accessibility_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(sa.String(200))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    page: Mapped[str] = mapped_column(sa.String(500))
    message: Mapped[str] = mapped_column(sa.Text)
    tenant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tenant.id", ondelete="SET NULL"), index=True)
    # The alliance whose pages it was sent from: its operator receives it.
    alliance_id: Mapped[int] = mapped_column(sa.ForeignKey("alliance.id"), index=True,
                                             default=current_or_first_alliance, server_default=sa.text("1"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
