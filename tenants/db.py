"""The one SQLAlchemy handle, with a naming convention for migrations and tenant scoping."""

from __future__ import annotations

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine

from .scoping import TenantSession

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(
    metadata=MetaData(naming_convention=NAMING_CONVENTION),
    session_options={"class_": TenantSession},
)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """SQLite: foreign keys on, WAL for web+worker, wait for locks instead of failing."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    # Let SQLAlchemy emit BEGIN itself so savepoints and up-front write locks work.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn) -> None:
    if conn.dialect.name == "sqlite":
        immediate = conn.get_execution_options().get(WRITE_LOCK_UP_FRONT)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


WRITE_LOCK_UP_FRONT = "asskomm_write_lock_up_front"


def begin_write(session) -> None:
    """End the current (read) transaction and start one that holds the write lock from its first
    statement. SQLite: BEGIN IMMEDIATE, so concurrent writers queue on the busy timeout instead of
    failing with "database is locked" when a read transaction tries to write. PostgreSQL: a normal
    transaction; row locks and conditional updates do the rest."""
    session.commit()
    session.connection(execution_options={WRITE_LOCK_UP_FRONT: True})
