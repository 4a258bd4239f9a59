"""Personal access tokens for the JSON API (/api/v1/).

A token acts for its person with exactly their rights (the policy decides, as on the pages); its
scope only narrows them: a read token cannot change anything. The raw token is shown once; the
table keeps its SHA-256 and the last four characters, so that the person can recognise it.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import db, utcnow

from ..errors import DomainError
from ..timeutil import as_utc, now
from .models import User

PREFIX = "askt_"
# last_used_at is written at most this often: a read must not write on every call.
TOUCH_INTERVAL = timedelta(minutes=5)
MAX_DAYS = 366


class TokenScope(enum.StrEnum):
    read = "read"
    write = "write"

    @property
    def label(self) -> str:
        return {"read": "nur lesen", "write": "lesen und ändern"}[self.value]


class ApiToken(db.Model):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    scope: Mapped[TokenScope] = mapped_column(sa.Enum(TokenScope, native_enum=False, length=10))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    hint: Mapped[str] = mapped_column(sa.String(4))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)

    @property
    def active(self) -> bool:
        return self.revoked_at is None and as_utc(self.expires_at) > now()

    @property
    def can_write(self) -> bool:
        return self.scope is TokenScope.write


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(user: User, scope: TokenScope | str, name: str, days: int = 90) -> tuple[ApiToken, str]:
    """A new token for the person; returns the row and the raw token, which is never stored."""
    name = (name or "").strip()
    if not name:
        raise DomainError("Bitte geben Sie dem Token einen Namen, an dem Sie es wiedererkennen.")
    if len(name) > 80:
        raise DomainError("Der Name darf höchstens 80 Zeichen lang sein.")
    if not 1 <= days <= MAX_DAYS:
        raise DomainError(f"Ein Token gilt mindestens einen und höchstens {MAX_DAYS} Tage.")
    try:
        scope = TokenScope(scope)
    except ValueError:
        raise DomainError("Der Umfang muss »read« (nur lesen) oder »write« (lesen und ändern) sein.") from None
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, scope=scope, token_hash=_hash(raw), hint=raw[-4:],
                     expires_at=now() + timedelta(days=days))
    db.session.add(token)
    db.session.flush()
    return token, raw


def authenticate(raw: str) -> ApiToken | None:
    """The active token of an active person for a raw token, or None. Notes its use."""
    if not raw.startswith(PREFIX):
        return None
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == _hash(raw)))
    if token is None or not token.active or not token.user.active:
        return None
    moment = now()
    if token.last_used_at is None or moment - as_utc(token.last_used_at) >= TOUCH_INTERVAL:
        token.last_used_at = moment
    return token


def tokens_of(user: User) -> list[ApiToken]:
    """The person's tokens, newest first, revoked and expired ones included (the list says so)."""
    return list(db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ))


def token_of(user: User, token_id: int) -> ApiToken | None:
    token = db.session.get(ApiToken, token_id)
    return token if token is not None and token.user_id == user.id else None


def revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = now()
        db.session.flush()
