"""What automatic tenant scoping costs: the same query scoped by the session events versus
filtered by hand inside a cross-tenant context, in one run, as a ratio. Writes
bench/results/scoping_overhead.json.

    .venv/bin/python bench/scoping_overhead.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402

from asskomm import create_app  # noqa: E402
from asskomm.accounts.models import Membership  # noqa: E402
from asskomm.demo.loader import load_demo  # noqa: E402
from tenants import Tenant, cross_tenant, db, tenant_context  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2000"))


def best_of(runs: int, work) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    instance = tempfile.mkdtemp(prefix="asskomm-bench-")
    app = create_app({"TESTING": "1", "DEMO_MODE": "1", "SECRET_KEY": "bench", "INSTANCE_PATH": instance,
                      "LOG_LEVEL": "WARNING"})
    with app.app_context():
        upgrade()
        load_demo()
        db.session.commit()
        tenant_id = db.session.scalar(sa.select(Tenant.id).filter_by(slug="zwickau"))

        def scoped():
            with tenant_context(tenant_id):
                for _ in range(ROUNDS):
                    db.session.scalars(sa.select(Membership)).all()

        def by_hand():
            with cross_tenant("benchmark baseline"):
                for _ in range(ROUNDS):
                    db.session.scalars(sa.select(Membership).where(Membership.tenant_id == tenant_id)).all()

        by_hand()  # warm caches
        baseline = best_of(5, by_hand)
        measured = best_of(5, scoped)
    result = {
        "benchmark": "tenant scoping overhead",
        "rounds": ROUNDS,
        "baseline_seconds": round(baseline, 4),
        "scoped_seconds": round(measured, 4),
        "ratio_scoped_to_baseline": round(measured / baseline, 3),
    }
    out = Path(__file__).resolve().parent / "results" / "scoping_overhead.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
