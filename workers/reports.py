"""Cross-municipal reports: figures per KPR and year, rolled up to districts and federal states.

Everything is computed in the database: one grouped SELECT per source inserts into the run's
working tables (workers.report_work), the roll-up is a GROUP BY over the KPR rows joined to their
tenant, and `merge` writes only rows whose value changed and deletes the rows no longer produced
with one anti-join. Memory does not grow with the number of KPRs.

Three runs share the code and the lock:
- `compute_reports` (nightly): every KPR, district and state — reconciliation; started from the
  page, the alliance's KPRs and their districts and states (its "Stand:").
- `refresh_stale_reports` (soon after a commit that marked KPRs stale, and every minute): only the
  stale KPRs, then the districts and states they are in or were in (ReportPlacement); it clears
  exactly the marks it read, so a change during the run stays marked for the next one.
"""

from __future__ import annotations

import logging
from datetime import date

import sqlalchemy as sa
from celery import shared_task

from asskomm.prevention.models import PreventionCycle
from asskomm.reports.models import ReportFigure, ReportPlacement, StaleFigures
from asskomm.snapshots.models import SnapshotRun
from asskomm.timeutil import now, today
from tenants import Tenant, TenantStatus, cross_tenant, db

from .cycle_figures import derive_cycle_figures
from .jobs import Progress, run_locked
from .report_sources import all_sources
from .report_work import KPR, PLACES, ROWS, TENANTS, YEARS, analyze, working_tables
from .sqltime import ensure_functions, year_of
from .upsert import Changes, merge

log = logging.getLogger(__name__)

JOB = "reports"
KEY = ["year", "scope", "scope_key", "metric", "category"]
FIGURE = ReportFigure.__table__
PLACEMENT = ReportPlacement.__table__


def _first_years() -> tuple[int, int]:
    """The first year of the lifecycle figures (the earliest master-data date of any KPR) and of
    the calendar (that, or the start of the earliest prevention round)."""
    this_year = today().year
    dates = db.session.execute(sa.select(*(sa.func.min(getattr(Tenant, s.date_field)) for s in TenantStatus))).one()
    first = min([on.year for on in dates if on is not None] + [this_year])
    rounds = db.session.scalar(sa.select(sa.func.min(year_of(PreventionCycle.analysis_started_on))))
    return first, min(first, rounds or this_year)


def _fill_years(first: int) -> None:
    this_year, current_day = today().year, today()
    db.session.execute(sa.insert(YEARS), [{"year": year, "cutoff": min(date(year, 12, 31), current_day)}
                                          for year in range(first, this_year + 1)])


def _collect_kpr_rows() -> None:
    """report_work_rows := the figures of the run's KPRs (report_work_tenants), scope "kpr"."""
    lifecycle_from, calendar_from = _first_years()
    _fill_years(calendar_from)
    # The run's KPRs: one, or all (the plans of the sources depend on which: by index or by scan).
    analyze(db.session.connection(), TENANTS)
    derive_cycle_figures()
    columns = [c.name for c in KPR.columns]
    for source in all_sources(lifecycle_from):
        db.session.execute(sa.insert(KPR).from_select(columns, source))
    total = sa.func.sum(KPR.c.value)
    db.session.execute(sa.insert(ROWS).from_select(KEY + ["value"], (
        sa.select(KPR.c.year, sa.literal("kpr", sa.String(10)), sa.cast(KPR.c.tenant_id, sa.String(120)),
                  KPR.c.metric, KPR.c.category, sa.func.round(total, 2))
        .group_by(KPR.c.tenant_id, KPR.c.year, KPR.c.metric, KPR.c.category)
        .having(sa.func.coalesce(total, 0) != 0))))


def _roll_up(source: sa.Table, places: bool) -> None:
    """report_work_rows += district and state totals: the GROUP BY of `source`'s KPR rows by their
    tenant's place (only the places in report_work_places when `places`)."""
    for scope, column in (("district", Tenant.district), ("state", Tenant.federal_state)):
        query = (sa.select(source.c.year, sa.literal(scope, sa.String(10)), column, source.c.metric,
                           source.c.category, sa.func.sum(source.c.value))
                 .join(Tenant.__table__, sa.cast(Tenant.id, sa.String(120)) == source.c.scope_key)
                 .where(source.c.scope == "kpr")
                 .group_by(source.c.year, column, source.c.metric, source.c.category))
        if places:
            query = query.where(column.in_(sa.select(PLACES.c.scope_key).where(PLACES.c.scope == scope)))
        db.session.execute(sa.insert(ROWS).from_select(KEY + ["value"], query))


def _place_run_tenants() -> Changes:
    """report_placement := where the run's KPRs are now."""
    query = sa.select(Tenant.id, Tenant.district, Tenant.federal_state).where(
        Tenant.id.in_(sa.select(TENANTS.c.tenant_id)))
    staged = sa.Table("report_work_placement", sa.MetaData(),
                      sa.Column("tenant_id", sa.Integer, primary_key=True, autoincrement=False),
                      sa.Column("district", sa.String(120)), sa.Column("federal_state", sa.String(60)),
                      prefixes=["TEMPORARY"])
    connection = db.session.connection()
    connection.exec_driver_sql("DROP TABLE IF EXISTS report_work_placement")
    staged.create(connection)
    db.session.execute(sa.insert(staged).from_select(["tenant_id", "district", "federal_state"], query))
    changes = merge(PLACEMENT, staged, ["tenant_id"], within=PLACEMENT.c.tenant_id.in_(
        sa.select(TENANTS.c.tenant_id)))
    connection.exec_driver_sql("DROP TABLE report_work_placement")
    return changes


