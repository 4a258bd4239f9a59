"""The consultation log of ASSKomm coaches: what was discussed with a KPR, and what comes next."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import TenantScoped, db

from ..accounts.models import User


class ConsultationTopic(enum.StrEnum):
    founding = "founding"
    security_analysis = "security_analysis"
    strategy = "strategy"
    measures = "measures"
    funding = "funding"
    evaluation = "evaluation"
    other = "other"

    @property
    def label(self) -> str:
        return {
            "founding": "Gründung",
            "security_analysis": "Sicherheitsanalyse",
            "strategy": "Präventionsstrategie",
            "measures": "Maßnahmen und Projekte",
            "funding": "Förderantrag",
            "evaluation": "Evaluation",
            "other": "Sonstiges",
        }[self.value]


class Consultation(TenantScoped, db.Model):
    __tablename__ = "consultation"

    id: Mapped[int] = mapped_column(primary_key=True)
    coach_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    held_on: Mapped[date] = mapped_column(index=True)
    topic: Mapped[ConsultationTopic] = mapped_column(sa.Enum(ConsultationTopic, native_enum=False, length=30))
    hours: Mapped[Decimal] = mapped_column(sa.Numeric(5, 2))
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    # A withdrawn entry stays (the log and the audit trail keep it) but counts nowhere any more.
    withdrawn_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    coach: Mapped[User | None] = relationship()
    next_steps: Mapped[list[NextStep]] = relationship(
        back_populates="consultation", cascade="all, delete-orphan", order_by="NextStep.id"
    )

    __table_args__ = (sa.CheckConstraint("hours > 0 AND hours <= 24", name="hours_range"),)


class NextStep(TenantScoped, db.Model):
    __tablename__ = "next_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    owner: Mapped[str] = mapped_column(sa.String(160), default="")
    due_on: Mapped[date | None] = mapped_column(index=True)
    done_on: Mapped[date | None]

    consultation: Mapped[Consultation] = relationship(back_populates="next_steps")
