"""Crime figures and indicator series for the isolation matrix: one of each per KPR, in a year and
under a name the demo does not use."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from asskomm.prevention.statistics.models import CrimeFigure, IndicatorSeries, IndicatorValue
from tenants import tenant_context

from ..helpers import tenant

YEAR = 1995
NAME = "Matrix-Kennzahl"


def _figure(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        figure_id = session.scalar(sa.select(CrimeFigure.id).filter_by(year=YEAR, offence_key="674000"))
        if figure_id is None:
            figure = CrimeFigure(year=YEAR, offence_key="674000", cases=100, cleared=20)
            session.add(figure)
            session.flush()
            figure_id = figure.id
        return figure_id


def _series(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        series_id = session.scalar(sa.select(IndicatorSeries.id).filter_by(name=NAME))
        if series_id is None:
            series = IndicatorSeries(name=NAME, unit="Anzahl", source="Ordnungsamt")
            series.values = [IndicatorValue(year=YEAR, value=Decimal("12"))]
            session.add(series)
            session.flush()
            series_id = series.id
        return series_id


# "year" names a value of a series (the matrix series has one for YEAR), not an object of its own.
OBJECTS = {"figure_id": _figure, "series_id": _series, "year": lambda session, slug: YEAR}
# The file format of the template and the export: the same for every KPR, so only a foreign KPR's
# address is checked (404) besides the positive control.
CATALOG = {"fmt": lambda session, slug: "csv"}