def _record(started, changes: Changes, kind: str) -> None:
    log.info("reports (%s): %d rows inserted, %d updated, %d deleted in %.2f s", kind, changes.inserted,
             changes.updated, changes.deleted, (now() - started).total_seconds())


def compute_reports_now(progress: Progress | None = None) -> int:
    """Every KPR's, district's and state's figures; returns the number of rows changed."""
    started = now()
    ensure_functions()
    with cross_tenant("cross-municipal reports for the state council"), working_tables():
        db.session.execute(sa.insert(TENANTS).from_select(["tenant_id"], sa.select(Tenant.id)))
        _collect_kpr_rows()
        if progress:
            progress(1, 3)
        _roll_up(ROWS, places=False)
        analyze(db.session.connection(), ROWS)
        changes = merge(FIGURE, ROWS, KEY)
        if progress:
            progress(2, 3)
        _place_run_tenants()
    # Figures are fresh for every change before this run began; later changes stay marked.
    db.session.execute(sa.delete(StaleFigures).where(StaleFigures.since < started))
    db.session.add(SnapshotRun(job=JOB, started_at=started, finished_at=now(), rows=changes.total))
    db.session.flush()
    _record(started, changes, "full")
    if progress:
        progress(3, 3)
    return changes.total


def refresh_stale_reports_now() -> Changes:
    """Only the stale KPRs' rows, then their old and new districts' and states' totals."""
    started = now()
    stale = sa.select(StaleFigures.tenant_id, StaleFigures.since).where(
        StaleFigures.since < started, StaleFigures.tenant_id.in_(sa.select(Tenant.id)))
    if db.session.execute(stale.limit(1)).first() is None:
        return Changes()
    ensure_functions()
    with cross_tenant("cross-municipal reports: the KPRs whose records changed"), working_tables():
        changes = _recompute(stale)
        # Exactly the marks read: one set again since (a later change) stays for the next one.
        db.session.execute(sa.delete(StaleFigures).where(sa.tuple_(StaleFigures.tenant_id, StaleFigures.since).in_(
            sa.select(TENANTS.c.tenant_id, TENANTS.c.since))))
    db.session.flush()
    _record(started, changes, "incremental")
    return changes


def compute_alliance_reports_now(alliance_id: int, progress: Progress | None = None) -> int:
    """One alliance's KPRs, then the totals of the districts and states they are or were in: the run
    its state council starts from the page."""
    started = now()
    ensure_functions()
    ids = sa.select(Tenant.id).where(Tenant.alliance_id == alliance_id)
    with cross_tenant("cross-municipal reports for one alliance's state council"), working_tables():
        if progress:
            progress(1, 3)
        changes = _recompute(sa.select(Tenant.id, sa.literal(started, sa.DateTime(timezone=True))).where(
            Tenant.alliance_id == alliance_id))
        if progress:
            progress(2, 3)
    db.session.execute(sa.delete(StaleFigures).where(StaleFigures.since < started, StaleFigures.tenant_id.in_(ids)))
    db.session.add(SnapshotRun(job=JOB, started_at=started, finished_at=now(), rows=changes.total,
                               alliance_id=alliance_id))
    db.session.flush()
    _record(started, changes, f"alliance {alliance_id}")
    if progress:
        progress(3, 3)
    return changes.total


def _recompute(kprs: sa.Select) -> Changes:
    """The rows of the KPRs `kprs` selects (tenant id, mark), then the totals of every district and
    state they are in or were in (ReportPlacement); inside working_tables()."""
    db.session.execute(sa.insert(TENANTS).from_select(["tenant_id", "since"], kprs))
    of_run = sa.select(TENANTS.c.tenant_id)
    for scope, column, recorded in (("district", Tenant.district, PLACEMENT.c.district),
                                    ("state", Tenant.federal_state, PLACEMENT.c.federal_state)):
        now_in = sa.select(sa.literal(scope, sa.String(10)), column).where(Tenant.id.in_(of_run))
        was_in = sa.select(sa.literal(scope, sa.String(10)), recorded).where(PLACEMENT.c.tenant_id.in_(of_run))
        db.session.execute(sa.insert(PLACES).from_select(["scope", "scope_key"], sa.union(now_in, was_in)))
    _collect_kpr_rows()
    changes = merge(FIGURE, ROWS, KEY, within=sa.and_(
        FIGURE.c.scope == "kpr", FIGURE.c.scope_key.in_(sa.select(sa.cast(TENANTS.c.tenant_id, sa.String(120))))))
    db.session.execute(sa.delete(ROWS))
    _roll_up(FIGURE, places=True)
    changes += merge(FIGURE, ROWS, KEY, within=sa.tuple_(FIGURE.c.scope, FIGURE.c.scope_key).in_(
        sa.select(PLACES.c.scope, PLACES.c.scope_key)))
    _place_run_tenants()
    return changes


@shared_task(name="workers.compute_reports", cross_tenant=True, acks_late=True, bind=True)
def compute_reports(self, alliance_id: int | None = None) -> int | str:
    """Every KPR (nightly), or one alliance's (`alliance_id`: started from its state council's page)."""
    if alliance_id is None:
        return run_locked(self, JOB, compute_reports_now)
    return run_locked(self, JOB, lambda progress: compute_alliance_reports_now(alliance_id, progress))


@shared_task(name="workers.refresh_stale_reports", cross_tenant=True, acks_late=True, bind=True)
def refresh_stale_reports(self) -> int | str:
    """Idempotent: a second delivery finds no marks (or newer ones) and does what is due."""
    return run_locked(self, JOB, lambda progress: refresh_stale_reports_now().total)
