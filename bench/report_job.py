"""The report job against the database the app is configured for (DATABASE_URL): the full run
against the same SQL statements without the writing ("raw"), the peak memory of a full run in a
process of its own, and how long one KPR's change takes to reach its figures by the incremental
refresh. Not run in CI.

    DATABASE_URL=postgresql://... .venv/bin/python bench/report_job.py   # writes bench/results/report_job.json

The lead's benchmark calls `measure(app)`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from asskomm.coaching.models import Consultation, ConsultationTopic  # noqa: E402
from asskomm.reports.models import ReportFigure  # noqa: E402
from asskomm.timeutil import today  # noqa: E402
from tenants import Tenant, cross_tenant, db, tenant_context  # noqa: E402
from workers import report_work  # noqa: E402
from workers.cycle_figures import derive_cycle_figures  # noqa: E402
from workers.report_sources import all_sources  # noqa: E402
from workers.reports import _fill_years, _first_years, compute_reports_now, refresh_stale_reports_now  # noqa: E402
from workers.sqltime import ensure_functions  # noqa: E402

PEAK = """
import resource, sys, time
sys.path.insert(0, {root!r})
from asskomm import create_app
from tenants import db
from workers.reports import compute_reports_now
app = create_app()
with app.app_context():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    compute_reports_now()
    db.session.rollback()
    print(before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _raw() -> None:
    """The job's SELECTs by themselves: each source's GROUP BY counted in the database, nothing
    written but the small working tables the statements read (KPR ids, years)."""
    ensure_functions()
    with cross_tenant("benchmark: the report job's statements"), report_work.working_tables():
        db.session.execute(sa.insert(report_work.TENANTS).from_select(["tenant_id"], sa.select(Tenant.id)))
        lifecycle_from, calendar_from = _first_years()
        _fill_years(calendar_from)
        for source in all_sources(lifecycle_from):
            db.session.scalar(sa.select(sa.func.count()).select_from(source.subquery()))
    db.session.rollback()


def _cycle_python() -> None:
    """The part only Python derives (stages, goal statuses), for the record."""
    with cross_tenant("benchmark: stages and goals"), report_work.working_tables():
        db.session.execute(sa.insert(report_work.TENANTS).from_select(["tenant_id"], sa.select(Tenant.id)))
        derive_cycle_figures()
    db.session.rollback()


def _full() -> int:
    changed = compute_reports_now()
    db.session.commit()
    return changed


def _incremental_latency() -> dict:
    """Add a consultation to one KPR, commit, refresh, and read the KPR's figure back."""
    with cross_tenant("benchmark: a KPR to change"):
        tenant_id = db.session.scalar(sa.select(Tenant.id).order_by(Tenant.id).limit(1))
    held_on = date(today().year, 1, 2)
    figure = sa.select(ReportFigure.value).where(
        ReportFigure.year == held_on.year, ReportFigure.scope == "kpr", ReportFigure.scope_key == str(tenant_id),
        ReportFigure.metric == "coaching_hours", ReportFigure.category == ConsultationTopic.other.value)
    before = db.session.scalar(figure) or Decimal(0)
    with tenant_context(tenant_id):
        entry = Consultation(held_on=held_on, topic=ConsultationTopic.other, hours=Decimal("1.25"), notes="bench")
        db.session.add(entry)
        db.session.commit()
    start = time.perf_counter()
    changes = refresh_stale_reports_now()
    db.session.commit()
    seconds = time.perf_counter() - start
    visible = db.session.scalar(figure) == before + Decimal("1.25")
    with tenant_context(tenant_id):
        db.session.delete(db.session.get(Consultation, entry.id))
        db.session.commit()
    refresh_stale_reports_now()
    db.session.commit()
    return {"incremental_seconds": round(seconds, 4), "incremental_visible": visible,
            "incremental_rows_changed": changes.total}


def _peak_memory() -> dict:
    done = subprocess.run([sys.executable, "-c", PEAK.format(root=str(ROOT))], capture_output=True, text=True,  # noqa: S603 (our own script)
                          check=True, env=os.environ.copy(), timeout=3600)
    before, peak = (int(v) for v in done.stdout.split()[-2:])  # KiB on Linux
    return {"peak_rss_mib": round(peak / 1024, 1), "peak_rss_before_run_mib": round(before / 1024, 1)}


def measure(app) -> dict:
    """Timings (best of three) and memory of the report job on the app's database."""
    with app.app_context():
        with cross_tenant("benchmark: size"):
            kprs = db.session.scalar(sa.select(sa.func.count()).select_from(Tenant))
        first_changed = _full()
        full = min(_timed(_full) for _ in range(3))
        raw = min(_timed(_raw) for _ in range(3))
        cycle = _timed(_cycle_python)
        rows = db.session.scalar(sa.select(sa.func.count()).select_from(ReportFigure))
        _incremental_latency()  # the first compiles the statements; a worker process is warm
        latency = _incremental_latency()
    return {"kprs": kprs, "figure_rows": rows, "first_run_rows_changed": first_changed,
            "full_seconds": round(full, 4), "raw_sql_seconds": round(raw, 4),
            "full_to_raw": round(full / raw, 2) if raw else None, "cycle_python_seconds": round(cycle, 4),
            **latency, **_peak_memory()}


def main() -> None:
    from asskomm import create_app

    result = measure(create_app())
    out = ROOT / "bench" / "results" / "report_job.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
