"""The issue's goals, checked against the figures (written, never asserted), and the README's table."""

from __future__ import annotations

SMALL, LARGE = "420", "11000"


def _page_goals(sizes: dict) -> dict:
    goals = {}
    small, large = sizes.get(SMALL), sizes.get(LARGE)
    for name, page in (small or {}).get("pages", {}).items():
        goal = {"throughput_at_least_half_of_baseline": page["ratio"] <= 2.0,
                "p95_at_most_100_ms": page["p95_ms"] <= 100}
        if large and name in large.get("pages", {}):
            goal["p95_at_11000_at_most_twice_420"] = large["pages"][name]["p95_ms"] <= 2 * max(page["p95_ms"], 1)
        goals[name] = goal
    return goals


def goals(sizes: dict) -> dict:
    result: dict = {"pages": _page_goals(sizes)}
    small, large = sizes.get(SMALL), sizes.get(LARGE)
    biggest = large or small
    if biggest:
        job = biggest["report_job"]
        full, raw = job.get("full_seconds", 0), job.get("raw_sql_seconds", 0)
        result["report_job_at_most_twice_raw_group_by"] = full <= 2 * raw
        result["report_job_peak_at_most_200_mb"] = job.get("peak_rss_mib", 1e9) <= 200
        seconds = biggest["incremental"].get("max_s")
        result["change_visible_within_5_s"] = seconds is not None and seconds <= 5
        registrations = biggest["registrations"]
        result["registrations_at_least_half_of_baseline"] = registrations["ratio"] <= 2.0
        result["registrations_exact"] = registrations["exact"]
    if small and large:
        result["web_worker_memory_at_most_1_2x"] = (max(large["web_worker_rss_mb"])
                                                    <= 1.2 * max(small["web_worker_rss_mb"]))
    return result


def _cell(size: dict | None, name: str) -> str:
    if not size or name not in size.get("pages", {}):
        return "–"
    page = size["pages"][name]
    statements = size["statements"].get(name, {}).get("statements")
    extra = f", {statements} queries" if statements is not None else ""
    return f"{page['ratio']}×, p95 {page['p95_ms']:.0f} ms, {size['bytes'][name] / 1024:.0f} KB{extra}"


def markdown(report: dict) -> str:
    sizes = report["sizes"]
    small, large = sizes.get(SMALL), sizes.get(LARGE)
    pages = list((small or large or {}).get("pages", {}))
    lines = ["| page | 420 KPRs: ratio, p95, size | 11,000 KPRs: ratio, p95, size |", "|---|---|---|"]
    lines += [f"| {name} | {_cell(small, name)} | {_cell(large, name)} |" for name in pages]
    lines.append("")
    for key, size in sizes.items():
        job, inc, reg = size["report_job"], size["incremental"], size["registrations"]
        lines.append(f"- **{int(key):,} KPRs** ({size['kprs']:,} in all, `demo scale` took "
                     f"{size['generate_s']:.0f} s): report job "
                     f"{job.get('full_seconds')} s vs raw GROUP BY {job.get('raw_sql_seconds')} s, "
                     f"peak {job.get('peak_rss_mib')} MB; "
                     f"a change visible after {inc.get('median_s')} s (max {inc.get('max_s')}); "
                     f"registrations {reg['per_second']}/s ({reg['ratio']}× below the baseline), "
                     f"exact: {reg['exact']}; web workers {size['web_worker_rss_mb']} MB")
    lines.append("")
    return "\n".join(lines) + "\n"
