"""How many citizen survey submissions a second the platform takes, against its trivial endpoint
(/healthz: one database round trip) on the same server in the same run, as a ratio. The server is
gunicorn as the Procfile starts it (2 workers × 4 threads), on a fresh SQLite instance with the
embedded rate-limit file, or on PostgreSQL and Redis as in production (BENCH_DATABASE_URL,
BENCH_REDIS_URL). Clients submit the Meißen-sized questionnaire (12 questions) in parallel over
HTTP, a connection per request, each with its own session and CSRF token. Rounds alternate
submissions and trivial requests, so that drift of the machine hits both sides alike; the medians of
the rounds are reported. Checks that every submission was stored. Writes the figures into
bench/results/survey_submissions.json, one entry per database.

    .venv/bin/python bench/survey_submissions.py [requests per side and round, default 200]
    BENCH_DATABASE_URL=postgresql://… BENCH_REDIS_URL=redis://… .venv/bin/python bench/survey_submissions.py
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from asskomm import create_app  # noqa: E402
from asskomm.demo.loader import load_demo  # noqa: E402
from asskomm.prevention.models import PreventionCycle  # noqa: E402
from asskomm.prevention.survey.bank import BY_KEY  # noqa: E402
from asskomm.prevention.survey.models import Survey, SurveyResponse, SurveySection, SurveyStatus  # noqa: E402
from asskomm.prevention.survey.surveys import add_bank_question, new_public_key  # noqa: E402
from tenants import Tenant, db, tenant_context  # noqa: E402

ROUNDS = 5
CONCURRENCY = 16
ITEMS = ("safety_night", "safety_day", "worry_burglary", "avoid_places", "protection", "problem_graffiti",
         "problem_drugs", "problem_dark_places", "problem_traffic", "satisfaction_police", "age_band", "gender")
CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


def _environment(instance: str) -> dict[str, str]:
    env = {"TESTING": "0", "DEMO_MODE": "1", "SECRET_KEY": "bench-survey", "INSTANCE_PATH": instance,
           "LOG_LEVEL": "WARNING", "SESSION_COOKIE_SECURE": "0", "SURVEY_RATE_LIMIT": "1000000 per minute"}
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    if os.environ.get("BENCH_REDIS_URL"):  # rate limits (and the broker /healthz checks) in Redis
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    return env


def _setup(env: dict[str, str]) -> tuple[str, int, dict[str, list[str]]]:
    """Meißen's survey, open: its start page, its id, and per question field the option values."""
    app = create_app(env)
    with app.app_context():
        upgrade()
        load_demo()
        db.session.commit()
        tenant_id = db.session.scalar(sa.select(Tenant.id).filter_by(slug="meissen"))
        with tenant_context(tenant_id):
            cycle = db.session.scalars(sa.select(PreventionCycle).order_by(PreventionCycle.number.desc())).first()
            survey = Survey(cycle=cycle, title="Benchmark-Befragung", public_key=new_public_key(),
                            status=SurveyStatus.draft)
            db.session.add(survey)
            sections: dict[str, SurveySection] = {}
            for key in ITEMS:
                item = BY_KEY[key]
                if item.section not in sections:
                    sections[item.section] = SurveySection(survey=survey, position=len(sections) + 1,
                                                           title=item.section)
                    db.session.add(sections[item.section])
                add_bank_question(survey, sections[item.section], item)
            survey.status = SurveyStatus.open
            db.session.flush()
            fields = {f"q{q.id}": [str(o.id) for o in q.options] for q in survey.questions}
            path, survey_id = f"/k/meissen/befragung/{survey.public_key}", survey.id
            db.session.commit()
    with app.app_context():
        db.engine.dispose()
    return path, survey_id, fields


class Respondent:
    """One browser: its session cookie and CSRF token; a new connection per request, as each side gets."""

    def __init__(self, port: int, start: str):
        self.port = port
        status, headers, page = self._request("GET", start)
        self.cookie = next(cookie.split(";", 1)[0] for cookie in headers.get_all("Set-Cookie")
                           if cookie.startswith("session="))
        self.token = CSRF.search(page).group(1)
        self.last_failure = ""

    def _request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            reply = connection.getresponse()
            return reply.status, reply.headers, reply.read().decode()
        finally:
            connection.close()

    def submit(self, path: str, form: dict[str, str]) -> bool:
        body = urllib.parse.urlencode({**form, "csrf_token": self.token})
        status, headers, page = self._request("POST", path, body, {
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookie})
        if status == 302 and (headers["Location"] or "").endswith("/danke"):
            return True
        self.last_failure = f"{status} {headers['Location']} {page[:300]}"
        return False

    def trivial(self) -> bool:
        return self._request("GET", "/healthz")[0] == 200


