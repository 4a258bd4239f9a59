"""Rows planned in Python and written in bulk: one executemany per table and batch.

A row may name its parent row (another `Row`) in a foreign-key column; the parent's table is
written first and its ids (read back with RETURNING, in parameter order) replace the reference.
Core statements on the session's connection: no ORM objects, no flush listeners (so no audit
entries, no records_changed marks, no search-index hooks), the tenant machinery not involved.
"""

from __future__ import annotations

import operator
from collections import Counter, defaultdict

import sqlalchemy as sa

from tenants import db


def allocate_ids(conn, table: sa.Table, count: int) -> list[int]:
    """`count` new ids of `table`, taken before the insert: the rows then go in without RETURNING
    (which psycopg would parse as one huge statement per batch). PostgreSQL draws them from the
    column's sequence; SQLite, whose writer holds the database lock, counts on from the highest."""
    if conn.dialect.name == "postgresql":
        return list(conn.execute(sa.text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                                         "FROM generate_series(1, :count)"), {"table": table.name, "count": count})
                    .scalars())
    highest = conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar_one()
    return list(range(highest + 1, highest + 1 + count))


def insert_rows(conn, table: sa.Table, params: list[dict]) -> None:
    """Rows with the same keys into `table`. On PostgreSQL by COPY on the session's own connection
    (same transaction): an executemany costs a protocol round per row, and 11,000 KPRs are over a
    million rows. Python-side defaults of missing columns are filled in here, as Core would do.
    Elsewhere (SQLite, in-process) a plain executemany."""
    if conn.dialect.name != "postgresql":
        conn.execute(sa.insert(table), params)
        return
    names = list(params[0])
    filled = {}
    for column in table.columns:
        if column.name not in names and column.default is not None:
            default = column.default
            filled[column.name] = default.arg(None) if default.is_callable else default.arg
    quote = conn.dialect.identifier_preparer.quote
    columns = ", ".join(quote(name) for name in [*names, *filled])
    tail = tuple(filled.values())
    pick = operator.itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    with conn.connection.dbapi_connection.cursor() as cursor, \
            cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
        for row in params:
            copy.write_row((*pick(row), *tail))


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
                if table.name in self.with_ids:
                    for row, new_id in zip(group, allocate_ids(conn, table, len(group)), strict=True):
                        row.id = new_id
                    if table.name in self.tracked:
                        self.written[table.name].extend(row.id for row in group)
                params = [{key: (value.id if isinstance(value, Row) else value) for key, value in row.items()}
                          for row in group]
                if table.name in self.with_ids:
                    for param, row in zip(params, group, strict=True):
                        param["id"] = row.id
                insert_rows(conn, table, params)
            counts[table.name] += len(rows)
        self.planned.clear()
