"""Crime figures (PKS), populations and indicator series of a KPR, per year; the Land's figures.

The Häufigkeitszahl is never stored: it is computed from cases and the population of that year
(asskomm.prevention.statistics.values.frequency)."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import TenantScoped, db


class Population(TenantScoped, db.Model):
    __tablename__ = "population"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    inhabitants: Mapped[int]
    source: Mapped[str] = mapped_column(sa.String(200), default="")

    __table_args__ = (sa.UniqueConstraint("tenant_id", "year"),
                      sa.CheckConstraint("inhabitants > 0", name="inhabitants_positive"))


class CrimeFigure(TenantScoped, db.Model):
    """Cases, attempts, cleared cases and suspects of one offence key in one year."""

    __tablename__ = "crime_figure"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    offence_key: Mapped[str] = mapped_column(sa.String(8))
    cases: Mapped[int]
    attempts: Mapped[int | None]
    cleared: Mapped[int | None]
    suspects: Mapped[int | None]
    demo: Mapped[bool] = mapped_column(default=False)  # invented figures of the demo, labelled as such

    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "year", "offence_key"),
        sa.CheckConstraint("cases >= 0", name="cases_not_negative"),
        sa.CheckConstraint("attempts IS NULL OR (attempts >= 0 AND attempts <= cases)", name="attempts_within_cases"),
        sa.CheckConstraint("cleared IS NULL OR (cleared >= 0 AND cleared <= cases)", name="cleared_within_cases"),
        sa.CheckConstraint("suspects IS NULL OR suspects >= 0", name="suspects_not_negative"),
    )


class LandPopulation(db.Model):
    """The Land's population per year, entered by the state council (not a KPR's row)."""

    __tablename__ = "land_population"

    federal_state: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    inhabitants: Mapped[int]

    __table_args__ = (sa.CheckConstraint("inhabitants > 0", name="land_inhabitants_positive"),)


class LandCrimeFigure(db.Model):
    """The Land's cases of one offence key in one year, shown beside each KPR's."""

    __tablename__ = "land_crime_figure"

    federal_state: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    offence_key: Mapped[str] = mapped_column(sa.String(8), primary_key=True)
    cases: Mapped[int]
    demo: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (sa.CheckConstraint("cases >= 0", name="land_cases_not_negative"),)


class IndicatorSeries(TenantScoped, db.Model):
    """A further indicator (Ordnungswidrigkeiten, socio-demographic data) with unit and source."""

    __tablename__ = "indicator_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    unit: Mapped[str] = mapped_column(sa.String(60), default="")
    source: Mapped[str] = mapped_column(sa.String(200), default="")
    demo: Mapped[bool] = mapped_column(default=False)  # invented figures of the demo, labelled as such

    values: Mapped[list[IndicatorValue]] = relationship(back_populates="series", cascade="all, delete-orphan",
                                                        order_by="IndicatorValue.year")


class IndicatorValue(TenantScoped, db.Model):
    __tablename__ = "indicator_value"

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(sa.ForeignKey("indicator_series.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    value: Mapped[Decimal] = mapped_column(sa.Numeric(14, 2))

    series: Mapped[IndicatorSeries] = relationship(back_populates="values")

    __table_args__ = (sa.UniqueConstraint("series_id", "year"),)
