"""Idempotent upsert on a natural key, and a set-based merge of a whole table, for PostgreSQL and
SQLite alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass
class Changes:
    inserted: int = 0
    updated: int = 0
    deleted: int = 0

    def __iadd__(self, other: Changes) -> Changes:
        self.inserted, self.updated, self.deleted = (self.inserted + other.inserted, self.updated + other.updated,
                                                     self.deleted + other.deleted)
        return self

    @property
    def total(self) -> int:
        return self.inserted + self.updated + self.deleted


def merge(target: sa.Table, source: sa.Table, key: Sequence[str],
          within: sa.ColumnElement[bool] | None = None) -> Changes:
    """Make `target` (where `within` holds, everywhere when None) hold exactly the rows of `source`,
    set-based: new keys inserted, rows whose other columns differ updated, equal rows left alone,
    and rows of `target` that `source` no longer has deleted by one anti-join."""
    same_key = sa.and_(*(target.c[k] == source.c[k] for k in key))
    present = sa.select(sa.literal(1)).select_from(target).where(same_key).exists()
    inserted = db.session.scalar(sa.select(sa.func.count()).select_from(source).where(~present)) or 0
    dialect = db.session.get_bind().dialect.name
    columns = [c.name for c in target.columns]
    others = [c for c in columns if c not in key]
    # Only rows that are new or differ reach the upsert: a conflicting row is locked even where
    # the update's WHERE then skips it.
    equal = sa.select(sa.literal(1)).select_from(target).where(
        same_key, *(target.c[c].is_not_distinct_from(source.c[c]) for c in others)).exists()
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(target).from_select(
        columns, sa.select(*(source.c[c] for c in columns)).where(~equal))
    statement = statement.on_conflict_do_update(
        index_elements=list(key), set_={c: statement.excluded[c] for c in others},
        where=sa.or_(*(target.c[c].is_distinct_from(statement.excluded[c]) for c in others)))
    changed = db.session.execute(statement).rowcount
    gone = ~sa.select(sa.literal(1)).select_from(source).where(same_key).exists()
    deleted = db.session.execute(
        sa.delete(target).where(gone, *([within] if within is not None else []))).rowcount
    return Changes(inserted, max(changed - inserted, 0), deleted)
