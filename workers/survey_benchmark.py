"""The citizen surveys' benchmark across the alliance (asskomm/prevention/survey/benchmark/compute.py
says what the figures are). The answers of every participating KPR are counted in two grouped
queries; the figures and summaries then replace the previous snapshot in the task's one
transaction, so a page reads either the old snapshot or the new one, never half of each, and a
re-run or a redelivered message leaves the same rows."""

from __future__ import annotations

import sqlalchemy as sa
from celery import shared_task

from asskomm.prevention.survey.benchmark import compute
from asskomm.prevention.survey.models import BenchmarkFigure, BenchmarkSummary
from asskomm.snapshots.models import SnapshotRun
from asskomm.timeutil import now
from tenants import Alliance, Tenant, alliance_context, cross_tenant, db

from .jobs import Progress, run_locked

JOB = compute.JOB


def _replace(table: sa.Table, rows: list[dict], where: sa.ColumnElement[bool] | None = None) -> None:
    """Core statements: the figures belong to many KPRs and are written by the job, not a request
    (the benchmark tables are not audited: issue 12)."""
    db.session.execute(sa.delete(table) if where is None else sa.delete(table).where(where))
    if rows:
        db.session.execute(sa.insert(table), rows)


def compute_survey_benchmark_now(progress: Progress | None = None, alliance_id: int | None = None) -> int:
    """The figures of every KPR, or of one alliance's (a run its state council started); then the
    summaries of every alliance and across alliances from all stored figures."""
    started = now()
    with alliance_context(alliance_id), cross_tenant("citizen survey benchmark: the standard items of every "
                                                     "KPR's shared survey"):
        participants = compute.participants()
        counts = compute.answer_counts()
    if progress:
        progress(1, 3)
    figures = compute.figures(participants, counts)
    table = BenchmarkFigure.__table__
    _replace(table, figures, None if alliance_id is None else table.c.tenant_id.in_(
        sa.select(Tenant.id).where(Tenant.alliance_id == alliance_id)))
    with cross_tenant("citizen survey benchmark: every alliance's figures for the summaries"):
        stored = compute.stored_figures()
    across = frozenset(db.session.scalars(sa.select(Alliance.id).where(Alliance.compares_across)))
    summaries = compute.summaries(stored, across)
    if progress:
        progress(2, 3)
    _replace(BenchmarkSummary.__table__, summaries)
    written = len(figures) + len(summaries)
    db.session.add(SnapshotRun(job=JOB, started_at=started, finished_at=now(), rows=written, alliance_id=alliance_id))
    db.session.flush()
    if progress:
        progress(3, 3)
    return written


@shared_task(name="workers.compute_survey_benchmark", cross_tenant=True, acks_late=True, bind=True)
def compute_survey_benchmark(self, alliance_id: int | None = None) -> int | str:
    return run_locked(self, JOB, lambda progress: compute_survey_benchmark_now(progress, alliance_id))
