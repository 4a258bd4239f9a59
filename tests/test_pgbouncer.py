"""Several machines share one PostgreSQL through pgbouncer in transaction pooling mode (README,
"Several machines"): `make test` starts one in front of the suite's PostgreSQL (scripts/services.sh,
TEST_PGBOUNCER_URL, same database). With DATABASE_POOLER=transaction the web app, from several
threads at once, and a real worker process work through it; without the setting psycopg's
server-side prepared statements break as soon as a transaction lands on another server connection."""

from __future__ import annotations

import os
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import redis
import sqlalchemy as sa

from asskomm.snapshots.models import SnapshotRun
from asskomm.structure.models import Person
from config import ConfigError, load_settings
from tenants import cross_tenant, db

from .fixtures.clients import make_client
from .fixtures.database import need
from .fixtures.services import WorkerProcess

pytestmark = pytest.mark.worker

SLUGS = ["zwickau", "zittau", "meissen", "plauen"]
ROUNDS = 2
TASK_RUNS = 6  # more than psycopg's prepare_threshold (5): the worker's repeated queries would be prepared
# A database of the test Redis that neither half of the suite uses (tests/fixtures/database.py: /0, /1),
# so the session's worker takes none of these tasks.
REDIS_DB = 2


@pytest.fixture(scope="session")
def pgbouncer_url(backend) -> str:
    """Named first by the tests, so the SQLite half skips before building its app."""
    if backend != "postgresql":
        pytest.skip("pgbouncer stands in front of PostgreSQL only")
    return need("TEST_PGBOUNCER_URL")


def _through_pooler(url: str, env: dict[str, str], tmp_path, pooler: str | None) -> sa.Engine:
    """An engine with the options the app builds from its settings, with or without the pooler setting."""
    settings = load_settings({**env, "DATABASE_URL": url, "DATABASE_POOLER": pooler or "",
                              "INSTANCE_PATH": str(tmp_path)})
    return sa.create_engine(settings.database_url, **settings.engine_options())


def _query_twice_over(engine: sa.Engine) -> tuple[str, str]:
    """One connection repeats a query past psycopg's prepare threshold; then, while a second
    connection's transaction holds the server connection the first used, the first runs it once
    more: pgbouncer hands it another server connection. Returns the query's marker and what the
    last run answered (marker + "last" when right)."""
    marker = uuid.uuid4().hex  # a query text no earlier run has prepared on any server connection
    query = sa.text(f"SELECT '{marker}' || :n")
    first = engine.connect()
    second = engine.connect()
    try:
        for n in range(8):
            with first.begin():
                assert first.scalar(query, {"n": str(n)}) == f"{marker}{n}"
        with second.begin():
            second.execute(sa.text("SELECT 1"))
            with first.begin():
                return marker, first.scalar(query, {"n": "last"})
    finally:
        first.close()
        second.close()
        engine.dispose()


def test_prepared_statements_break_behind_transaction_pooling_unless_the_setting_is_on(
        pgbouncer_url, app_environment, tmp_path):
    url = pgbouncer_url
    marker, answer = _query_twice_over(_through_pooler(url, app_environment, tmp_path, "transaction"))
    assert answer == f"{marker}last"
    # Without DATABASE_POOLER the statement prepared on one server connection is missing (or,
    # under that name, another one) on the next: an error, or worse a wrong answer.
    try:
        marker, answer = _query_twice_over(_through_pooler(url, app_environment, tmp_path, None))
    except sa.exc.ProgrammingError as error:
        assert "prepared statement" in str(error)
    else:
        assert answer != f"{marker}last", "without DATABASE_POOLER=transaction the last query went right"


def test_the_pooler_setting_is_checked(tmp_path):
    assert "connect_args" not in load_settings({"INSTANCE_PATH": str(tmp_path)}).engine_options()
    with pytest.raises(ConfigError, match="DATABASE_POOLER muss leer oder „transaction“ sein"):
        load_settings({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": "postgresql://h/db",
                       "DATABASE_POOLER": "session"})
    with pytest.raises(ConfigError, match="gilt nur für PostgreSQL"):
        load_settings({"INSTANCE_PATH": str(tmp_path), "DATABASE_POOLER": "transaction"})
    options = load_settings({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": "postgresql://h/db",
                             "DATABASE_POOLER": "Transaction", "DATABASE_POOL_SIZE": "3",
                             "DATABASE_MAX_OVERFLOW": "0"}).engine_options()
    assert options == {"pool_pre_ping": True, "pool_size": 3, "max_overflow": 0,
                       "connect_args": {"prepare_threshold": None}}


