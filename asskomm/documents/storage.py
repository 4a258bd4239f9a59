"""Uploaded files on disk: outside the web root, under generated names, tied to the transaction.

A file is written under `upload_folder/<tenant id>/<uuid4 hex>` (first to a temporary name, then
renamed, so a half-written file never carries a real name). The session remembers what it wrote
and what it was asked to remove: when the transaction commits, removals happen; when it ends any
other way (rollback, error, closed without commit), the files written in it are deleted again and
the removals are forgotten. A row and its file thus live and die together.
"""

from __future__ import annotations

import logging
import os
import re
import uuid
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from tenants import db

log = logging.getLogger(__name__)

STORAGE_NAME = re.compile(r"^[0-9a-f]{32}$")
_WRITTEN = "documents.written"
_REMOVE = "documents.remove"


def upload_root() -> Path:
    return Path(current_app.config["SETTINGS"].upload_folder)


def file_path(tenant_id: int, storage_name: str) -> Path:
    """Where a stored file lives; only generated names are accepted, never a person's input."""
    if not STORAGE_NAME.fullmatch(storage_name or ""):
        raise ValueError(f"not a generated storage name: {storage_name!r}")
    return upload_root() / str(int(tenant_id)) / storage_name


def store(tenant_id: int, data: bytes) -> str:
    """Write `data` under a new generated name and return the name. Deleted again unless the
    current transaction commits."""
    name = uuid.uuid4().hex
    target = file_path(tenant_id, name)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    temporary = target.with_name(f".{name}.part")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    db.session.info.setdefault(_WRITTEN, []).append(target)
    return name


def remove_after_commit(tenant_id: int, storage_name: str) -> None:
    """Delete the file once the current transaction has committed (kept if it rolls back)."""
    db.session.info.setdefault(_REMOVE, []).append(file_path(tenant_id, storage_name))


def _unlink(paths: list[Path]) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            log.exception("could not delete stored file %s", path)


@sa.event.listens_for(db.session, "after_commit")
def _after_commit(session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint was released; the outer transaction may still roll back
    session.info.pop(_WRITTEN, None)  # committed: the files belong to their rows now
    _unlink(session.info.pop(_REMOVE, []))


@sa.event.listens_for(db.session, "after_transaction_end")
def _after_transaction_end(session, transaction) -> None:
    if transaction.parent is not None:
        return  # a savepoint inside the request's transaction; the outer one decides
    _unlink(session.info.pop(_WRITTEN, []))
    session.info.pop(_REMOVE, None)
