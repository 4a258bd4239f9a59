"""A KPR's Präventionsbericht per year (the coordinator's texts) and its submitted versions, each
frozen as the HTML and PDF bytes that were sent, so later changes to the records never alter them."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import TenantScoped, db, utcnow

from ..accounts.models import User
from ..documents.models import Document  # noqa: F401 - the table document_id refers to

FIRST_YEAR = 2000  # no KPR of the alliance reports on earlier years


class VersionStatus(enum.StrEnum):
    submitted = "submitted"
    returned = "returned"

    @property
    def label(self) -> str:
        return {"submitted": "eingereicht", "returned": "zurückgegeben"}[self.value]


class AnnualReport(TenantScoped, db.Model):
    __tablename__ = "annual_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    foreword: Mapped[str] = mapped_column(sa.Text, default="")
    outlook: Mapped[str] = mapped_column(sa.Text, default="")
    # The KPR document a published version went into (on the public page): later ones add versions.
    document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("document.id", ondelete="SET NULL"))

    versions: Mapped[list[ReportVersion]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportVersion.number")

    __table_args__ = (sa.UniqueConstraint("tenant_id", "year"),
                      sa.CheckConstraint(f"year >= {FIRST_YEAR}", name="report_year_plausible"))

    @property
    def title(self) -> str:
        return f"Präventionsbericht {self.year}"

    @property
    def pending(self) -> ReportVersion | None:
        """The version the state council has not returned (at most one)."""
        return next((v for v in self.versions if v.status == VersionStatus.submitted), None)


class ReportVersion(TenantScoped, db.Model):
    __tablename__ = "annual_report_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("annual_report.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    year: Mapped[int] = mapped_column(index=True)  # the report's, so the state list filters without a join
    html: Mapped[str] = mapped_column(sa.Text)
    pdf: Mapped[bytes] = mapped_column(sa.LargeBinary)
    status: Mapped[VersionStatus] = mapped_column(sa.Enum(VersionStatus, native_enum=False, length=20),
                                                  default=VersionStatus.submitted)
    submitted_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    returned_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    returned_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    return_remark: Mapped[str] = mapped_column(sa.Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    report: Mapped[AnnualReport] = relationship(back_populates="versions")
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    returned_by: Mapped[User | None] = relationship(foreign_keys=[returned_by_id])

    __table_args__ = (sa.UniqueConstraint("report_id", "number"),)

    @property
    def title(self) -> str:
        return f"Präventionsbericht {self.year}, Fassung {self.number}"