def _round(respondents: list[Respondent], count: int, work) -> tuple[float, int]:
    """`count` requests spread over the respondents' threads: (requests per second, failures)."""
    share = [count // len(respondents) + (1 if n < count % len(respondents) else 0) for n in range(len(respondents))]
    failures = [0]
    lock = threading.Lock()
    barrier = threading.Barrier(len(respondents) + 1)

    def run(respondent: Respondent, times: int) -> None:
        barrier.wait()
        bad = sum(0 if work(respondent, n) else 1 for n in range(times))
        with lock:
            failures[0] += bad

    threads = [threading.Thread(target=run, args=pair) for pair in zip(respondents, share, strict=True)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return count / (time.perf_counter() - start), failures[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stored(env: dict[str, str], survey_id: int) -> int:
    app = create_app(env)
    with app.app_context():
        tenant_id = db.session.scalar(sa.select(Tenant.id).filter_by(slug="meissen"))
        with tenant_context(tenant_id):
            return db.session.scalar(sa.select(sa.func.count(SurveyResponse.id))
                                     .where(SurveyResponse.survey_id == survey_id))


def _wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn did not start")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer")


def main() -> None:
    per_side = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    instance = tempfile.mkdtemp(prefix="asskomm-bench-survey-")
    env = _environment(instance)
    start, survey_id, fields = _setup(env)
    questionnaire = f"{start}/fragebogen"
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
         "asskomm:create_app()"], cwd=ROOT, env={**os.environ, **env},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_up(port, server)
        respondents = [Respondent(port, start) for _ in range(CONCURRENCY)]
        names = sorted(fields)

        def submission(respondent: Respondent, n: int) -> bool:
            form = {name: fields[name][(n + index) % len(fields[name])] for index, name in enumerate(names)}
            return respondent.submit(questionnaire, form)

        def trivial(respondent: Respondent, n: int) -> bool:
            return respondent.trivial()

        _round(respondents, 40, submission)  # warm up both sides
        _round(respondents, 40, trivial)
        rates: dict[str, list[float]] = {"submissions": [], "trivial": []}
        failures = {"submissions": 0, "trivial": 0}
        for number in range(ROUNDS):
            order = (("submissions", submission), ("trivial", trivial))
            for name, work in order if number % 2 == 0 else tuple(reversed(order)):
                rate, failed = _round(respondents, per_side, work)
                rates[name].append(rate)
                failures[name] += failed
    finally:
        server.terminate()
        server.wait(timeout=30)

    stored = _stored(env, survey_id)
    submissions, baseline = statistics.median(rates["submissions"]), statistics.median(rates["trivial"])
    result = {
        "what": "POST a 12-question citizen survey (one response, its answers; CSRF, rate limit, open link) vs "
                "GET /healthz (one database round trip), gunicorn 2 workers x 4 threads, a connection per request, "
                "alternating rounds, medians",
        "database": "postgresql" if "DATABASE_URL" in env else "sqlite",
        "rate_limit_store": "redis" if "REDIS_URL" in env else "sqlite file (embedded mode)",
        "concurrent_clients": CONCURRENCY,
        "rounds": ROUNDS,
        "requests_per_side_and_round": per_side,
        "submissions_per_second": round(submissions, 1),
        "trivial_requests_per_second": round(baseline, 1),
        "ratio_submissions_to_trivial": round(submissions / baseline, 3),
        "submissions_per_second_by_round": [round(rate, 1) for rate in rates["submissions"]],
        "trivial_per_second_by_round": [round(rate, 1) for rate in rates["trivial"]],
        "failed_requests": failures,
        "a_failure": next((r.last_failure for r in respondents if r.last_failure), ""),
        "submissions_sent": 40 + ROUNDS * per_side,
        "responses_stored": stored,
        "cpu_count": os.cpu_count(),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
    }
    # One entry per database: a run on SQLite keeps the last PostgreSQL figures, and the other way round.
    out = Path(__file__).parent / "results" / "survey_submissions.json"
    out.parent.mkdir(exist_ok=True)
    results = json.loads(out.read_text()) if out.exists() else {}
    results[result["database"]] = result
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
