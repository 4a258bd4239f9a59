"""Rows planned in Python and written in bulk: one executemany per table and batch.

A row may name its parent row (another `Row`) in a foreign-key column; the parent's table is
written first and its ids (read back with RETURNING, in parameter order) replace the reference.
Core statements on the session's connection: no ORM objects, no flush listeners (so no audit
entries, no records_changed marks, no search-index hooks), the tenant machinery not involved.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import sqlalchemy as sa

from tenants import db


class Row(dict):
    """A planned row; after its table is written, `id` holds its database id."""

    id: int | None = None


class Rows:
    def __init__(self, order: list[sa.Table], with_ids: set[str], tracked: set[str] = frozenset()) -> None:
        self.order, self.with_ids, self.tracked = order, with_ids, tracked
        self.planned: dict[str, list[Row]] = defaultdict(list)
        self.written: dict[str, list[int]] = defaultdict(list)  # ids of the tracked tables, until taken

    def add(self, table: sa.Table, **values) -> Row:
        row = Row(values)
        self.planned[table.name].append(row)
        return row

    def take(self, table: sa.Table) -> list[int]:
        """The ids of `table`'s rows written since the last take (a tracked table)."""
        return self.written.pop(table.name, [])

    def write(self, counts: Counter) -> None:
        """Every planned row, parents before children, then forget them (ids stay on the rows)."""
        conn = db.session.connection()
        for table in self.order:
            rows = self.planned.get(table.name)
            if not rows:
                continue
            # executemany needs the same keys in every row: group by key set, keep the order
            groups: dict[tuple, list[Row]] = defaultdict(list)
            for row in rows:
                groups[tuple(sorted(row))].append(row)
            for group in groups.values():
                params = [{key: (value.id if isinstance(value, Row) else value) for key, value in row.items()}
                          for row in group]
                if table.name in self.with_ids:
                    result = conn.execute(sa.insert(table).returning(table.c.id, sort_by_parameter_order=True),
                                          params)
                    for row, new_id in zip(group, result.scalars().all(), strict=True):
                        row.id = new_id
                    if table.name in self.tracked:
                        self.written[table.name].extend(row.id for row in group)
                else:
                    conn.execute(sa.insert(table), params)
            counts[table.name] += len(rows)
        self.planned.clear()
