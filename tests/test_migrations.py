"""`flask db upgrade` builds the schema from an empty database, and it matches the models."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from asskomm import create_app
from asskomm.search.models import include_name
from tenants import db


def _empty_database_url(backend: str, app_environment: dict, tmp_path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite'}"
    admin_url = app_environment["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
    name = admin_url.rsplit("/", 1)[1] + "_migrations"
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def test_upgrade_from_empty_matches_the_models(backend, app_environment, other_app, tmp_path):
    url = _empty_database_url(backend, app_environment, tmp_path)
    app = other_app(DATABASE_URL=url)
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        tables = set(sa.inspect(db.engine).get_table_names())
        assert {"tenant", "user_account", "membership", "assignment", "outbox_message",
                "activity_snapshot", "alembic_version"} <= tables
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": include_name})
            diff = compare_metadata(context, db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        # Tenant-owned tables carry an indexed, NOT NULL tenant_id.
        columns = {c["name"]: c for c in sa.inspect(db.engine).get_columns("membership")}
        assert columns["tenant_id"]["nullable"] is False
        indexes = sa.inspect(db.engine).get_indexes("membership")
        assert any(ix["column_names"] == ["tenant_id"] for ix in indexes)
    downgrade = app.test_cli_runner().invoke(args=["db", "downgrade", "base"])
    assert downgrade.exit_code == 0, downgrade.output


def test_demo_load_is_idempotent_and_refused_outside_demo_mode(other_app, fresh):
    runner = fresh.test_cli_runner()
    first = runner.invoke(args=["demo", "load"])
    second = runner.invoke(args=["demo", "load"])
    assert first.exit_code == second.exit_code == 0
    assert first.output == second.output
    assert "9 KPR" in first.output
    production = other_app(DEMO_MODE="0")
    refused = production.test_cli_runner().invoke(args=["demo", "load"])
    assert refused.exit_code != 0 and "nur im Demo-Modus" in refused.output


def test_create_app_refuses_bad_settings(app_environment, tmp_path):
    import pytest

    from config import ConfigError

    with pytest.raises(ConfigError, match="SMTP_PORT"):
        create_app({**app_environment, "INSTANCE_PATH": str(tmp_path), "SMTP_PORT": "nein"})
