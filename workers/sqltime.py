"""The Berlin calendar year of a stored moment, inside SQL, for PostgreSQL and SQLite alike.

PostgreSQL converts with AT TIME ZONE. SQLite has no time zones: it gets a Python function on the
connection (stored moments there are naive UTC text), registered by `ensure_functions()`.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from asskomm.timeutil import BERLIN
from tenants import db

SQLITE_NAME = "asskomm_berlin_year"


class berlin_year(FunctionElement):  # noqa: N801  (reads like the SQL function it renders)
    type = sa.Integer()
    inherit_cache = True
    name = "berlin_year"


@compiles(berlin_year, "postgresql")
def _postgresql(element, compiler, **kw) -> str:
    moment = compiler.process(element.clauses, **kw)
    return f"CAST(EXTRACT(YEAR FROM ({moment}) AT TIME ZONE 'Europe/Berlin') AS INTEGER)"


@compiles(berlin_year)
def _sqlite(element, compiler, **kw) -> str:
    return f"{SQLITE_NAME}({compiler.process(element.clauses, **kw)})"


def _year_in_berlin(value: str | None) -> int | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return moment.astimezone(BERLIN).year


def ensure_functions() -> None:
    """Register the SQLite function on the session's connection once (nothing on PostgreSQL). Once:
    SQLite refuses to replace a function while any statement of that connection is still open."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        pooled = connection.connection
        if not pooled.info.get(SQLITE_NAME):
            pooled.driver_connection.create_function(SQLITE_NAME, 1, _year_in_berlin, deterministic=True)
            pooled.info[SQLITE_NAME] = True


def year_of(column) -> sa.ColumnElement[int]:
    """The calendar year of a date column, as an integer on both backends."""
    return sa.cast(sa.extract("year", column), sa.Integer)
