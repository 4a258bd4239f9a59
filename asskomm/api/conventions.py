"""What every resource of the API does alike: JSON answers, pages with `Link` headers, and
POSTs that a repeated `Idempotency-Key` does not run twice."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps

import sqlalchemy as sa
from flask import Response, g, request, url_for
from pydantic import BaseModel
from sqlalchemy.orm import Mapped, mapped_column

from tenants import db, utcnow

from ..audit.listener import give_reason
from ..problems import problem
from ..timeutil import now
from .schemas import PageQuery

JSON = "application/json"
KEPT_FOR = timedelta(hours=24)  # a client retries within minutes; a day is generous


def answer(model: BaseModel, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(model.model_dump_json(), status=status, mimetype=JSON, headers=headers)


# --- pages ----------------------------------------------------------------------------------------


def paginate(query: sa.Select, paging: PageQuery) -> tuple[list, int]:
    """One page of the query's rows and the count of all, in two statements. A page beyond the
    last is empty (its Link header still names the first and the last)."""
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = db.session.scalars(query.limit(paging.per_page).offset((paging.page - 1) * paging.per_page)).unique()
    return list(rows), total


def links(total: int, paging: PageQuery) -> dict[str, str]:
    """The `Link` header (RFC 8288) to the first, previous, next and last page, and the total."""
    last = max(1, -(-total // paging.per_page))
    args = request.args.to_dict()

    def to(page: int) -> str:
        return url_for(request.endpoint, **(request.view_args or {}), **{**args, "page": page}, _external=True)

    parts = [f'<{to(1)}>; rel="first"']
    if 1 < paging.page <= last + 1:
        parts.append(f'<{to(paging.page - 1)}>; rel="prev"')
    if paging.page < last:
        parts.append(f'<{to(paging.page + 1)}>; rel="next"')
    parts.append(f'<{to(last)}>; rel="last"')
    return {"Link": ", ".join(parts), "X-Total-Count": str(total)}


def listing(model: type[BaseModel], items: list, total: int, paging: PageQuery) -> Response:
    return answer(model(items=items, total=total, page=paging.page, per_page=paging.per_page),
                  headers=links(total, paging))


# --- idempotent POSTs -----------------------------------------------------------------------------


class IdempotencyKey(db.Model):
    """The answer to a POST sent with an Idempotency-Key, so that a retry gets it again instead of
    running twice. Kept for a day; per person, so keys of different clients never meet."""

    __tablename__ = "api_idempotency_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(sa.String(200))
    fingerprint: Mapped[str] = mapped_column(sa.String(64))  # method, path and body of the first request
    status_code: Mapped[int]
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    __table_args__ = (sa.UniqueConstraint("user_id", "key"), sa.Index("ix_api_idempotency_key_created",
                                                                      "user_id", "created_at"))


def _fingerprint() -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}?{request.query_string.decode()}\n".encode())
    digest.update(request.get_data())
    return digest.hexdigest()


def _note_api_in_audit_trail() -> None:
    give_reason(f"über die API (Token „{g.api_token.name}“)")


def writes(view: Callable[..., Response]) -> Callable[..., Response]:
    """A view that changes something. The audit trail names the API and the token as the reason.
    A POST with an `Idempotency-Key` runs once: a repetition gets the first answer again (with
    `Idempotent-Replayed: true`); the same key with a different request is refused. A refused
    request (4xx) is not kept, so it can be corrected and sent again with its key."""

    @wraps(view)
    def wrapped(**kwargs) -> Response:
        from flask_login import current_user

        key = request.headers.get("Idempotency-Key", "")
        if not key:
            _note_api_in_audit_trail()
            return view(**kwargs)
        fingerprint = _fingerprint()
        kept = db.session.scalar(sa.select(IdempotencyKey).filter_by(user_id=current_user.id, key=key))
        if kept is not None:
            if kept.fingerprint != fingerprint:
                return problem(422, "Dieser Idempotency-Key wurde schon für eine andere Anfrage verwendet.")
            return Response(kept.body, status=kept.status_code, mimetype=JSON, headers={"Idempotent-Replayed": "true"})
        kept = _reserve(current_user.id, key, fingerprint)
        if kept is None:
            return problem(409, "Eine Anfrage mit diesem Idempotency-Key wird gerade ausgeführt. Bitte senden "
                                "Sie sie in einigen Sekunden erneut.")
        _note_api_in_audit_trail()  # after the savepoint above, which would forget it
        response = view(**kwargs)
        if response.status_code < 300:
            kept.status_code, kept.body = response.status_code, response.get_data(as_text=True)
        else:
            db.session.delete(kept)
        db.session.flush()
        return response

    return wrapped


def _reserve(user_id: int, key: str, fingerprint: str) -> IdempotencyKey | None:
    """The key's row, written before the view runs: a parallel request with the same key waits for
    this transaction at the unique index and is then refused (None), instead of running twice."""
    db.session.execute(sa.delete(IdempotencyKey).where(IdempotencyKey.user_id == user_id,
                                                       IdempotencyKey.created_at < now() - KEPT_FOR))
    row = IdempotencyKey(user_id=user_id, key=key, fingerprint=fingerprint, status_code=0, body="")
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except sa.exc.IntegrityError:
        return None
    return row


def validated():
    """What SpecTree validated of this request: `.query`, `.json`, `.headers` (pydantic models)."""
    return request.context
