"""The figures the rest of the cycle reads: cases and Häufigkeitszahl per KPR, offence key and year,
indicator series values, and the Land's rate beside them. Each read is one or two queries for any
number of KPRs, in whatever tenant scope the caller runs (a request's KPR, or cross_tenant in a job)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa

from tenants import db

from .models import CrimeFigure, IndicatorValue, LandCrimeFigure, LandPopulation, Population

PER = 100_000
ONE_PLACE = Decimal("0.1")


def frequency(cases: int, inhabitants: int | None) -> Decimal | None:
    """The Häufigkeitszahl: cases per 100,000 inhabitants, to one decimal place (half up)."""
    if not inhabitants:
        return None
    return (Decimal(cases) * PER / Decimal(inhabitants)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CrimeValue:
    cases: int
    rate: Decimal | None  # None without a population for that year
    attempts: int | None = None
    cleared: int | None = None
    suspects: int | None = None
    demo: bool = False
    figure_id: int | None = None  # the CrimeFigure it was read from (None for the Land's)

    @property
    def clearance_rate(self) -> Decimal | None:
        """Aufklärungsquote in percent."""
        if self.cleared is None or not self.cases:
            return None
        return (Decimal(100) * self.cleared / self.cases).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def populations(tenant_ids: Iterable[int] | None = None) -> dict[tuple[int, int], int]:
    """(tenant id, year) -> inhabitants."""
    query = sa.select(Population.tenant_id, Population.year, Population.inhabitants)
    if tenant_ids is not None:
        query = query.where(Population.tenant_id.in_(list(tenant_ids)))
    return {(t, y): n for t, y, n in db.session.execute(query)}


def crime_values(offence_keys: Iterable[str] | None = None, tenant_ids: Iterable[int] | None = None,
                 years: tuple[int, int] | None = None) -> dict[tuple[int, str, int], CrimeValue]:
    """(tenant id, offence key, year) -> cases and rate, for the keys named (all when None) and the
    years from–to named (all when None)."""
    query = sa.select(CrimeFigure)
    if years is not None:
        query = query.where(CrimeFigure.year.between(*years))
    if offence_keys is not None:
        query = query.where(CrimeFigure.offence_key.in_(list(offence_keys)))
    ids = None if tenant_ids is None else list(tenant_ids)
    if ids is not None:
        query = query.where(CrimeFigure.tenant_id.in_(ids))
    people = populations(ids)
    return {
        (f.tenant_id, f.offence_key, f.year): CrimeValue(
            f.cases, frequency(f.cases, people.get((f.tenant_id, f.year))), f.attempts, f.cleared, f.suspects, f.demo,
            f.id)
        for f in db.session.scalars(query)
    }


def series_values(series_ids: Iterable[int]) -> dict[tuple[int, int], Decimal]:
    """(series id, year) -> value."""
    ids = list(series_ids)
    if not ids:
        return {}
    rows = db.session.execute(sa.select(IndicatorValue.series_id, IndicatorValue.year, IndicatorValue.value)
                              .where(IndicatorValue.series_id.in_(ids)))
    return {(s, y): v for s, y, v in rows}


def land_rates(federal_state: str, offence_keys: Iterable[str] | None = None,
               years: tuple[int, int] | None = None) -> dict[tuple[str, int], CrimeValue]:
    """(offence key, year) -> the Land's cases and rate, where the state council entered them."""
    people = dict(db.session.execute(sa.select(LandPopulation.year, LandPopulation.inhabitants)
                                     .where(LandPopulation.federal_state == federal_state)).all())
    query = sa.select(LandCrimeFigure).where(LandCrimeFigure.federal_state == federal_state)
    if years is not None:
        query = query.where(LandCrimeFigure.year.between(*years))
    if offence_keys is not None:
        query = query.where(LandCrimeFigure.offence_key.in_(list(offence_keys)))
    return {(f.offence_key, f.year): CrimeValue(f.cases, frequency(f.cases, people.get(f.year)), demo=f.demo)
            for f in db.session.scalars(query)}
