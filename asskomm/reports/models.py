"""Report figures per year and scope, filled by `workers.reports` by idempotent upsert.

One narrow table (metric, category, value) rather than a column per figure: new series need
no migration, and every page and export reads the same rows.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tenants import db


class ReportFigure(db.Model):
    __tablename__ = "report_figure"

    year: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(sa.String(10), primary_key=True)  # kpr | district | state
    scope_key: Mapped[str] = mapped_column(sa.String(120), primary_key=True)  # tenant id | district | ""
    metric: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    category: Mapped[str] = mapped_column(sa.String(160), primary_key=True, default="")
    value: Mapped[Decimal] = mapped_column(sa.Numeric(14, 2), default=0)

    # The pages read one place's series (scope, key), the primary key starts with the year.
    __table_args__ = (sa.Index("ix_report_figure_scope_key_year", "scope", "scope_key", "year"),)


class StaleFigures(db.Model):
    """A KPR whose records changed since its figures were last computed (records_changed)."""

    __tablename__ = "report_stale"

    tenant_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.id", ondelete="CASCADE"), primary_key=True)
    since: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))


class ReportPlacement(db.Model):
    """Where a KPR's figures were last counted (district, federal state): a KPR that moves must
    leave its old district's and state's totals, which the incremental run recomputes too."""

    __tablename__ = "report_placement"

    tenant_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.id", ondelete="CASCADE"), primary_key=True)
    district: Mapped[str] = mapped_column(sa.String(120))
    federal_state: Mapped[str] = mapped_column(sa.String(60))
