"""Funding per KPR and year through HTTP: who reads, who edits, who decides; German amounts; sums."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from asskomm.funding.models import FundingApplication, FundingStatus
from asskomm.timeutil import today
from tenants import tenant_context

from .helpers import tenant

URL = "/k/zwickau/foerderung"


def _form(**changes) -> dict:
    form = {"year": str(today().year), "purpose": "Präventionsprojekt Graffiti", "status": "applied",
            "amount_applied": "12.500,50", "applied_on": today().isoformat(), "amount_granted": "",
            "decided_on": "", "notes": ""}
    form.update(changes)
    return form


def _entries(ctx, slug: str = "zwickau") -> list[FundingApplication]:
    with ctx() as session, tenant_context(tenant(slug).id):
        rows = session.scalars(sa.select(FundingApplication).order_by(FundingApplication.id)).all()
        session.expunge_all()
        return rows


def _add(ctx, slug: str = "zwickau", **values) -> int:
    with ctx() as session, tenant_context(tenant(slug).id):
        entry = FundingApplication(**{"year": today().year, "purpose": "Bestand", "status": FundingStatus.planned,
                                      **values})
        session.add(entry)
        session.flush()
        return entry.id


def test_coordinator_applies_and_the_page_shows_german_amounts_and_sums(client_as, ctx):
    coordinator = client_as("koordination.zwickau")
    before = len(_entries(ctx))
    assert coordinator.submit(f"{URL}/neu", _form()).status_code == 302
    assert coordinator.submit(f"{URL}/neu", _form(purpose="Bürgerbefragung", amount_applied="1000")).status_code == 302
    entries = _entries(ctx)
    assert len(entries) == before + 2
    new = entries[-2]
    assert new.amount_applied == Decimal("12500.50") and new.status == FundingStatus.applied
    page = coordinator.get(URL).get_data(as_text=True)
    assert "12.500,50 €" in page and "1.000,00 €" in page and f"Förderjahr {today().year}" in page
    year_sum = sum((e.amount_applied or 0) for e in entries if e.year == today().year)
    assert f"{year_sum:,.2f} €".replace(",", "X").replace(".", ",").replace("X", ".") in page
