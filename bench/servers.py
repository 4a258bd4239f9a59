"""The benchmark's processes: the schema, gunicorn and the Celery worker as the Procfile runs them,
and the steps of bench/inside.py, each in a child process."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
INSIDE = ROOT / "bench" / "inside.py"
WEB_WORKERS, WEB_THREADS = 2, 4  # as in the Procfile


def _engine(url: str) -> sa.Engine:
    return sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))


def reset_schema(url: str) -> None:
    engine = _engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def count_kprs(url: str) -> int:
    engine = _engine(url)
    with engine.connect() as connection:
        count = connection.execute(sa.text("SELECT count(*) FROM tenant")).scalar_one()
    engine.dispose()
    return count


def inside(env: dict, step: str, *args: str) -> dict:
    """One step of bench/inside.py in its own process; its JSON answer."""
    answer = subprocess.run([sys.executable, str(INSIDE), step, *args], env=env, cwd=ROOT, capture_output=True,
                            text=True)
    if answer.returncode:
        raise RuntimeError(f"bench/inside.py {step} failed:\n{answer.stderr[-3000:]}")
    return json.loads(answer.stdout.strip().splitlines()[-1])


def report_job(env: dict) -> dict:
    return inside(env, "report_job")


def query_plans(env: dict) -> dict:
    return inside(env, "plans")


def statement_counts(env: dict, paths: list[str], email: str, password: str) -> dict:
    return inside(env, "statements", email, password, *paths)


def incremental_latency(env: dict) -> dict:
    return inside(env, "incremental")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(base: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited")
        with contextlib.suppress(OSError), urllib.request.urlopen(base + "/livez", timeout=2):  # noqa: S310
            return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer")


def _stop(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def running(env: dict) -> Iterator[tuple[str, subprocess.Popen]]:
    """gunicorn (2 × 4) and one Celery worker; the base URL and the gunicorn master."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(env, BASE_URL=base)
    logs = ROOT / "bench" / "results" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    with open(logs / "web.log", "w") as web_log, open(logs / "worker.log", "w") as worker_log:
        web = subprocess.Popen(["gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(WEB_WORKERS),
                                "--threads", str(WEB_THREADS), "asskomm:create_app()"], env=env, cwd=ROOT,
                               stdout=web_log, stderr=subprocess.STDOUT, start_new_session=True)
        worker = subprocess.Popen(["celery", "-A", "workers.app", "worker", "--concurrency", "2",
                                   "--loglevel", "warning"], env=env, cwd=ROOT, stdout=worker_log,
                                  stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _wait_until_up(base, web)
            yield base, web
        finally:
            _stop(web)
            _stop(worker)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def worker_memory(master: subprocess.Popen) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == master.pid:
                children.append(int(stat.parent.name))
    return sorted(_rss_mb(pid) for pid in children)
