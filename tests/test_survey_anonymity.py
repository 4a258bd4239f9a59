"""Anonymity by design, checked against the database itself: the response and answer tables have no
column that could link them to a code, an account, an address or a moment finer than the day; a
submission with a code leaves neither the code, nor the address, nor the browser anywhere else — not
in an audit entry, a log line, the report cache or the rate limiter's store."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing

import sqlalchemy as sa
from gunicorn.glogging import Logger as GunicornLogger

from asskomm.audit.models import AuditEntry
from asskomm.extensions import SQLiteFileStorage, limiter
from asskomm.prevention.survey.collection.accesslog import Logger
from asskomm.reports.models import StaleFigures
from tenants import db

from .fixtures.clients import make_client
from .fixtures.services import ROOT
from .survey_collection_data import csrf, make, session_of, stored

RESPONSE_COLUMNS = {"id", "tenant_id", "survey_id", "submitted_on", "channel"}
ANSWER_COLUMNS = {"id", "tenant_id", "response_id", "question_id", "option_id", "text"}
ALLOWED_TARGETS = {"survey", "survey_response", "survey_question", "survey_option", "tenant"}
# Words in a column name that would point to a person, a code, an address or a moment.
SUSPICIOUS = ("code", "user", "account", "person", "address", "ip", "agent", "email", "mail", "name", "session",
              "token", "time", "_at", "created", "updated", "hash")
CODE, ADDRESS, BROWSER = "K7QXM3TP", "203.0.113.77", "Testbrowser/7.7 (Anonymitätsprüfung)"


def _inspect(app):
    with app.app_context():
        inspector = sa.inspect(db.engines[None])
        return {table: (inspector.get_columns(table), inspector.get_foreign_keys(table))
                for table in ("survey_response", "survey_answer", "survey_code")}


def test_the_answer_tables_have_no_column_that_could_link_a_response_to_anyone(fresh):
    tables = _inspect(fresh)
    for table, expected in (("survey_response", RESPONSE_COLUMNS), ("survey_answer", ANSWER_COLUMNS)):
        columns, foreign_keys = tables[table]
        assert {column["name"] for column in columns} == expected, table
        for column in columns:
            assert not isinstance(column["type"], sa.DateTime | sa.Time | sa.Interval), (table, column)
            if column["name"] not in {"id", "tenant_id", "survey_id", "response_id", "question_id", "option_id",
                                      "text", "channel", "submitted_on"}:
                assert not any(word in column["name"] for word in SUSPICIOUS), (table, column)
        assert {fk["referred_table"] for fk in foreign_keys} <= ALLOWED_TARGETS, (table, foreign_keys)
        assert all(fk["referred_columns"] == ["id"] for fk in foreign_keys)
    submitted_on = next(c for c in tables["survey_response"][0] if c["name"] == "submitted_on")
    assert isinstance(submitted_on["type"], sa.Date) and not isinstance(submitted_on["type"], sa.DateTime)
    # A code row is an unused code, and nothing refers to it.
    code_columns, code_keys = tables["survey_code"]
    assert {column["name"] for column in code_columns} == {"id", "tenant_id", "survey_id", "code"}
    assert {fk["referred_table"] for fk in code_keys} == {"survey", "tenant"}
    assert all(fk["referred_table"] != "survey_code" for _, keys in tables.values() for fk in keys)


def _texts_holding(app, needle: str, skip: set[str]) -> list[str]:
    """Every table.column (text columns of every table) whose value contains `needle`."""
    found = []
    with app.app_context():
        for table in db.metadata.sorted_tables:
            if table.name in skip:
                continue
            for column in table.columns:
                if isinstance(column.type, sa.String | sa.Text | sa.JSON):
                    hit = db.session.execute(sa.select(sa.func.count()).select_from(table).where(
                        sa.cast(column, sa.Text).contains(needle))).scalar()
                    if hit:
                        found.append(f"{table.name}.{column.name}")
        db.session.remove()
    return found


def _limiter_keys() -> list[str]:
    """The keys in the rate limiter's store: the embedded SQLite file, or Redis."""
    storage = limiter._storage
    if isinstance(storage, SQLiteFileStorage):
        with closing(sqlite3.connect(storage.path)) as conn:
            return [row[0] for row in conn.execute("SELECT key FROM hits")]
    return [key.decode() for key in storage.storage.keys("*")]


