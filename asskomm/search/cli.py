"""`flask --app asskomm search reindex`: every entry read again from its rows (after bulk writes
that passed the ORM, or a new kind of entry)."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from tenants import db

from .indexing import reindex
from .models import SearchEntry

search_cli = AppGroup("search", help="Suchindex.")


@search_cli.command("reindex")
def reindex_command() -> None:
    written = reindex()
    db.session.commit()
    entries = dict(db.session.execute(sa.select(SearchEntry.kind, sa.func.count()).group_by(SearchEntry.kind)).all())
    click.echo("Suchindex abgeglichen (Einträge, davon neu geschrieben): "
               + ", ".join(f"{kind} {entries.get(kind, 0)} ({n})" for kind, n in written.items()) + ".")
