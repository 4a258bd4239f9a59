"""`make bench-alliances`: Saxony's state pages when 16 alliances hold 11,000 KPRs, against a single
alliance of 420 KPRs, in one run (issue 17).

scripts/bench.sh starts PostgreSQL and Redis and runs this with BENCH_DATABASE_URL and
BENCH_REDIS_URL. The single alliance: a fresh schema, the demo and `demo scale` up to 420 KPRs, the
nightly jobs. The many: a fresh schema, the demo (Saxony and Mecklenburg-Vorpommern), fourteen more
alliances made with `flask alliance create` (one per remaining Land), `demo scale --allianz` giving
each alliance its share of the 11,000, the nightly jobs. Both are measured as bench/scale.py
measures a size: gunicorn and wrk against every state page, signed in as Saxony's state admin, in
rounds alternating with `/livez`. Writes bench/results/alliances.json and alliances.md.

    BENCH_SECONDS=3 make bench-alliances      # a quicker look
"""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import scale, servers  # noqa: E402
from bench.load import Client  # noqa: E402
from tenants.districts import LAENDER  # noqa: E402

SINGLE = int(os.environ.get("BENCH_SINGLE", "420"))
TOTAL = int(os.environ.get("BENCH_TOTAL", "11000"))
COUNT = 16
DEMO_ALLIANCES = ("sachsen", "mv")
OTHERS = [land for land in LAENDER.values() if land not in ("Sachsen", "Mecklenburg-Vorpommern")]


def _create_alliances() -> list[str]:
    """The fourteen alliances beside the demo's, one per remaining Land; their slugs, the demo's first."""
    slugs = list(DEMO_ALLIANCES)
    for number, land in enumerate(OTHERS[:COUNT - len(DEMO_ALLIANCES)], start=len(DEMO_ALLIANCES) + 1):
        slug = f"land{number:02d}"
        scale._flask("alliance", "create", slug, "--name", f"Präventionsnetz {land}", "--short-name",
                     f"PN {number:02d}", "--federal-state", land, "--host", f"{slug}.localhost", "--operator",
                     f"Landespräventionsrat {land}", "--admin-email", f"{slug}@demo.asskomm.de",
                     "--admin-name", f"Landesverwaltung {land}")
        slugs.append(slug)
    return slugs


def prepare_many() -> dict:
    """TOTAL KPRs in COUNT alliances, as evenly as the demo's own KPRs allow; the nightly jobs once."""
    url = scale.ENV["DATABASE_URL"]
    servers.reset_schema(url)
    scale._flask("db", "upgrade")
    scale._flask("demo", "load")
    slugs = _create_alliances()
    missing = TOTAL - servers.count_kprs(url)
    share, rest = divmod(missing, len(slugs))
    generate = 0.0
    for index, slug in enumerate(slugs):
        generate += scale._flask("demo", "scale", str(share + (1 if index < rest else 0)), "--allianz", slug)
    snapshot = scale._run(sys.executable, "-m", "workers", "snapshot")
    kprs = servers.count_kprs(url)
    print(f"  {kprs} KPR in {len(slugs)} alliances: generated in {generate:.0f} s, nightly jobs in {snapshot:.0f} s",
          flush=True)
    return {"kprs": kprs, "alliances": len(slugs), "generate_s": round(generate, 1),
            "nightly_jobs_s": round(snapshot, 1)}


def measure(result: dict) -> dict:
    """Statements, bytes and wrk rounds of every state page for Saxony's state admin."""
    counted = servers.statement_counts(scale.ENV, list(scale.PAGES.values()), scale.STATE_ADMIN, scale.PASSWORD)
    result["statements"] = {name: counted[path] for name, path in scale.PAGES.items()}
    with servers.running(scale.ENV) as (base, _web):
        admin = Client(base)
        admin.sign_in(scale.STATE_ADMIN, scale.PASSWORD)
        for name, path in scale.PAGES.items():
            answer = admin.request(path)
            if answer.status != 200:
                raise RuntimeError(f"{path} answered {answer.status}")
            result.setdefault("bytes", {})[name] = len(answer.body)
        result["pages"] = scale.measure_pages(base, admin.cookie_header)
    return result


def goals(single: dict, many: dict) -> dict:
    """Per page: its p95 among 16 alliances at most twice the single alliance's (written, never asserted)."""
    return {name: {"p95_ratio": round(many["pages"][name]["p95_ms"] / max(page["p95_ms"], 1), 2),
                   "p95_at_most_twice_single": many["pages"][name]["p95_ms"] <= 2 * max(page["p95_ms"], 1)}
            for name, page in single["pages"].items()}


def markdown(report: dict) -> str:
    single, many = report["single"], report["many"]
    lines = [f"| page | 1 alliance, {single['kprs']:,} KPRs: p95, queries | {many['alliances']} alliances, "
             f"{many['kprs']:,} KPRs: p95, queries | p95 ratio | within 2× |", "|---|---|---|---|---|"]
    for name, goal in report["goals"].items():
        cells = [f"{size['pages'][name]['p95_ms']:.0f} ms, {size['statements'][name].get('statements')}"
                 for size in (single, many)]
        within = goal["p95_at_most_twice_single"]
        lines.append(f"| {name} | {cells[0]} | {cells[1]} | {goal['p95_ratio']}× | {within} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    scale.RESULTS.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    print(f"== one alliance, {SINGLE} KPR", flush=True)
    single = measure(scale.prepare(SINGLE))
    print(f"== {COUNT} alliances, {TOTAL} KPR", flush=True)
    many = measure(prepare_many())
    report = {"started": started.isoformat(timespec="seconds"), "seconds_per_run": scale.SECONDS,
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()},
              "single": single, "many": many, "goals": goals(single, many)}
    (scale.RESULTS / "alliances.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    table = markdown(report)
    (scale.RESULTS / "alliances.md").write_text(table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
