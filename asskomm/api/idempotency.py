"""Idempotency-Key on POST: a client that repeats a request after a lost answer gets the first answer
again instead of a second registration.

The key is claimed with the request's own transaction: a row is inserted before the work and
filled with the answer after it, so a concurrent repeat waits on the unique index and then finds
the key taken (409) rather than doing the work twice. Keys are kept for a day per token.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Request, Response
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from tenants import db, utcnow

from ..timeutil import now

KEPT_FOR = timedelta(hours=24)
MAX_KEY_LENGTH = 200


class ApiIdempotencyKey(db.Model):
    __tablename__ = "api_idempotency_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[int] = mapped_column(sa.ForeignKey("api_token.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(sa.String(MAX_KEY_LENGTH))
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    status_code: Mapped[int] = mapped_column(default=0)  # 0 while the first request is at work
    body: Mapped[str] = mapped_column(sa.Text, default="")
    location: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)

    __table_args__ = (sa.UniqueConstraint("token_id", "key"),)


def fingerprint(request: Request) -> str:
    return hashlib.sha256(b"\n".join([request.method.encode(), request.path.encode(), request.get_data()])).hexdigest()


class KeyReused(Exception):
    """The key was used for a different request (or the first one is still at work: `busy`)."""

    def __init__(self, busy: bool) -> None:
        self.busy = busy


def claim(token_id: int, key: str, print_: str) -> ApiIdempotencyKey | Response:
    """This request's claim on the key, or the stored answer of the request that used it first.
    Raises KeyReused for another request's key."""
    db.session.execute(sa.delete(ApiIdempotencyKey).where(ApiIdempotencyKey.token_id == token_id,
                                                          ApiIdempotencyKey.created_at < now() - KEPT_FOR))
    existing = _existing(token_id, key)
    if existing is None:
        row = ApiIdempotencyKey(token_id=token_id, key=key, fingerprint=print_)
        try:
            with db.session.begin_nested():
                db.session.add(row)
        except IntegrityError:  # a concurrent request claimed it first and has committed by now
            existing = _existing(token_id, key)
        else:
            return row
    if existing is None or existing.fingerprint != print_ or existing.status_code == 0:
        raise KeyReused(busy=existing is not None and existing.fingerprint == print_)
    return replay(existing)


def _existing(token_id: int, key: str) -> ApiIdempotencyKey | None:
    return db.session.scalar(sa.select(ApiIdempotencyKey).where(ApiIdempotencyKey.token_id == token_id,
                                                                ApiIdempotencyKey.key == key))


def record(row: ApiIdempotencyKey, response: Response) -> None:
    """Keep the answer of a successful first request for its repeats."""
    row.status_code = response.status_code
    row.body = response.get_data(as_text=True)
    row.location = response.headers.get("Location")
    db.session.flush()


def replay(row: ApiIdempotencyKey) -> Response:
    response = Response(row.body, status=row.status_code, mimetype="application/json")
    if row.location:
        response.headers["Location"] = row.location
    response.headers["Idempotent-Replayed"] = "true"
    return response
