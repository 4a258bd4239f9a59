"""Signed-in sessions and API tokens for the isolation matrix: one of each KPR's member; only that
person may end or revoke it from their account page, everyone else gets 404."""

from __future__ import annotations

from asskomm.accounts.api_tokens import create_token
from asskomm.accounts.sessions import SignedInSession

from ..helpers import user


def _session(session, slug: str) -> int:
    row = SignedInSession(user_id=user(f"mitglied.{slug}").id, key_hash=f"matrix-{slug}".ljust(64, "0"),
                          browser="Matrix-Browser")
    session.add(row)
    session.flush()
    return row.id


def _token(session, slug: str) -> int:
    token, _raw = create_token(user(f"mitglied.{slug}"), "read", f"Matrix {slug}")
    return token.id


OBJECTS = {"session_id": _session, "token_id": _token}
