"""Signed-in sessions for the isolation matrix: one of each KPR's member; only that person may end
it from their account page, everyone else gets 404."""

from __future__ import annotations

from asskomm.accounts.sessions import SignedInSession

from ..helpers import user


def _session(session, slug: str) -> int:
    row = SignedInSession(user_id=user(f"mitglied.{slug}").id, key_hash=f"matrix-{slug}".ljust(64, "0"),
                          browser="Matrix-Browser")
    session.add(row)
    session.flush()
    return row.id


OBJECTS = {"session_id": _session}
