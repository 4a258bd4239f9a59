"""Crime figures for the statistics tests: a KPR's figures replaced by known ones, read back plainly."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa

from asskomm.prevention.statistics.models import CrimeFigure, Population
from tenants import tenant_context

from .helpers import tenant

BASE = "/k/zwickau/praevention"


def hz(cases: int, inhabitants: int) -> str:
    """The Häufigkeitszahl by its formula, as the page writes it (German, one decimal place)."""
    value = (Decimal(cases) * 100_000 / Decimal(inhabitants)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


def replace_figures(ctx, figures: list[dict], populations: dict[int, int] | None = None,
                    slug: str = "zwickau") -> None:
    """The KPR's crime figures (and populations, where given) are exactly these."""
    with ctx() as session, tenant_context(tenant(slug).id):
        session.execute(sa.delete(CrimeFigure))
        for values in figures:
            session.add(CrimeFigure(**values))
        if populations is not None:
            session.execute(sa.delete(Population))
            session.add_all(Population(year=y, inhabitants=n, source="Test") for y, n in populations.items())
        session.commit()


def figures_of(ctx, slug: str = "zwickau") -> list[tuple]:
    """(key, year, cases, attempts, cleared, suspects, demo), sorted."""
    with ctx() as session, tenant_context(tenant(slug).id):
        return sorted(tuple(row) for row in session.execute(sa.select(
            CrimeFigure.offence_key, CrimeFigure.year, CrimeFigure.cases, CrimeFigure.attempts, CrimeFigure.cleared,
            CrimeFigure.suspects, CrimeFigure.demo)))
