"""How the cross-municipal reports grow with the alliance: the worker's run and the report page at
42 and at 420 KPRs (each with a year of consultations, meetings and action items), in one run, as
ratios, with the peak memory of the run. Writes bench/results/reports_scaling.json.

    .venv/bin/python bench/reports_scaling.py
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402

from asskomm import create_app  # noqa: E402
from asskomm.coaching.models import Consultation, ConsultationTopic  # noqa: E402
from asskomm.demo.loader import load_demo  # noqa: E402
from asskomm.meetings.models import ActionItem, Meeting, MeetingStatus  # noqa: E402
from asskomm.structure.models import Body, BodyKind  # noqa: E402
from config import DEMO_PASSWORD  # noqa: E402
from tenants import Tenant, TenantKind, TenantStatus, db, tenant_context  # noqa: E402
from workers.reports import compute_reports_now  # noqa: E402

YEAR = date.today().year
TOPICS = list(ConsultationTopic)


def add_kprs(start: int, count: int) -> None:
    for n in range(start, start + count):
        place = Tenant(slug=f"bench-{n}", name=f"Benchgemeinde {n}", kind=TenantKind.municipality,
                       ags=f"{14900000 + n:08d}", district=f"Landkreis {n % 10}", status=TenantStatus.active,
                       contacted_on=date(YEAR - 3, 1, 1), active_on=date(YEAR - 1, 1, 1))
        db.session.add(place)
        db.session.flush()
        with tenant_context(place.id):
            group = Body(kind=BodyKind.working_group, name="AG", topic=f"Thema {n % 7}")
            db.session.add(group)
            db.session.flush()
            for month in range(1, 11):
                db.session.add(Consultation(held_on=date(YEAR, month, 3), topic=TOPICS[month % len(TOPICS)],
                                            hours=Decimal("1.5")))
                meeting = Meeting(body_id=group.id, title="Sitzung", status=MeetingStatus.held,
                                  starts_at=datetime(YEAR, month, 5, 16, tzinfo=UTC))
                db.session.add(meeting)
                db.session.flush()
                db.session.add(ActionItem(meeting_id=meeting.id, title="Aufgabe"))
            db.session.flush()
    db.session.commit()


def measure(app, client) -> dict:
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        rows = compute_reports_now()
        db.session.commit()
        runs.append(time.perf_counter() - start)
    run = min(runs)
    tracemalloc.start()  # a separate run: tracing slows the code it measures
    compute_reports_now()
    db.session.commit()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    pages = []
    for _ in range(5):
        start = time.perf_counter()
        assert client.get("/berichte/").status_code == 200
        pages.append(time.perf_counter() - start)
    return {"rows": rows, "run_seconds": round(run, 4), "run_peak_mib": round(peak / 2**20, 2),
            "page_seconds": round(min(pages), 4)}


def main() -> None:
    instance = tempfile.mkdtemp(prefix="asskomm-bench-")
    app = create_app({"TESTING": "1", "DEMO_MODE": "1", "SECRET_KEY": "bench", "INSTANCE_PATH": instance,
                      "LOG_LEVEL": "WARNING"}, WTF_CSRF_ENABLED=False)
    with app.app_context():
        upgrade()
        load_demo()
        db.session.commit()
        client = app.test_client()
        client.post("/login", data={"email": "land@demo.asskomm.de", "password": DEMO_PASSWORD})
        add_kprs(0, 42)
        small = measure(app, client)
        add_kprs(42, 378)
        large = measure(app, client)
    result = {
        "what": "reports run and /berichte/ page, 42 vs 420 generated KPRs (plus the demo), SQLite",
        "kprs_42": small, "kprs_420": large,
        "run_ratio": round(large["run_seconds"] / small["run_seconds"], 2),
        "memory_ratio": round(large["run_peak_mib"] / small["run_peak_mib"], 2),
        "page_ratio": round(large["page_seconds"] / small["page_seconds"], 2),
    }
    out = Path(__file__).parent / "results" / "reports_scaling.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
