"""The benchmark's steps that run inside the app, each in a process of its own (so the figures of
one step, its memory above all, are not those of another): `python bench/inside.py STEP [ARGS]`
prints one JSON document."""

from __future__ import annotations

import json
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from asskomm import create_app  # noqa: E402
from tenants import Tenant, cross_tenant, db, tenant_context  # noqa: E402

POLL_SECONDS = 0.05
WAIT_SECONDS = 30


def statements(email: str, password: str, *paths: str) -> dict:
    """Statements per page, counted on the engine, signed in as `email` through the test client."""
    import re

    app = create_app()
    client = app.test_client()
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").get_data(as_text=True))[1]
    assert client.post("/login", data={"email": email, "password": password, "csrf_token": token}).status_code == 302
    counts = {}
    with app.app_context():
        engine = db.engine
    for path in paths:
        seen: list[str] = []

        def count(conn, cursor, statement, *args, seen=seen):
            seen.append(statement)

        sa.event.listen(engine, "before_cursor_execute", count)
        try:
            status = client.get(path).status_code
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)
        counts[path] = {"status": status, "statements": len(seen)}
    return counts


def report_job() -> dict:
    """The full report run against a hand-written GROUP BY over the same rows, and its peak memory."""
    from bench.report_job import measure

    app = create_app()
    return measure(app)


def plans() -> dict:
    from bench.query_plans import report_plans

    app = create_app()
    with app.app_context():
        return report_plans(db.session.connection())


def _consultations(tenant_id: int) -> Decimal:
    from asskomm.reports.models import ReportFigure

    db.session.rollback()  # a new snapshot for every poll
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(ReportFigure.value), 0)).where(
        ReportFigure.scope == "kpr", ReportFigure.scope_key == str(tenant_id), ReportFigure.year == date.today().year,
        ReportFigure.metric == "consultations"))


def incremental(trials: str = "5") -> dict:
    """Seconds from the commit of a new consultation until the KPR's report figure counts it, with
    the worker running (the change's stale mark and the refresh task do the rest)."""
    from asskomm.coaching.models import Consultation, ConsultationTopic

    app = create_app()
    latencies: list[float | None] = []
    with app.app_context():
        with cross_tenant("benchmark: the newest KPRs"):
            ids = db.session.scalars(sa.select(Tenant.id).order_by(Tenant.id.desc()).limit(int(trials))).all()
        for tenant_id in ids:
            before = _consultations(tenant_id)
            with tenant_context(tenant_id):
                db.session.add(Consultation(held_on=date.today() - timedelta(days=1), topic=list(ConsultationTopic)[0],
                                            hours=Decimal("1.0"), notes="Benchmark"))
                db.session.commit()
            committed = time.perf_counter()
            while _consultations(tenant_id) == before and time.perf_counter() - committed < WAIT_SECONDS:
                time.sleep(POLL_SECONDS)
            waited = time.perf_counter() - committed
            latencies.append(round(waited, 2) if waited < WAIT_SECONDS else None)
    seen = [s for s in latencies if s is not None]
    return {"seconds": latencies, "median_s": sorted(seen)[len(seen) // 2] if seen else None,
            "max_s": max(seen) if len(seen) == len(latencies) and seen else None}


def event(people: str, seats: str) -> dict:
    """An open training with `seats` seats and `people` new accounts (one password hash for all)."""
    from asskomm.accounts.models import User
    from asskomm.accounts.passwords import hash_password
    from asskomm.events.models import Event, EventKind, EventSession
    from asskomm.timeutil import now

    app = create_app()
    with app.app_context():
        training = Event(kind=EventKind.training, title="Benchmark: Fachtag Kriminalprävention", capacity=int(seats),
                         registration_closes_at=now() + timedelta(days=14))
        training.sessions.append(EventSession(starts_at=now() + timedelta(days=30),
                                              ends_at=now() + timedelta(days=30, hours=6), place="Dresden"))
        db.session.add(training)
        password_hash = hash_password("bench-teilnahme")
        emails = [f"bench-teilnahme{n:03d}-{int(time.time())}@beispiel.de" for n in range(int(people))]
        db.session.execute(sa.insert(User), [{"email": e, "name": f"Teilnehmer:in {n}", "password_hash": password_hash,
                                              "active": True, "auth_version": 1} for n, e in enumerate(emails)])
        db.session.commit()
        return {"event_id": training.id, "emails": emails, "password": "bench-teilnahme"}


def registrations(event_id: str) -> dict:
    from asskomm.events.models import Event, Registration

    app = create_app()
    with app.app_context(), cross_tenant("benchmark: the registrations of its training"):
        query = (sa.select(Registration.status, sa.func.count()).where(Registration.event_id == int(event_id))
                 .group_by(Registration.status))
        counts = dict(db.session.execute(query).all())
        confirmed = db.session.get(Event, int(event_id)).confirmed_count
        return {"by_status": {str(status.value): n for status, n in counts.items()}, "confirmed_count": confirmed}


STEPS = {"statements": statements, "report_job": report_job, "plans": plans, "incremental": incremental,
         "event": event, "registrations": registrations}

if __name__ == "__main__":
    print(json.dumps(STEPS[sys.argv[1]](*sys.argv[2:]), default=str))
