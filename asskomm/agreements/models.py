"""The Kooperationsvereinbarung of a KPR: three parties, who signed, the signed paper, renewals."""

from __future__ import annotations

import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import TenantScoped, db

from ..accounts.models import User
from ..documents.models import Document


class Party(enum.StrEnum):
    municipality = "municipality"
    police = "police"
    state_council = "state_council"

    @property
    def label(self) -> str:
        return {
            "municipality": "Kommune",
            "police": "Polizeidirektion",
            "state_council": "Landespräventionsrat",
        }[self.value]


class CooperationAgreement(TenantScoped, db.Model):
    __tablename__ = "cooperation_agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    signed_on: Mapped[date] = mapped_column(index=True)
    police_directorate: Mapped[str] = mapped_column(sa.String(160))
    valid_until: Mapped[date | None]
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    # The signed paper lives in the KPR's documents (category "agreement"), with its versions.
    document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("document.id", ondelete="SET NULL"))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))

    document: Mapped[Document | None] = relationship()
    recorded_by: Mapped[User | None] = relationship()
    signatories: Mapped[list[AgreementSignatory]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementSignatory.id"
    )
    renewals: Mapped[list[AgreementRenewal]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementRenewal.renewed_on"
    )

    __table_args__ = (sa.CheckConstraint("valid_until IS NULL OR valid_until >= signed_on", name="dates_ordered"),)


class AgreementSignatory(TenantScoped, db.Model):
    __tablename__ = "agreement_signatory"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        sa.ForeignKey("cooperation_agreement.id", ondelete="CASCADE"), index=True
    )
    party: Mapped[Party] = mapped_column(sa.Enum(Party, native_enum=False, length=20))
    name: Mapped[str] = mapped_column(sa.String(160))
    function: Mapped[str] = mapped_column(sa.String(200), default="")

    agreement: Mapped[CooperationAgreement] = relationship(back_populates="signatories")


class AgreementRenewal(TenantScoped, db.Model):
    __tablename__ = "agreement_renewal"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        sa.ForeignKey("cooperation_agreement.id", ondelete="CASCADE"), index=True
    )
    renewed_on: Mapped[date]
    valid_until: Mapped[date | None]
    note: Mapped[str] = mapped_column(sa.String(300), default="")

    agreement: Mapped[CooperationAgreement] = relationship(back_populates="renewals")