def test_a_submission_leaves_no_code_address_browser_or_moment_behind(fresh, caplog):
    made = make(fresh, open_link=False, codes=(CODE,))
    with session_of(fresh) as session:
        session.execute(sa.delete(StaleFigures))
        session.commit()
        entries_before = session.scalar(sa.select(sa.func.count(AuditEntry.id)))
    caplog.set_level(logging.DEBUG)
    client = make_client(fresh)
    environ = {"REMOTE_ADDR": ADDRESS, "HTTP_USER_AGENT": BROWSER}
    token = csrf(client, made.url())
    assert client.post(made.url("/code"), data={"code": "k7qx-m3tp", "csrf_token": token},
                       environ_base=environ).status_code == 302
    response = client.post(made.url("/fragebogen"), data={**made.answer(text="am Bahnhof"), "csrf_token": token},
                           environ_base=environ)
    assert response.status_code == 302 and response.headers["Location"].endswith("/danke")
    assert stored(fresh, made)["codes"] == [] and len(stored(fresh, made)["responses"]) == 1

    with session_of(fresh) as session:
        assert session.scalar(sa.select(sa.func.count(AuditEntry.id))) == entries_before
        assert session.scalars(sa.select(StaleFigures)).all() == []  # no "changed since" moment kept
    assert _texts_holding(fresh, CODE, skip={"survey_code"}) == []
    assert _texts_holding(fresh, ADDRESS, skip=set()) == []
    assert _texts_holding(fresh, "Testbrowser", skip=set()) == []
    for needle in (CODE, "K7QX-M3TP", "k7qx-m3tp", ADDRESS, "Testbrowser"):
        assert needle not in caplog.text
        assert all(needle not in str(record.args) for record in caplog.records)
    keys = _limiter_keys()
    assert any("survey|" in key for key in keys) and all(ADDRESS not in key for key in keys), keys


def test_the_access_log_leaves_out_the_respondents_pages(monkeypatch):
    logged = []
    monkeypatch.setattr(GunicornLogger, "access", lambda self, resp, req, environ, took: logged.append(
        environ["PATH_INFO"]))
    logger = Logger.__new__(Logger)
    for path in ("/k/zwickau/befragung/abc/fragebogen", "/k/zwickau/befragung/abc/code", "/k/zwickau/mitglieder"):
        logger.access(None, None, {"PATH_INFO": path, "REMOTE_ADDR": ADDRESS}, None)
    assert logged == ["/k/zwickau/mitglieder"]
    assert "--logger-class asskomm.prevention.survey.collection.accesslog.Logger" in (ROOT / "Procfile").read_text()


def test_no_system_column_pairs_a_response_with_the_code_it_came_with(fresh):
    """PostgreSQL keeps in every row the id of the transaction that last wrote it (xmin). A code row
    marked "used" would carry its response's transaction id; a used code is deleted instead, so no
    row left shares that id. On SQLite (no such column) the used code is gone all the same."""
    other = "ABCD2345"
    made = make(fresh, open_link=False, codes=(CODE, other))
    client = make_client(fresh)
    token = csrf(client, made.url())
    assert client.post(made.url("/code"), data={"code": CODE, "csrf_token": token}).status_code == 302
    assert client.post(made.url("/fragebogen"), data={**made.answer(), "csrf_token": token}).status_code == 302
    assert stored(fresh, made)["codes"] == [other]
    with session_of(fresh) as session:
        if session.get_bind().dialect.name != "postgresql":
            return
        def writers(table: str) -> set[str]:
            return set(session.scalars(sa.text(f"SELECT xmin::text FROM {table} WHERE survey_id = :id"),  # noqa: S608
                                       {"id": made.id}))

        assert len(writers("survey_response")) == 1 and len(writers("survey_code")) == 1
        assert not writers("survey_code") & writers("survey_response")
