"""The stage of the prevention cycle in SQL (stage_expression, for the state overview's filter, sort
and district counts) agrees with the stage computed in Python (stages) on the demo's KPRs and on
rounds crafted in every stage, the newest round deciding."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.prevention.models import PreventionCycle
from asskomm.prevention.stage import Stage, stage_expression, stage_position, stages
from tenants import Tenant, cross_tenant, db, tenant_context

from .helpers import tenant
from .prevention_rounds import build_round

SLUGS = {Stage.analysis: "bautzen", Stage.resources: "plauen", Stage.strategy: "freiberg",
         Stage.measures: "zittau", Stage.evaluation: "meissen"}


def _in_sql() -> dict[int, Stage]:
    with cross_tenant("test: the stage of every KPR in SQL"):
        return {tenant_id: Stage(value) for tenant_id, value in db.session.execute(
            sa.select(Tenant.id, stage_expression(Tenant.id)))}


def _agree() -> dict[int, Stage]:
    in_sql, in_python = _in_sql(), stages()
    assert in_sql == {tenant_id: in_python.get(tenant_id, Stage.not_started) for tenant_id in in_sql}
    return in_sql


def _newest_number(slug: str) -> int:
    with tenant_context(tenant(slug).id):
        return db.session.scalar(sa.select(sa.func.max(PreventionCycle.number))) or 0


def _build(stage: Stage, slug: str) -> None:
    """A round at `stage`, newer than the KPR's demo rounds (the newest round decides)."""
    number = _newest_number(slug) + 1
    with tenant_context(tenant(slug).id):
        build_round(stage, number=number)


def test_the_sql_stage_agrees_with_python_on_the_demo_and_on_each_stage(ctx):
    with ctx():
        assert Stage.not_started in _agree().values()  # the demo's KPRs, some without a round
        for stage, slug in SLUGS.items():
            _build(stage, slug)
        found = _agree()
        assert {slug: found[tenant(slug).id] for slug in SLUGS.values()} == {s: st for st, s in SLUGS.items()}
        _build(Stage.analysis, "meissen")  # a newer round at the analysis decides over an evaluated one
        assert _agree()[tenant("meissen").id] == Stage.analysis


def test_the_stage_sorts_and_filters_in_sql(ctx):
    with ctx():
        for stage, slug in SLUGS.items():
            _build(stage, slug)
        with cross_tenant("test: KPRs by stage"):
            expression = stage_expression(Tenant.id)
            ordered = db.session.scalars(sa.select(Tenant.slug).where(Tenant.slug.in_(SLUGS.values()))
                                         .order_by(stage_position(expression))).all()
            measures = db.session.scalars(sa.select(Tenant.slug).where(expression == Stage.measures.value)).all()
        assert ordered == list(SLUGS.values())
        assert "zittau" in measures and "meissen" not in measures
