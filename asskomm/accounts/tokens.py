"""Expiring, single-use links for password reset and invitations.

A token names the user and their `auth_version`; setting a password bumps the version, so a
used (or any older) link stops working.
"""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from tenants import db

from .models import User

PURPOSES = {"reset": "password_reset_max_age", "invite": "invitation_max_age"}


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"asskomm-{purpose}")


def make_token(user: User, purpose: str) -> str:
    return _serializer(purpose).dumps({"u": user.id, "v": user.auth_version})


def user_for_token(token: str, purpose: str) -> User | None:
    max_age = getattr(current_app.config["SETTINGS"], PURPOSES[purpose])
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except (SignatureExpired, BadSignature):
        return None
    user = db.session.get(User, data.get("u"))
    if user is None or not user.active or user.auth_version != data.get("v"):
        return None
    return user
