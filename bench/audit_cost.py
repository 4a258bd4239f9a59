"""What the audit trail costs on a write-heavy request: registering for a training (a registration
row, the seat counter, a queued mail), measured with and without the audit listener in the same
run, alternating request by request so that drift of the machine hits both sides alike. Each
request is a different person (a registration happens once). Reports the medians, their ratio and
the SQL statements per request. Writes bench/results/audit_cost.json.

    .venv/bin/python bench/audit_cost.py [requests per side, default 200]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from contextlib import nullcontext
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402
from flask import url_for  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from asskomm import create_app  # noqa: E402
from asskomm.accounts.models import User  # noqa: E402
from asskomm.accounts.passwords import hash_password  # noqa: E402
from asskomm.audit import listener  # noqa: E402
from asskomm.audit.models import AuditEntry  # noqa: E402
from asskomm.demo.loader import load_demo  # noqa: E402
from asskomm.events.models import Event, EventKind, EventSession  # noqa: E402
from asskomm.timeutil import now  # noqa: E402
from tenants import db  # noqa: E402

WARMUP = 10
PASSWORD = "bench-passwort-123"  # noqa: S105 - a throwaway account of the benchmark's own database


def _setup(app, people: int) -> tuple[str, list[str]]:
    with app.app_context():
        upgrade()
        load_demo()
        event = Event(kind=EventKind.training, title="Benchmark-Schulung", capacity=people,
                      registration_closes_at=now() + timedelta(days=14))
        event.sessions.append(EventSession(starts_at=now() + timedelta(days=30),
                                           ends_at=now() + timedelta(days=30, hours=6), place="Dresden"))
        db.session.add(event)
        password_hash = hash_password(PASSWORD)
        emails = [f"bench{n:04d}@beispiel.de" for n in range(people)]
        db.session.execute(sa.insert(User), [{"email": e, "name": f"Teilnehmer:in {n}", "password_hash": password_hash,
                                              "active": True, "auth_version": 1} for n, e in enumerate(emails)])
        db.session.commit()
        # The events package is being restructured: find the registration route by its shape.
        endpoint = next(rule.endpoint for rule in app.url_map.iter_rules()
                        if rule.rule.endswith("/<int:event_id>/anmelden") and "POST" in rule.methods)
        with app.test_request_context():
            url = url_for(endpoint, event_id=event.id)
    return url, emails


def main() -> None:
    per_side = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    instance = tempfile.mkdtemp(prefix="asskomm-bench-audit-")
    app = create_app({"TESTING": "1", "DEMO_MODE": "1", "SECRET_KEY": "bench", "INSTANCE_PATH": instance,
                      "LOG_LEVEL": "WARNING"}, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    people = 2 * (per_side + WARMUP)
    url, emails = _setup(app, people)
    clients = []
    for email in emails:
        client = app.test_client()
        assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
        clients.append(client)

    statements = {"on": 0, "off": 0}
    side = {"now": "on"}

    def count(*_args) -> None:
        statements[side["now"]] += 1

    with app.app_context():
        engine = db.engine
        first_entry = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(AuditEntry.id), 0)))
    timings: dict[str, list[float]] = {"on": [], "off": []}
    for round_number in range(per_side + WARMUP):
        # Alternate which side goes first, so neither always follows the other.
        order = ("on", "off") if round_number % 2 == 0 else ("off", "on")
        for name in order:
            client = clients.pop()
            measured = round_number >= WARMUP
            side["now"] = name
            if measured:
                sa.event.listen(engine, "before_cursor_execute", count)
            switch = nullcontext() if name == "on" else listener.disabled()
            with switch:
                start = time.perf_counter()
                response = client.post(url)
                elapsed = time.perf_counter() - start
            if measured:
                sa.event.remove(engine, "before_cursor_execute", count)
                timings[name].append(elapsed)
            assert response.status_code == 302, response.status_code

    with app.app_context():
        entries = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)
                                    .where(AuditEntry.id > first_entry, AuditEntry.object_type == "registration"))
    on, off = statistics.median(timings["on"]), statistics.median(timings["off"])
    result = {
        "what": "POST register for a training (new registration, seat counter, queued mail), SQLite, "
                "audit listener on vs off, alternating, one person per request",
        "requests_per_side": per_side,
        "median_ms_with_audit": round(on * 1000, 3),
        "median_ms_without_audit": round(off * 1000, 3),
        "ratio_with_to_without": round(on / off, 3),
        "p90_ms_with_audit": round(statistics.quantiles(timings["on"], n=10)[-1] * 1000, 3),
        "p90_ms_without_audit": round(statistics.quantiles(timings["off"], n=10)[-1] * 1000, 3),
        "sql_statements_per_request_with_audit": round(statements["on"] / per_side, 2),
        "sql_statements_per_request_without_audit": round(statements["off"] / per_side, 2),
        "registration_entries_written": entries,
    }
    out = Path(__file__).parent / "results" / "audit_cost.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
