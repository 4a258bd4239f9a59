"""What the exchange records itself: a KPR's adoption of another KPR's shared measure, and the
questions asked about one. Both rows belong to the KPR that adopts or asks (its tenant_id); the
shared measure they point to belongs to another KPR, so they are written under that KPR's tenant."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tenants import TenantScoped, db


class Adoption(TenantScoped, db.Model):
    """"Wir setzen das auch um": the adopting KPR links one of its own measures to a shared one."""

    __tablename__ = "practice_adoption"

    id: Mapped[int] = mapped_column(primary_key=True)
    # the shared measure of another KPR; its deletion ends the adoption
    practice_id: Mapped[int] = mapped_column(sa.ForeignKey("prevention_measure.id", ondelete="CASCADE"), index=True)
    # the adopting KPR's own measure
    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("prevention_measure.id", ondelete="CASCADE"), index=True)
    adopted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))

    # A KPR adopts a practice once; withdrawing deletes the row (the audit trail keeps it).
    __table_args__ = (sa.UniqueConstraint("tenant_id", "practice_id"),)

    @property
    def title(self) -> str:  # how the audit trail names the row
        return f"Übernahme der Maßnahme {self.practice_id}"


class PracticeQuestion(TenantScoped, db.Model):
    """A question a KPR's coordinator sent about a shared measure; mailed to its KPR's coordinators."""

    __tablename__ = "practice_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(sa.ForeignKey("prevention_measure.id", ondelete="CASCADE"), index=True)
    asked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"),
                                                    index=True)
    text: Mapped[str] = mapped_column(sa.Text)
    asked_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), index=True)

    @property
    def subject(self) -> str:  # how the audit trail names the row
        return f"Frage zur Maßnahme {self.practice_id}"
