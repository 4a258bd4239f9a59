"""Funding applications of a KPR (kommunale Präventionsförderung), one row per project and year."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tenants import TenantScoped, db


class FundingStatus(enum.StrEnum):
    planned = "planned"
    applied = "applied"
    granted = "granted"
    rejected = "rejected"
    withdrawn = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "planned": "geplant",
            "applied": "beantragt",
            "granted": "bewilligt",
            "rejected": "abgelehnt",
            "withdrawn": "zurückgezogen",
        }[self.value]


class FundingApplication(TenantScoped, db.Model):
    __tablename__ = "funding_application"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)  # the year the money is for
    purpose: Mapped[str] = mapped_column(sa.String(300))
    status: Mapped[FundingStatus] = mapped_column(
        sa.Enum(FundingStatus, native_enum=False, length=20), default=FundingStatus.planned
    )
    amount_applied: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    applied_on: Mapped[date | None]
    amount_granted: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    decided_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(sa.Text, default="")

    __table_args__ = (
        sa.CheckConstraint("amount_applied IS NULL OR amount_applied >= 0", name="applied_not_negative"),
        sa.CheckConstraint("amount_granted IS NULL OR amount_granted >= 0", name="granted_not_negative"),
    )
