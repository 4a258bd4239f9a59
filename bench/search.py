"""How the search grows with the alliance: the results page for a word with many hits, a word with
few, one kind only, and a later page, for a coordinator and for the state admin, at 42 and at 420
KPRs with ten measures each (the setup of bench/exchange_search.py), SQLite. Timed against /healthz
in the same run, in alternating order; medians. Also the SQL statements per page, which must not
grow. Writes bench/results/search.json (not part of `make test`).

    .venv/bin/python bench/search.py [rounds, default 21]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402
from exchange_search import add_kprs, paired  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from asskomm import create_app  # noqa: E402
from asskomm.demo.loader import load_demo  # noqa: E402
from config import DEMO_PASSWORD  # noqa: E402
from tenants import db  # noqa: E402

PAGES = {
    "many_hits": "/suche/?q=Beschreibung",
    "few_hits": "/suche/?q=Graffiti",
    "one_kind": "/suche/?q=Beschreibung&art=measure",
    "page_10": "/suche/?q=Beschreibung&seite=10",
}


def statements(app, client, url: str) -> int:
    counted = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: counted.append(1)  # noqa: E731
    sa.event.listen(engine, "before_cursor_execute", listener)
    try:
        client.get(url)
    finally:
        sa.event.remove(engine, "before_cursor_execute", listener)
    return len(counted)


def measure(app, clients: dict, rounds: int) -> dict:
    return {f"{who}:{name}": {**paired(client, url, rounds), "statements": statements(app, client, url)}
            for who, client in clients.items() for name, url in PAGES.items()}


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    instance = tempfile.mkdtemp(prefix="asskomm-bench-")
    app = create_app({"TESTING": "1", "DEMO_MODE": "1", "SECRET_KEY": "bench", "INSTANCE_PATH": instance,
                      "LOG_LEVEL": "WARNING"}, WTF_CSRF_ENABLED=False)
    with app.app_context():
        upgrade()
        load_demo()
        db.session.commit()
        add_kprs(0, 42)
    clients = {"coordinator": app.test_client(), "state_admin": app.test_client()}
    for who, email in (("coordinator", "koordination.meissen"), ("state_admin", "land")):
        clients[who].post("/login", data={"email": f"{email}@demo.asskomm.de", "password": DEMO_PASSWORD})
    small = measure(app, clients, rounds)
    with app.app_context():
        add_kprs(42, 378)
    large = measure(app, clients, rounds)
    result = {
        "what": "search pages vs GET /healthz (one database round trip) in the same run, Flask test client, "
                "42 vs 420 KPRs with 10 shared measures each (420 and 4,200 measures), SQLite; medians",
        "database": "sqlite",
        "rounds": rounds,
        "ratio_to_baseline_42_kprs": {key: value["ratio_to_baseline"] for key, value in small.items()},
        "ratio_to_baseline_420_kprs": {key: value["ratio_to_baseline"] for key, value in large.items()},
        "ratio_420_to_42_kprs": {key: round(large[key]["seconds"] / small[key]["seconds"], 2) for key in small},
        "statements_42_vs_420": {key: [small[key]["statements"], large[key]["statements"]] for key in small},
        "kprs_42": small, "kprs_420": large,
        "cpu_count": os.cpu_count(),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
    }
    out = Path(__file__).parent / "results" / "search.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: result[k] for k in ("ratio_to_baseline_42_kprs", "ratio_to_baseline_420_kprs",
                                             "ratio_420_to_42_kprs", "statements_42_vs_420")}, indent=2))


if __name__ == "__main__":
    main()
