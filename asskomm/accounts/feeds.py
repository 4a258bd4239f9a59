"""Personal calendar feed addresses (the events feed, a KPR's meetings feed).

Calendar programs cannot log in, so the address itself is the key: a signed token naming the
person, their `auth_version` (a new password ends every address) and the generation of that feed's
key. The owner renews an address they gave away by mistake: the generation goes up, and every
earlier address of that feed stops working (404). Tokens from before renewal existed carry no
generation and count as generation 0, so existing subscriptions keep working until renewed.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from tenants import db, utcnow

from .models import User


class FeedKey(db.Model):
    """The current generation of one person's feed; no row means generation 0."""

    __tablename__ = "feed_key"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    # "events", or "meetings:<KPR id>": one meetings feed per KPR, renewed on that KPR's page
    feed: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    generation: Mapped[int] = mapped_column(default=0)
    renewed_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


def _serializer(salt: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=salt)


def generation(user_id: int, feed: str) -> int:
    return db.session.scalar(sa.select(FeedKey.generation).filter_by(user_id=user_id, feed=feed)) or 0


def feed_token(user: User, feed: str, salt: str, **claims: int) -> str:
    """The person's current address key for `feed`; `claims` bind it further (the KPR)."""
    return _serializer(salt).dumps({**claims, "u": user.id, "v": user.auth_version, "k": generation(user.id, feed)})


def feed_owner(token: str, feed: str, salt: str, **claims: int) -> User | None:
    """The person whose address this is, while it is current: a valid signature with the expected
    claims, an active person, the same password, the feed key not renewed since."""
    try:
        data = _serializer(salt).loads(token)
    except BadData:
        return None
    if not isinstance(data, dict) or any(data.get(name) != value for name, value in claims.items()):
        return None
    user = db.session.get(User, data["u"]) if isinstance(data.get("u"), int) else None
    if user is None or not user.active or user.auth_version != data.get("v"):
        return None
    if data.get("k", 0) != generation(user.id, feed):
        return None
    return user


def renew_feed(user: User, feed: str) -> int:
    """A new address for `feed`; every earlier one stops working. Returns the new generation."""
    key = db.session.get(FeedKey, (user.id, feed))
    if key is None:
        try:  # a double click may insert the same row twice: the second then updates the first
            with db.session.begin_nested():
                db.session.add(FeedKey(user_id=user.id, feed=feed, generation=0))
        except IntegrityError:
            pass
        key = db.session.get(FeedKey, (user.id, feed), populate_existing=True)
    key.generation += 1
    key.renewed_at = utcnow()
    db.session.flush()
    return key.generation
