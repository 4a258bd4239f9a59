"""Flask extensions, created once and bound in create_app."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from urllib.parse import urlsplit

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf import CSRFProtect
from limits.storage import Storage

from tenants import db

login_manager = LoginManager()
login_manager.login_view = "accounts.login"
login_manager.login_message = "Bitte melden Sie sich an, um diese Seite zu sehen."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"



class SQLiteFileStorage(Storage):
    """Rate-limit counters (fixed windows) in a SQLite file, for the embedded mode without Redis:
    every web process on this machine counts in the same file, so two gunicorn workers do not
    double the limit. Each change is one statement, atomic under SQLite's file lock; each call
    opens its own connection, which is safe across threads and forks. URI: sqlite-file:///path."""

    STORAGE_SCHEME = ["sqlite-file"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.path = Path(urlsplit(uri or "").path)
        self._run("PRAGMA journal_mode=WAL")  # readers do not wait for a writer
        self._run("CREATE TABLE IF NOT EXISTS hits (key TEXT PRIMARY KEY, count INTEGER, expires REAL)")

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _run(self, sql: str, *params):
        conn = sqlite3.connect(self.path, timeout=5, isolation_level=None)  # waits up to 5 s for the lock
        try:
            return conn.execute(sql, params).fetchone()
        finally:
            conn.close()

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        if int(now) % 10 == 0:  # now and then, not on every failure: forget windows long over
            self._run("DELETE FROM hits WHERE expires <= ?", now)
        row = self._run(
            "INSERT INTO hits (key, count, expires) VALUES (?1, ?2, ?3) ON CONFLICT (key) DO UPDATE SET "
            "count = CASE WHEN hits.expires <= ?4 THEN ?2 ELSE hits.count + ?2 END, "
            "expires = CASE WHEN hits.expires <= ?4 THEN ?3 ELSE hits.expires END RETURNING count",
            key, amount, now + expiry, now)
        return row[0]

    def get(self, key: str) -> int:
        row = self._run("SELECT count FROM hits WHERE key = ? AND expires > ?", key, time.time())
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._run("SELECT expires FROM hits WHERE key = ? AND expires > ?", key, time.time())
        return row[0] if row else time.time()

    def check(self) -> bool:
        try:
            self._run("SELECT 1")
            return True
        except sqlite3.Error:
            return False

    def reset(self) -> int | None:
        self._run("DELETE FROM hits")
        return None

    def clear(self, key: str) -> None:
        self._run("DELETE FROM hits WHERE key = ?", key)


csrf = CSRFProtect()
babel = Babel()
migrate = Migrate()
limiter = Limiter(key_func=get_remote_address, default_limits=[])

__all__ = ["SQLiteFileStorage", "babel", "csrf", "db", "limiter", "login_manager", "migrate"]
