"""How the practice exchange grows with the alliance: the search page (all, a keyword, filters), a
practice's page and the state council's spread list at 42 and at 420 KPRs that share ten measures
each (420 and 4,200 shared measures, a tenth of them adopted by ten KPRs), SQLite. Each page is timed
against the trivial endpoint (/healthz: one database round trip) in the same run, request for request
in alternating order, so that drift of the machine hits both alike; the medians of the rounds are
reported, as seconds and as ratios: page to /healthz at each size, and 420 to 42 KPRs. Writes
bench/results/exchange_search.json (not part of `make test`).

    .venv/bin/python bench/exchange_search.py [rounds, default 21]
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from asskomm import create_app  # noqa: E402
from asskomm.demo.loader import load_demo  # noqa: E402
from asskomm.exchange.models import Adoption  # noqa: E402
from asskomm.prevention.models import ActionField, Measure, MeasureStatus, PreventionCycle, TargetGroup  # noqa: E402
from config import DEMO_PASSWORD  # noqa: E402
from tenants import Tenant, TenantKind, TenantStatus, db, tenant_context  # noqa: E402

FIELDS = ["Graffiti", "Gewalt", "Sucht", "Sichere Stadt", "Extremismus"]
GROUPS = list(TargetGroup)
STATUSES = list(MeasureStatus)


def add_kprs(start: int, count: int) -> None:
    made: list[tuple[int, int]] = []  # (KPR, its first measure)
    for n in range(start, start + count):
        place = Tenant(slug=f"bench-{n}", name=f"Benchgemeinde {n}", kind=TenantKind.municipality,
                       ags=f"{14900000 + n:08d}", district=f"Landkreis {n % 10}", population=2_000 + 450 * n,
                       status=TenantStatus.active)
        db.session.add(place)
        db.session.flush()
        with tenant_context(place.id):
            cycle = PreventionCycle(number=1, analysis_started_on=date(2025, 1, 10), first_year=2020, last_year=2024)
            fields = [ActionField(cycle=cycle, title=title) for title in FIELDS]
            measures = [Measure(cycle=cycle, action_field=fields[m % 5], title=f"Maßnahme {m} der Gemeinde {n}",
                                description="Eine Beschreibung, die mehrere Sätze lang ist. " * 4, shareable=True,
                                status=STATUSES[m % 5], target_group=GROUPS[(n + m) % len(GROUPS)])
                        for m in range(10)]
            db.session.add_all(measures)
            db.session.flush()
            made.append((place.id, measures[0].id))
    for index, (_, own) in enumerate(made):  # the next ten KPRs adopt every tenth KPR's first measure
        if index % 10 == 0:
            for adopter, adopter_measure in made[index + 1:index + 11]:
                with tenant_context(adopter):
                    db.session.add(Adoption(practice_id=own, measure_id=adopter_measure))
                    db.session.flush()
    db.session.commit()


BASELINE = "/healthz"


def timed(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code, response.headers.get("Location"))
    return elapsed


def paired(client, url: str, rounds: int) -> dict:
    """`url` and the baseline, one request each per round (which first alternates): medians and ratio."""
    timed(client, url)  # warm up both
    timed(client, BASELINE)
    page, baseline = [], []
    for number in range(rounds):
        order = ((page, url), (baseline, BASELINE))
        for times, target in order if number % 2 == 0 else reversed(order):
            times.append(timed(client, target))
    page_median, baseline_median = statistics.median(page), statistics.median(baseline)
    return {"seconds": round(page_median, 5), "baseline_seconds": round(baseline_median, 5),
            "ratio_to_baseline": round(page_median / baseline_median, 1)}


def measure(coordinator, land, practice_id: int, rounds: int) -> dict:
    return {
        "search_all": paired(coordinator, "/praxis/", rounds),
        "search_keyword": paired(coordinator, "/praxis/?q=Graffiti", rounds),
        "search_filters": paired(coordinator, "/praxis/?zielgruppe=youth&status=running&groesse=20k-100k&seite=3",
                                 rounds),
        "practice_page": paired(coordinator, f"/praxis/{practice_id}", rounds),
        "spread_list": paired(land, "/praxis/verbreitung", rounds),
    }


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    instance = tempfile.mkdtemp(prefix="asskomm-bench-")
    app = create_app({"TESTING": "1", "DEMO_MODE": "1", "SECRET_KEY": "bench", "INSTANCE_PATH": instance,
                      "LOG_LEVEL": "WARNING"}, WTF_CSRF_ENABLED=False)
    # Requests run outside the setup's app context: inside one they would share its `g` (and with it
    # the signed-in person) between the two clients.
    with app.app_context():
        upgrade()
        load_demo()
        db.session.commit()
        add_kprs(0, 42)
        with tenant_context(db.session.scalar(sa.select(Tenant.id).filter_by(slug="bench-0"))):
            practice_id = db.session.scalar(sa.select(Measure.id).filter_by(title="Maßnahme 0 der Gemeinde 0"))
    coordinator, land = app.test_client(), app.test_client()
    coordinator.post("/login", data={"email": "koordination.meissen@demo.asskomm.de", "password": DEMO_PASSWORD})
    land.post("/login", data={"email": "land@demo.asskomm.de", "password": DEMO_PASSWORD})
    small = measure(coordinator, land, practice_id, rounds)
    with app.app_context():
        add_kprs(42, 378)
    large = measure(coordinator, land, practice_id, rounds)
    result = {
        "what": "exchange pages vs GET /healthz (one database round trip) in the same run, Flask test client, "
                "42 vs 420 KPRs sharing 10 measures each, SQLite; medians of alternating rounds",
        "database": "sqlite",
        "rounds": rounds,
        "ratio_to_baseline_42_kprs": {key: value["ratio_to_baseline"] for key, value in small.items()},
        "ratio_to_baseline_420_kprs": {key: value["ratio_to_baseline"] for key, value in large.items()},
        "ratio_420_to_42_kprs": {key: round(large[key]["seconds"] / small[key]["seconds"], 2) for key in small},
        "kprs_42": small, "kprs_420": large,
        "cpu_count": os.cpu_count(),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
    }
    out = Path(__file__).parent / "results" / "exchange_search.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