def _redis_url(base: str) -> str:
    return urlsplit(base)._replace(path=f"/{REDIS_DB}").geturl()


def _people(app, prefix: str) -> int:
    with app.app_context(), cross_tenant("test: people written through pgbouncer"):
        count = db.session.scalar(sa.select(sa.func.count(Person.id)).where(Person.name.like(f"{prefix}%")))
        db.session.remove()
        return count


def _snapshot_runs(app) -> int:
    with app.app_context():
        count = db.session.scalar(sa.select(sa.func.count(SnapshotRun.id)).filter_by(job="activity"))
        db.session.remove()
        return count


def test_web_threads_and_a_worker_work_through_pgbouncer_in_transaction_mode(
        pgbouncer_url, app_environment, committed, other_app, tmp_path):
    broker = _redis_url(need("TEST_REDIS_URL"))
    redis.Redis.from_url(broker).flushdb()
    env = {"DATABASE_URL": pgbouncer_url, "DATABASE_POOLER": "transaction", "REDIS_URL": broker,
           # a pool smaller than the threads: connections are shared and returned all the time
           "DATABASE_POOL_SIZE": "2", "DATABASE_MAX_OVERFLOW": "2"}
    log = tmp_path / "pgbouncer-worker.log"
    pool = ThreadPoolExecutor(len(SLUGS) + 2)
    # The worker starts while the rest happens: the tasks wait in Redis until it is ready.
    worker = pool.submit(WorkerProcess, {**app_environment, **env, "INSTANCE_PATH": str(tmp_path)}, log)
    try:
        pooled = other_app(**env)
        assert pooled.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"] == {"prepare_threshold": None}
        prefix = f"Pgbouncer {uuid.uuid4().hex[:8]}"
        runs_before = _snapshot_runs(committed)
        start = threading.Barrier(len(SLUGS) + 1)

        def coordinator(slug: str) -> list[str]:
            client = make_client(pooled)
            start.wait(timeout=30)
            login = client.login(f"koordination.{slug}@demo.asskomm.de")
            if login.status_code != 302:
                return [f"{slug}: sign-in {login.status_code}"]
            problems = []
            for n in range(ROUNDS):
                for page in (f"/k/{slug}/", f"/k/{slug}/struktur"):
                    if (status := client.get(page).status_code) != 200:
                        problems.append(f"{slug}: {page} {status}")
                added = client.submit(f"/k/{slug}/struktur/personen/neu",
                                      {"name": f"{prefix} {slug} {n}", "sector": "police"})
                if added.status_code != 302:
                    problems.append(f"{slug}: new person {added.status_code}")
            return problems

        def tasks() -> list[object]:
            celery_app = pooled.extensions["celery"]
            start.wait(timeout=30)
            sent = [celery_app.send_task("workers.snapshot_activity") for _ in range(TASK_RUNS)]
            return [result.get(timeout=90) for result in sent]

        web = [pool.submit(coordinator, slug) for slug in SLUGS]
        jobs = pool.submit(tasks)
        problems = [p for future in web for p in future.result(timeout=120)]
        results = jobs.result(timeout=120)
    finally:
        worker.result(timeout=120).stop()
        pool.shutdown()
        redis.Redis.from_url(broker).flushdb()
        committed.extensions["celery"].set_default()
    assert problems == []
    assert all(isinstance(written, int) and written > 0 for written in results), \
        (results, log.read_text()[-3000:])
    # Read back directly from PostgreSQL, not through the pooler.
    assert _people(committed, prefix) == len(SLUGS) * ROUNDS
    assert _snapshot_runs(committed) == runs_before + TASK_RUNS
    assert "prepared statement" not in log.read_text()
    assert urlsplit(pgbouncer_url).port != urlsplit(os.environ["TEST_POSTGRES_URL"]).port  # it was the pooler
