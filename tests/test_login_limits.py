"""Issue 10 C2: failed sign-ins are limited per address and account, per account (ASVS 2.2.1) and
per address, in a store every web process shares; unknown accounts cost the same hash check."""

from __future__ import annotations

import dataclasses
import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from asskomm.accounts.models import User
from config import ConfigError, load_settings

from .fixtures.database import need
from .fixtures.services import ROOT, free_port
from .helpers import user

WRONG = "falsch-falsch-falsch"


@contextmanager
def settings(app, **changes):
    saved = app.config["SETTINGS"]
    app.config["SETTINGS"] = dataclasses.replace(saved, **changes)
    try:
        yield
    finally:
        app.config["SETTINGS"] = saved


def _login_from(client, address: str, email: str, password: str = WRONG) -> int:
    token = client.csrf_token("/login")
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token},
                       environ_base={"REMOTE_ADDR": address}).status_code


def test_one_account_is_limited_across_addresses(fresh, client):
    with settings(fresh, login_account_rate_limit="8 per hour"):
        answers = [_login_from(client, f"198.51.100.{i}", "coach1@demo.asskomm.de") for i in range(8)]
        assert answers == [401] * 8
        assert _login_from(client, "198.51.100.99", "coach1@demo.asskomm.de") == 429
        assert _login_from(client, "198.51.100.99", "coach1@demo.asskomm.de", "asskomm-demo") == 429
        assert _login_from(client, "198.51.100.99", "coach2@demo.asskomm.de") == 401  # others are not locked


def test_one_address_is_limited_across_accounts(fresh, client):
    with settings(fresh, login_address_rate_limit="6 per hour"):
        answers = [_login_from(client, "203.0.113.7", f"niemand{i}@example.org") for i in range(6)]
        assert answers == [401] * 6
        assert _login_from(client, "203.0.113.7", "coach1@demo.asskomm.de") == 429
        assert _login_from(client, "203.0.113.8", "coach1@demo.asskomm.de") == 401


def test_the_account_limit_cannot_exceed_100_an_hour(tmp_path):
    env = {"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"}
    defaults = load_settings(env)
    assert defaults.login_account_rate_limit == "100 per hour"
    assert load_settings({**env, "LOGIN_ACCOUNT_RATE_LIMIT": "10 per minute;50 per hour"})
    for bad in ("1000 per day", "2 per second", "viele"):
        with pytest.raises(ConfigError, match="LOGIN_ACCOUNT_RATE_LIMIT"):
            load_settings({**env, "LOGIN_ACCOUNT_RATE_LIMIT": bad})
    with pytest.raises(ConfigError, match="LOGIN_ADDRESS_RATE_LIMIT"):
        load_settings({**env, "LOGIN_ADDRESS_RATE_LIMIT": "fünf pro Minute"})


@pytest.fixture
def hash_checks(monkeypatch):
    calls = []
    real = PasswordHasher.verify

    def counting(self, hash, password):  # noqa: A002 - argon2's parameter name
        calls.append(hash)
        return real(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    return calls


def test_unknown_inactive_and_invited_accounts_cost_one_hash_check_like_a_known_one(client, ctx, hash_checks):
    with ctx() as session:
        user("mitglied.plauen").active = False
        session.add(User(email="eingeladen@example.org", name="Noch Ohne Passwort", password_hash=None))
        session.commit()
    for email in ("koordination.zwickau@demo.asskomm.de", "niemand@example.org",
                  "mitglied.plauen@demo.asskomm.de", "eingeladen@example.org"):
        hash_checks.clear()
        assert _login_from(client, "192.0.2.1", email) == 401, email
        assert len(hash_checks) == 1 and hash_checks[0].startswith("$argon2id$"), email


# --- counted across web processes -------------------------------------------------------------

CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


class Gunicorn:
    """The web as `make run` starts it: gunicorn with two worker processes."""

    def __init__(self, env: dict[str, str], folder: Path):
        self.port = free_port()
        self.log = folder / "access.log"
        self.process = subprocess.Popen(
            # --preload: both workers are ready when the first answers, so both take the attempts.
            [sys.executable, "-m", "gunicorn", "--preload", "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
             "--threads", "2", "--control-socket", str(folder / "gunicorn.ctl"),
             "--access-logfile", str(self.log), "--access-logformat", "%(p)s %(s)s", "asskomm:create_app()"],
            cwd=ROOT, env={**os.environ, **env}, stdout=(folder / "gunicorn.log").open("w"), stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=10)  # noqa: S310 - our own server
                return
            except OSError:  # not listening yet, or still starting its workers
                assert self.process.poll() is None, (folder / "gunicorn.log").read_text()[-3000:]
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)

    def worker_pids(self) -> set[str]:
        return {line.split()[0] for line in self.log.read_text().splitlines() if line.strip()}


def _attempts(base: str, count: int) -> list[int]:
    """`count` failed sign-ins of one account from one address, each on a new connection."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    token = CSRF.search(opener.open(f"{base}/login").read().decode()).group(1)
    data = urllib.parse.urlencode({"email": "coach1@demo.asskomm.de", "password": WRONG,
                                   "csrf_token": token}).encode()
    answers = []
    for _ in range(count):
        try:
            answers.append(opener.open(f"{base}/login", data=data).status)
        except urllib.error.HTTPError as error:
            answers.append(error.code)
    return answers


@pytest.mark.parametrize("store", ["embedded", "redis"])
def test_the_limit_holds_across_two_web_processes(committed, app_environment, tmp_path, store):
    env = {**app_environment, "INSTANCE_PATH": str(tmp_path), "LOGIN_RATE_LIMIT": "5 per minute"}
    if store == "redis":
        need("TEST_REDIS_URL")  # app_environment then holds this backend's Redis database
    else:
        env.pop("REDIS_URL", None)
    web = Gunicorn(env, tmp_path)
    try:
        answers = _attempts(web.url, 40)
    finally:
        web.stop()
    assert answers.count(401) == 5 and answers.count(429) == 35, answers
    assert len(web.worker_pids()) == 2  # both processes answered, and counted together
