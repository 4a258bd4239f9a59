"""Idempotent upsert on a natural key, for PostgreSQL and SQLite alike."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from tenants import db


def upsert(table: sa.Table, rows: Sequence[dict], key: Sequence[str]) -> int:
    """Insert rows, or overwrite the other columns where the key exists: a re-run changes nothing.
    One statement compiled once and executed for all rows (SQLAlchemy batches the values)."""
    if not rows:
        return 0
    dialect = db.session.get_bind().dialect.name
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    updates = {c.name: statement.excluded[c.name] for c in table.columns if c.name not in key}
    db.session.execute(statement.on_conflict_do_update(index_elements=list(key), set_=updates), list(rows))
    return len(rows)
