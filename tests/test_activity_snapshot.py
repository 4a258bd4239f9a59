"""The periodic activity snapshot: idempotent upsert, figures equal to direct counts, one run at a time."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from asskomm.accounts.models import Membership
from asskomm.snapshots.models import ActivitySnapshot, SnapshotRun
from tenants import Tenant, TenantKind, cross_tenant
from workers.activity import snapshot_activity, snapshot_activity_now
from workers.locks import job_lock

from .helpers import tenant, user


def _rows(session) -> list[tuple]:
    return [tuple(row) for row in session.execute(
        sa.select(ActivitySnapshot.__table__).order_by(ActivitySnapshot.tenant_id, ActivitySnapshot.day))]


def test_run_twice_gives_identical_rows_matching_direct_counts(ctx):
    with ctx() as session:
        user("koordination.zwickau").last_login_at = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
        session.flush()
        snapshot_activity_now()
        first = _rows(session)
        snapshot_activity_now()
        assert _rows(session) == first
        assert session.scalar(sa.select(sa.func.count()).select_from(SnapshotRun)) == 2
        with cross_tenant("test: direct count"):
            direct = dict(session.execute(
                sa.select(Membership.tenant_id, sa.func.count()).group_by(Membership.tenant_id)).all())
        snapshots = {row.tenant_id: row for row in session.scalars(sa.select(ActivitySnapshot))}
        assert {tid: s.members for tid, s in snapshots.items() if s.members} == direct
        zwickau = snapshots[tenant("zwickau").id]
        assert zwickau.coordinators == 1
        assert zwickau.last_login_at.replace(tzinfo=UTC) == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
        assert zwickau.last_change_at is not None


def test_a_new_kpr_without_members_gets_a_zero_row(ctx):
    with ctx() as session:
        session.add(Tenant(slug="pirna", name="Stadt Pirna", kind=TenantKind.city, ags="14628270",
                           district="Landkreis Sächsische Schweiz-Osterzgebirge"))
        session.flush()
        snapshot_activity_now()
        row = session.scalar(sa.select(ActivitySnapshot).filter_by(tenant_id=tenant("pirna").id))
        assert row.members == 0 and row.last_login_at is None


def test_the_job_skips_while_another_run_holds_the_lock(fresh):
    with fresh.app_context(), job_lock("activity") as acquired:
        assert acquired
        assert snapshot_activity.apply().get() == "locked"
    with fresh.app_context():
        assert snapshot_activity.apply().get() == 9  # every alliance's demo KPRs: the job runs outside any


def test_overview_shows_figures_and_when_they_were_computed(client_as, ctx):
    client = client_as("land")
    assert "noch nicht berechnet" in client.get("/land/").get_data(as_text=True)
    with ctx() as session:
        snapshot_activity_now()
        session.commit()
    page = client.get("/land/").get_data(as_text=True)
    assert "Aktivität berechnet am" in page
    assert "Thomas Wagner" in page and "Jens Hoffmann" in page  # coach and contact of Zwickau


def test_overview_query_count_does_not_grow_with_kprs(client_as, ctx, count_queries):
    client = client_as("land")
    with ctx() as session:
        snapshot_activity_now()
        session.commit()
    with count_queries() as small:
        assert client.get("/land/").status_code == 200
    with ctx() as session:
        for n in range(414):  # Saxony's 6 demo KPRs + 414 = 420
            session.add(Tenant(slug=f"gemeinde-{n}", name=f"Gemeinde {n}", kind=TenantKind.municipality,
                               ags=f"{14600000 + n:08d}", district="Landkreis Bautzen"))
        session.flush()
        snapshot_activity_now()
        session.commit()
    with count_queries() as large:
        assert client.get("/land/").status_code == 200
    assert large.value == small.value < 15  # the bound issue 5 sets for 4 and 420 KPRs


def test_overview_filters_sorts_and_shows_the_districts(client_as):
    client = client_as("land")
    page = client.get("/land/?status=active&sortierung=name").get_data(as_text=True)
    assert "Stadt Zwickau" in page and "Stadt Meißen" not in page
    assert "Landkreis Rostock" not in page  # active, but Mecklenburg-Vorpommern's
    assert "1 KPR (gefiltert)" in page
    mv = client_as("land-mv").get("/land/?status=active&sortierung=name").get_data(as_text=True)
    assert "Landkreis Rostock" in mv and "Stadt Zwickau" not in mv and "1 KPR (gefiltert)" in mv
    assert "<svg" in page and "Dieselben Zahlen als Tabelle" in page
    by_district = client.get("/land/?landkreis=Landkreis+Görlitz").get_data(as_text=True)
    assert "Große Kreisstadt Zittau" in by_district and "Stadt Zwickau" not in by_district
    with_coach = client.get("/land/?coach=" + str(_coach_id(client))).get_data(as_text=True)
    assert "Stadt Zwickau" in with_coach and "Stadt Meißen" not in with_coach
    descending = client.get("/land/?sortierung=name&absteigend=1").get_data(as_text=True)
    assert descending.index("Stadt Zwickau") < descending.index("Große Kreisstadt Zittau")


def _coach_id(client) -> int:
    import re

    page = client.get("/land/").get_data(as_text=True)
    return int(re.search(r'<option value="(\d+)">Thomas Wagner</option>', page).group(1))
