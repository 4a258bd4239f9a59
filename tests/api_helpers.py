"""Tokens and calls for the API tests."""

from __future__ import annotations

from asskomm.accounts.api_tokens import create_token
from tenants import db

from .helpers import user


def token_for(app, login: str, scope: str = "read") -> str:
    """A committed-in-the-test's-transaction token of a demo login; the raw token."""
    with app.app_context():
        _row, raw = create_token(user(login), scope, f"Test {login} {scope}")
        db.session.commit()
        db.session.remove()
    return raw


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}
