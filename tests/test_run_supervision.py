"""`make run` (honcho with the Procfile, embedded broker): a process that crashes is restarted by
scripts/respawn.sh while the others keep running; stopping honcho (Ctrl-C) still stops them all."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .fixtures.services import child_pids, free_port

pytestmark = pytest.mark.worker

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

QUEUE_A_MAIL = """
from types import SimpleNamespace
from asskomm import create_app
from asskomm.mail.services import queue_mail
from tenants import db
app = create_app()
with app.app_context():
    message = queue_mail("probe@example.org", "password_reset", "supervision-probe", user=SimpleNamespace(name="P"),
                         hours=1, link="http://127.0.0.1/")
    db.session.commit()
    print(message.id)
"""


def _cmdline(pid: int) -> list[str]:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().decode().split("\0")
    except OSError:
        return []


def _descendants(pid: int) -> list[int]:
    found = []
    for child in child_pids(pid):
        found += [child, *_descendants(child)]
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    return state != "Z"


def _processes(honcho: int) -> dict[str, int]:
    """Procfile name -> pid of its command, the child of its respawn loop."""
    found = {}
    for pid in _descendants(honcho):
        if not any(part.endswith("scripts/respawn.sh") for part in _cmdline(pid)[:2]):
            continue
        for child in child_pids(pid):
            line = " ".join(_cmdline(child))
            for name, word in (("web", "gunicorn"), ("worker", " worker "), ("beat", " beat ")):
                if word in line:
                    found[name] = child
    return found


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def _wait(condition, seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} (after {seconds} s)\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


def test_a_crashed_process_is_restarted_and_the_others_keep_running(tmp_path):
    instance = tmp_path / "instance"
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL", "SMTP_HOST"}}
    env.update(PATH=f"{BIN}:{env.get('PATH', '')}", INSTANCE_PATH=str(instance), SECRET_KEY="supervision-test",
               TESTING="1", DEMO_MODE="1", SESSION_COOKIE_SECURE="0", LOG_LEVEL="WARNING",
               BASE_URL=f"http://127.0.0.1:{port}")
    subprocess.run([str(BIN / "flask"), "--app", "asskomm", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=120)
    log = tmp_path / "honcho.log"
    honcho = subprocess.Popen([str(BIN / "honcho"), "start", "-f", "Procfile", "-p", str(port)], cwd=ROOT, env=env,
                              stdout=log.open("w"), stderr=subprocess.STDOUT)
    seen: set[int] = set()
    try:
        _wait(lambda: _healthy(port) and len(_processes(honcho.pid)) == 3, 60, "make run did not come up", log)
        before = _processes(honcho.pid)
        seen |= set(_descendants(honcho.pid))

        for name in ("web", "worker", "beat"):
            crashed = before[name]
            os.kill(crashed, signal.SIGKILL)

            def restarted(name=name, crashed=crashed) -> bool:
                return _processes(honcho.pid).get(name) not in (None, crashed)

            _wait(restarted, 20, f"{name} not restarted", log)
            now = _processes(honcho.pid)
            assert {other: now.get(other) for other in before if other != name} == {
                other: pid for other, pid in before.items() if other != name}, f"{name}'s crash touched the others"
            before = now
            seen |= set(_descendants(honcho.pid))
            assert honcho.poll() is None
        _wait(lambda: _healthy(port), 30, "web answers no more after its restart", log)

        # The restarted worker takes a task from the folder broker.
        queued = subprocess.run([sys.executable, "-c", QUEUE_A_MAIL], cwd=ROOT, env=env, check=True,
                                capture_output=True, text=True, timeout=60)
        message_id = int(queued.stdout.strip().splitlines()[-1])

        def stored() -> bool:
            with sqlite3.connect(instance / "asskomm.sqlite") as db:
                return db.execute("SELECT status FROM outbox_message WHERE id = ?", (message_id,)).fetchone() == (
                    "stored",)

        _wait(stored, 20, "the restarted worker did not deliver", log)

        honcho.send_signal(signal.SIGTERM)  # what Ctrl-C does: everything stops, nothing is restarted
        honcho.wait(timeout=30)
        seen |= {pid for pid in _descendants(honcho.pid)}
        _wait(lambda: not [pid for pid in seen if _alive(pid)], 15, "processes outlived honcho", log)
        assert "Neustart" in log.read_text()
    finally:
        for pid in seen | set(_descendants(honcho.pid)):
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if honcho.poll() is None:
            honcho.kill()
            honcho.wait(timeout=10)
