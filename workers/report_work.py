"""The report job's working tables: temporary, per connection, created at the start of a run and
dropped at its end, so the figures are computed and compared inside the database and the job's
memory does not grow with the number of KPRs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from tenants import db

work = sa.MetaData()


def _temporary(name: str, *columns: sa.Column) -> sa.Table:
    return sa.Table(name, work, *columns, prefixes=["TEMPORARY"])


# Figures per KPR as the sources give them (one KPR-year-metric-category may come from several rows).
KPR = _temporary("report_work_kpr", sa.Column("tenant_id", sa.Integer), sa.Column("year", sa.Integer),
                 sa.Column("metric", sa.String(40)), sa.Column("category", sa.String(160)),
                 sa.Column("value", sa.Numeric(14, 2)))
# The rows as report_figure should hold them (for the scopes this run writes).
ROWS = _temporary("report_work_rows", sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
                  sa.Column("scope", sa.String(10), primary_key=True),
                  sa.Column("scope_key", sa.String(120), primary_key=True),
                  sa.Column("metric", sa.String(40), primary_key=True),
                  sa.Column("category", sa.String(160), primary_key=True),
                  sa.Column("value", sa.Numeric(14, 2)))
# The years a figure may fall in, with the day a year's lifecycle status is read (today for this one).
YEARS = _temporary("report_work_years", sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
                   sa.Column("cutoff", sa.Date))
# The KPRs this run computes (all, or the stale ones with the mark it consumes).
TENANTS = _temporary("report_work_tenants", sa.Column("tenant_id", sa.Integer, primary_key=True, autoincrement=False),
                     sa.Column("since", sa.DateTime(timezone=True)))
# The districts and federal states whose totals this run writes.
PLACES = _temporary("report_work_places", sa.Column("scope", sa.String(10), primary_key=True),
                    sa.Column("scope_key", sa.String(120), primary_key=True))
# Figures only Python can derive (the cycle's stage, a goal's status), for the KPRs of the run.
STAGES = _temporary("report_work_stages", sa.Column("tenant_id", sa.Integer, primary_key=True, autoincrement=False),
                    sa.Column("stage", sa.String(20)))
GOALS = _temporary("report_work_goals", sa.Column("cycle_id", sa.Integer), sa.Column("status", sa.String(20)),
                   sa.Column("n", sa.Integer))


def _drop_all(connection: sa.Connection) -> None:
    for table in reversed(work.sorted_tables):
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table.name}")


@contextmanager
def working_tables() -> Iterator[sa.Connection]:
    """Fresh working tables on the session's connection, gone afterwards (also after a failed run
    on the same connection: they are dropped before they are made)."""
    connection = db.session.connection()
    _drop_all(connection)
    work.create_all(connection)
    try:
        yield connection
    finally:
        _drop_all(connection)


def analyze(connection: sa.Connection, *tables: sa.Table) -> None:
    """PostgreSQL keeps no statistics of temporary tables: give the planner the row counts."""
    if connection.dialect.name == "postgresql":
        for table in tables:
            connection.exec_driver_sql(f"ANALYZE {table.name}")
