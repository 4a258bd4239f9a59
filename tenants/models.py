"""The tenant: one municipality's or district's prevention council (KPR)."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .db import db
from .scoping import utcnow


class TenantKind(enum.StrEnum):
    city = "city"
    municipality = "municipality"
    district = "district"

    @property
    def label(self) -> str:
        return {"city": "Stadt", "municipality": "Gemeinde", "district": "Landkreis"}[self.value]


class TenantStatus(enum.StrEnum):
    """The onboarding lifecycle, in order."""

    contacted = "contacted"
    agreement_signed = "agreement_signed"
    founded = "founded"
    active = "active"
    dormant = "dormant"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def date_field(self) -> str:
        return f"{self.value}_on"


STATUS_LABELS = {
    TenantStatus.contacted: "Kontaktiert",
    TenantStatus.agreement_signed: "Vereinbarung unterzeichnet",
    TenantStatus.founded: "KPR gegründet",
    TenantStatus.active: "Aktiv",
    TenantStatus.dormant: "Ruhend",
}


class Tenant(db.Model):
    __tablename__ = "tenant"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    kind: Mapped[TenantKind] = mapped_column(sa.Enum(TenantKind, native_enum=False, length=20))
    ags: Mapped[str] = mapped_column(sa.String(8), unique=True)
    district: Mapped[str] = mapped_column(sa.String(120))
    federal_state: Mapped[str] = mapped_column(sa.String(60), default="Sachsen")
    population: Mapped[int | None]
    police_directorate: Mapped[str] = mapped_column(sa.String(120), default="")
    status: Mapped[TenantStatus] = mapped_column(
        sa.Enum(TenantStatus, native_enum=False, length=20), default=TenantStatus.contacted, index=True
    )
    contacted_on: Mapped[date | None]
    agreement_signed_on: Mapped[date | None]
    founded_on: Mapped[date | None]
    active_on: Mapped[date | None]
    dormant_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    __table_args__ = (sa.CheckConstraint("length(ags) = 8", name="ags_length"),)

    @property
    def council_name(self) -> str:
        return f"Kommunaler Präventionsrat {self.name}"

    @property
    def short_name(self) -> str:
        """For running text, where the long name would need declining: "zum KPR Stadt Zittau"."""
        return f"KPR {self.name}"

    def status_date(self, status: TenantStatus | None = None) -> date | None:
        return getattr(self, (status or self.status).date_field)

    def __repr__(self) -> str:
        return f"<Tenant {self.slug}>"
