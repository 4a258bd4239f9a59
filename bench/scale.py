"""`make bench`: every state page at 420 and at 11,000 KPRs, as a new user would measure it.

scripts/bench.sh starts PostgreSQL and Redis as the test command does and runs this with
BENCH_DATABASE_URL and BENCH_REDIS_URL. For each size: a fresh schema, the demo and `demo scale`
up to the size, the nightly jobs once; then gunicorn (2 workers × 4 threads, as in the Procfile)
and a Celery worker; wrk with 16 connections for BENCH_SECONDS (10) per page, signed in as the
state admin, in three rounds alternating with the baseline `/livez` of the same server, so every
figure is a ratio within one run. Then the report job against a raw GROUP BY, how soon a KPR's
change shows in its figures, 200 registrations at once for 20 seats, and the web workers' memory.
Writes bench/results/scale.json and scale.md (the README's table) and prints the table.

    BENCH_SIZES=420 BENCH_SECONDS=3 make bench     # a quick look
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import burst, servers  # noqa: E402
from bench.load import Client, check_cookie, wrk  # noqa: E402
from bench.table import goals, markdown  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "420,11000").split(",")]
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
ROUNDS = 3
BASELINE = "/livez"
PAGES = {
    "/land/": "/land/",
    "/berichte/": "/berichte/",
    "event dashboard": "/land/veranstaltungen/",
    "/kpr/": "/kpr/",
    "/land/personen": "/land/personen",
}
STATE_ADMIN = "land@demo.asskomm.de"
PASSWORD = "asskomm-demo"
RESULTS = ROOT / "bench" / "results"


def _environment() -> dict[str, str]:
    env = dict(os.environ, DATABASE_URL=os.environ["BENCH_DATABASE_URL"], REDIS_URL=os.environ["BENCH_REDIS_URL"],
               DEMO_MODE="1", SESSION_COOKIE_SECURE="0", SECRET_KEY="bench-" + "x" * 40,
               PYTHONPATH=str(ROOT))
    env["PATH"] = f"{ROOT / '.venv' / 'bin'}:{env['PATH']}"
    return env


ENV = _environment()


def _run(*command: str) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=ENV, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _flask(*args: str) -> float:
    return _run("flask", "--app", "asskomm", *args)


def prepare(size: int) -> dict:
    """A fresh schema with the demo and generated KPRs up to `size`, and the nightly jobs run once."""
    servers.reset_schema(ENV["DATABASE_URL"])
    _flask("db", "upgrade")
    _flask("demo", "load")
    demo = servers.count_kprs(ENV["DATABASE_URL"])
    generate = _flask("demo", "scale", str(size - demo))
    snapshot = _run(sys.executable, "-m", "workers", "snapshot")
    kprs = servers.count_kprs(ENV["DATABASE_URL"])
    print(f"  {kprs} KPR: generated in {generate:.0f} s, nightly jobs in {snapshot:.0f} s", flush=True)
    return {"kprs": kprs, "generate_s": round(generate, 1), "nightly_jobs_s": round(snapshot, 1)}


def measure_pages(base: str, cookie: str) -> dict:
    """Per page: three rounds of wrk, each right after one of the baseline; medians of the rounds."""
    results = {}
    for name, path in PAGES.items():
        if (status := check_cookie(base + path, cookie)) != 200:
            raise RuntimeError(f"{path} answered {status} to the signed-in cookie wrk sends")
        wrk(base + path, cookie, seconds=2)  # warm caches and connections
        rounds = []
        for _ in range(ROUNDS):
            baseline = wrk(base + BASELINE, seconds=SECONDS)
            page = wrk(base + path, cookie, seconds=SECONDS)
            rounds.append({"baseline_rps": baseline["rps"], **page})
        results[name] = {
            "rps": statistics.median(r["rps"] for r in rounds),
            "p50_ms": statistics.median(r["p50_ms"] for r in rounds),
            "p95_ms": statistics.median(r["p95_ms"] for r in rounds),
            "errors": sum(r["errors"] for r in rounds),
            "baseline_rps": statistics.median(r["baseline_rps"] for r in rounds),
            "ratio": round(statistics.median(r["baseline_rps"] / max(r["rps"], 0.01) for r in rounds), 2),
            "rounds": rounds,
        }
        print(f"  {name}: {results[name]['rps']} req/s, p95 {results[name]['p95_ms']} ms, "
              f"ratio {results[name]['ratio']}×, errors {results[name]['errors']}", flush=True)
    return results


def measure_size(size: int) -> dict:
    print(f"== {size} KPR", flush=True)
    result = prepare(size)
    counted = servers.statement_counts(ENV, list(PAGES.values()), STATE_ADMIN, PASSWORD)
    result["statements"] = {name: counted[path] for name, path in PAGES.items()}
    result["query_plans"] = servers.query_plans(ENV)
    with servers.running(ENV) as (base, web):
        admin = Client(base)
        admin.sign_in(STATE_ADMIN, PASSWORD)
        for name, path in PAGES.items():
            answer = admin.request(path)
            if answer.status != 200:
                raise RuntimeError(f"{path} answered {answer.status}")
            result.setdefault("bytes", {})[name] = len(answer.body)
        result["pages"] = measure_pages(base, admin.cookie_header)
        result["web_worker_rss_mb"] = servers.worker_memory(web)
        result["incremental"] = servers.incremental_latency(ENV)
        result["registrations"] = burst.registrations(base, ENV)
    result["report_job"] = servers.report_job(ENV)  # last: it runs the job several times
    return result


def main() -> int:
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    sizes = {str(size): measure_size(size) for size in SIZES}
    report = {"started": started.isoformat(timespec="seconds"), "seconds_per_run": SECONDS, "rounds": ROUNDS,
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()},
              "sizes": sizes}
    report["goals"] = goals(sizes)
    (RESULTS / "scale.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    table = markdown(report)
    (RESULTS / "scale.md").write_text(table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
