"""Idempotent upsert on a natural key, for PostgreSQL and SQLite alike."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from tenants import db

# Rows per statement: both databases cap the bound parameters of one statement.
BATCH = 2000


def upsert(table: sa.Table, rows: Sequence[dict], key: Sequence[str]) -> int:
    """Insert rows, or overwrite the other columns where the key exists: a re-run changes nothing."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for start in range(0, len(rows), BATCH):
        statement = insert(table).values(list(rows[start:start + BATCH]))
        updates = {c.name: statement.excluded[c.name] for c in table.columns if c.name not in key}
        db.session.execute(statement.on_conflict_do_update(index_elements=list(key), set_=updates))
    return len(rows)
