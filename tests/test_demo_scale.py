"""`flask demo scale N` (asskomm/demo/scale.py): generated KPRs with their people and records, in bulk."""

from __future__ import annotations

import os
import time

import pytest
import sqlalchemy as sa

from asskomm.accounts.models import Assignment, Membership, User
from asskomm.audit.models import AuditEntry
from asskomm.demo.scale import add_scale
from asskomm.prevention.stage import Stage, stages
from asskomm.reports.models import ReportFigure
from asskomm.search.models import SearchEntry
from tenants import Tenant, db
from workers.reports import compute_reports_now


def _counts(session) -> dict[str, int]:
    return {table.name: session.scalar(sa.select(sa.func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def _generated(session) -> list[Tenant]:
    return list(session.scalars(sa.select(Tenant).where(Tenant.slug.like("gemeinde-%")).order_by(Tenant.slug)))


def test_generated_kprs_with_people_records_and_figures(ctx, client_as):
    with ctx() as session:
        before = _counts(session)
        audit_before = session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
        summary = add_scale(5, seed=1)
        after = _counts(session)
        assert summary.kprs == 5 and summary.first_slug == "gemeinde-00001" and summary.last_slug == "gemeinde-00005"
        # every table grew by exactly what the summary says, and nothing else changed
        assert {name: after[name] - before[name] for name in after if after[name] != before[name]} == \
            dict(summary.rows)
        assert summary.rows["tenant"] == 5 and summary.rows["user_account"] == summary.users
        for table in ("membership", "assignment", "status_change", "consultation", "event_session", "registration",
                      "search_entry"):
            assert summary.rows[table] > 0, table
        # not audited, nothing marked stale, the search index filled
        assert "audit_entry" not in summary.rows and "report_stale" not in summary.rows
        assert session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == audit_before

        generated = _generated(session)
        assert len({t.ags for t in generated}) == 5 and all(t.ags.startswith("14") for t in generated)
        assert len({t.district for t in generated}) == 5  # spread over Saxony's districts
        ids = [t.id for t in generated]
        # memberships are tenant-scoped: read across the new KPRs with Core
        rows = session.connection().execute(sa.select(Membership.__table__.c.tenant_id, Membership.__table__.c.role)
                                            .where(Membership.__table__.c.tenant_id.in_(ids))).all()
        assert {t for t, role in rows if role == "coordinator"} == set(ids)
        assert all(3 <= sum(1 for t, _ in rows if t == i) <= 5 for i in ids)
        kinds = session.execute(sa.select(Assignment.tenant_id, Assignment.kind).where(Assignment.tenant_id.in_(ids)))
        assert {(t, k.value) for t, k in kinds} == {(i, k) for i in ids for k in ("coach", "contact")}

        compute_reports_now()
        first = generated[0]
        figures = session.scalar(sa.select(sa.func.count()).select_from(ReportFigure).filter_by(
            scope="kpr", scope_key=str(first.id), metric="consultations"))
        assert figures > 0
        assert session.scalar(sa.select(sa.func.count()).select_from(SearchEntry).filter_by(
            kind="kpr", object_id=first.id)) == 1
        slug, name = first.slug, first.name
        session.commit()  # into the test's outer transaction, for the client's requests

    page = client_as(f"koordination.{slug}").get(f"/k/{slug}/")
    assert page.status_code == 200 and name in page.get_data(as_text=True)


def test_a_second_run_adds_more_and_stages_vary(ctx):
    with ctx() as session:
        add_scale(5, seed=2)
        second = add_scale(5, seed=2)
        assert (second.first_slug, second.last_slug) == ("gemeinde-00006", "gemeinde-00010")
        generated = _generated(session)
        assert len(generated) == 10 and len({t.ags for t in generated}) == 10
        assert session.scalar(sa.select(sa.func.count()).select_from(User).where(
            User.email.like("koordination.gemeinde-%"))) == 10
        more = add_scale(40, seed=3)
        assert more.kprs == 40
        found = stages([t.id for t in _generated(session)])
        assert len(set(found.values()) | {Stage.not_started}) >= 4, found


def test_the_same_seed_gives_the_same_kprs(ctx):
    with ctx() as session:
        add_scale(3, seed=7)
        first = [(t.name, t.status, t.contacted_on) for t in _generated(session)]
        session.rollback()
    with ctx() as session:
        add_scale(3, seed=7)
        assert [(t.name, t.status, t.contacted_on) for t in _generated(session)] == first


@pytest.mark.skipif(not os.environ.get("SCALE_BENCH_N"), reason="opt-in timing: set SCALE_BENCH_N")
def test_bench_generation(ctx, backend):
    if backend != "postgresql":
        pytest.skip("timed on PostgreSQL")
    count = int(os.environ["SCALE_BENCH_N"])
    with ctx():
        started = time.perf_counter()
        summary = add_scale(count)
        db.session.flush()
        seconds = time.perf_counter() - started
    print(f"\nSCALE_BENCH {count} KPRs on {backend}: {seconds:.1f} s")
    print("\n".join(summary.lines()))
    assert summary.kprs == count


def test_the_command_adds_kprs_and_prints_the_summary(fresh):
    result = fresh.test_cli_runner().invoke(args=["demo", "scale", "2", "--seed", "4"])
    assert result.exit_code == 0, result.output
    assert "2 KPR erzeugt (gemeinde-00001 … gemeinde-00002)" in result.output
    assert "membership" in result.output and " s:" in result.output
    refused = fresh.test_cli_runner().invoke(args=["demo", "scale", "0"])
    assert refused.exit_code != 0


def test_generated_kprs_join_the_alliance_named_with_districts_of_its_land(ctx, client_as):
    from asskomm.accounts.models import UserRole
    from asskomm.events.models import Event
    from tenants import Alliance

    with ctx() as session:
        mv = session.scalar(sa.select(Alliance.id).filter_by(slug="mv"))
        roles = sa.select(sa.func.count()).select_from(UserRole).where(UserRole.alliance_id == mv)
        events = sa.select(sa.func.count()).select_from(Event).where(Event.alliance_id == mv)
        before = session.scalar(roles), session.scalar(events)
        summary = add_scale(4, seed=5, alliance="mv")
        session.commit()
        made = _generated(session)
        assert summary.kprs == 4 and {t.alliance_id for t in made} == {mv}
        assert {t.federal_state for t in made} == {"Mecklenburg-Vorpommern"}
        assert all(t.ags.startswith("139") for t in made)
        # one coach and one state contact of its own, and its state council's events
        assert (session.scalar(roles) - before[0], session.scalar(events) - before[1]) == (2, 2)
    slug = made[0].slug
    assert client_as("land-mv").get(f"/k/{slug}/stammdaten").status_code == 200
    assert client_as("land").get(f"/k/{slug}/stammdaten").status_code == 404
