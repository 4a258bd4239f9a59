"""The sessions a person is signed in with, one row each, so that they can see and end them.

The session cookie carries a random key; the row holds only its hash, when it began and was last
seen, and which browser it is (no address: the list needs no more to be recognised). A session
whose row is gone is signed out at its next request: ending a session on another device, or a
copied cookie after logout, needs nothing but deleting its row.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import g, request, session
from flask_login import login_user, logout_user
from sqlalchemy.orm import Mapped, mapped_column
from ua_parser import parse as parse_user_agent

from tenants import db, utcnow

from ..timeutil import as_utc, now
from .models import User

SESSION_KEY = "sid"
# The row's last_seen_at is written at most this often: a read must not write on every request.
TOUCH_INTERVAL = timedelta(minutes=5)
# A session unused for this long is over; its row is removed at the person's next sign-in.
IDLE_LIMIT = timedelta(days=30)


class SignedInSession(db.Model):
    __tablename__ = "signed_in_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    browser: Mapped[str] = mapped_column(sa.String(120))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def describe_browser(user_agent: str) -> str:
    """"Firefox 128 auf Windows": enough to recognise one's own devices."""
    parsed = parse_user_agent(user_agent or "")
    agent = parsed.user_agent
    browser = f"{agent.family} {agent.major}" if agent and agent.major else (agent.family if agent else "")
    system = parsed.os.family if parsed.os else ""
    if browser and system and system != "Other":
        return f"{browser} auf {system}"[:120]
    return (browser or "Unbekannter Browser")[:120]


def sign_in(user: User) -> SignedInSession:
    """Flask-Login's sign-in plus this session's row; rows of long-unused sessions go."""
    db.session.execute(sa.delete(SignedInSession).where(SignedInSession.user_id == user.id,
                                                       SignedInSession.last_seen_at < now() - IDLE_LIMIT))
    key = secrets.token_urlsafe(32)
    row = SignedInSession(user_id=user.id, key_hash=_hash(key),
                          browser=describe_browser(request.headers.get("User-Agent", "")))
    db.session.add(row)
    db.session.flush()
    login_user(user)
    session[SESSION_KEY] = key
    return row


def load(user_id: int) -> tuple[User, SignedInSession] | None:
    """The person and this request's session row in one query, or None when the cookie's session
    has ended (its row deleted) or was idle too long."""
    key = session.get(SESSION_KEY)
    if not isinstance(key, str):
        return None
    found = db.session.execute(
        sa.select(User, SignedInSession).join(SignedInSession, SignedInSession.user_id == User.id)
        .where(User.id == user_id, SignedInSession.key_hash == _hash(key))).first()
    if found is None:
        return None
    user, row = found
    seen = as_utc(row.last_seen_at)
    if seen < now() - IDLE_LIMIT:
        return None
    if seen < now() - TOUCH_INTERVAL:
        row.last_seen_at = now()
    g.signed_in_session_id = row.id
    return user, row


def current_id() -> int | None:
    """The id of this request's session row (the loader keeps it)."""
    return g.get("signed_in_session_id")


def of_user(user: User) -> list[SignedInSession]:
    return list(db.session.scalars(sa.select(SignedInSession).where(SignedInSession.user_id == user.id)
                                   .order_by(SignedInSession.last_seen_at.desc(), SignedInSession.id.desc())))


def end(user: User, session_id: int) -> bool:
    """End one of the person's sessions; False when it is not theirs (or already over)."""
    result = db.session.execute(sa.delete(SignedInSession).where(SignedInSession.id == session_id,
                                                                SignedInSession.user_id == user.id))
    return result.rowcount == 1


def end_all(user: User, bump: bool = True) -> int:
    """End every session of the person, this one too. `bump` raises session_version as well, so
    that a session id from before the rows existed is refused too (a new password, which raises
    auth_version, needs no bump)."""
    result = db.session.execute(sa.delete(SignedInSession).where(SignedInSession.user_id == user.id))
    if bump:
        user.session_version += 1
    db.session.flush()
    return result.rowcount


def sign_out(user: User, everywhere: bool = False) -> None:
    """End this session (or, `everywhere`, all of the person's) and clear the cookie's keys."""
    if everywhere:
        end_all(user)
    else:
        end(user, current_id())
    logout_user()
    session.pop(SESSION_KEY, None)
