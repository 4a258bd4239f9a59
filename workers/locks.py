"""A lock per periodic job so two runs never overlap: in Redis when configured, else a file lock."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import redis
from flask import current_app


@contextmanager
def job_lock(name: str, ttl: int = 1800) -> Iterator[bool]:
    settings = current_app.config["SETTINGS"]
    if settings.redis_url:
        client = redis.Redis.from_url(settings.redis_url)
        lock = client.lock(f"asskomm:lock:{name}", timeout=ttl, blocking=False)
        acquired = lock.acquire()
        try:
            yield acquired
        finally:
            if acquired:
                with suppress(redis.exceptions.LockError):  # expired meanwhile: nothing to release
                    lock.release()
        return
    folder = Path(settings.instance_path) / "locks"
    folder.mkdir(exist_ok=True)
    with open(folder / f"{name}.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
