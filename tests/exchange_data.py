"""Shared measures for the practice exchange's tests: many KPRs, each with a round, an action field
and a measure (shared or not), and adoptions of a practice by those KPRs."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from asskomm.exchange.models import Adoption
from asskomm.prevention.demo_measures import FAIRPLAYER, GRAFFITI, TROUBLE
from asskomm.prevention.models import ActionField, Measure, MeasureStatus, PreventionCycle, Setting, TargetGroup
from tenants import Tenant, TenantKind, TenantStatus, db, tenant_context

from .helpers import tenant


def measure_id(title: str, slug: str = "zwickau") -> int:
    with tenant_context(tenant(slug).id):
        return db.session.scalar(sa.select(Measure.id).filter_by(title=title))


def demo_ids(ctx) -> dict[str, int]:
    with ctx():
        return {"graffiti": measure_id(GRAFFITI.title), "trouble": measure_id(TROUBLE.title),
                "fairplayer": measure_id(FAIRPLAYER.title)}


def kpr_with_measure(session, n: int, title: str, shared: bool = True, population: int | None = 12_000,
                     district: str = "Landkreis Görlitz", field: str = "Graffiti") -> tuple[int, int]:
    """A new active KPR "Austauschgemeinde <n>" with one measure; (tenant id, measure id)."""
    place = Tenant(slug=f"austausch-{n}", name=f"Austauschgemeinde {n}", kind=TenantKind.municipality,
                   ags=f"{14800000 + n:08d}", district=district, population=population, status=TenantStatus.active)
    session.add(place)
    session.flush()
    with tenant_context(place.id):
        cycle = PreventionCycle(number=1, analysis_started_on=date(2025, 1, 10), first_year=2020, last_year=2024)
        action_field = ActionField(cycle=cycle, title=field)
        measure = Measure(cycle=cycle, action_field=action_field, title=title, shareable=shared,
                          status=MeasureStatus.running, target_group=TargetGroup.youth, setting=Setting.school,
                          programme_key="faustlos")
        session.add(measure)
        session.flush()
        return place.id, measure.id


def many_sharing(session, count: int, adopt: int | None = None, first: int = 0) -> list[tuple[int, int]]:
    """`count` KPRs with a shared measure each; with `adopt`, each of them adopts that practice."""
    made = [kpr_with_measure(session, first + n, f"Geteilte Praxis {first + n:03d}") for n in range(count)]
    if adopt is not None:
        for tenant_id, own in made:
            with tenant_context(tenant_id):
                session.add(Adoption(practice_id=adopt, measure_id=own))
                session.flush()
    return made
