"""`flask --app asskomm search reindex`: every entry read again from its rows (after bulk writes
that passed the ORM, or a new kind of entry)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from tenants import db

from .indexing import reindex

search_cli = AppGroup("search", help="Suchindex.")


@search_cli.command("reindex")
def reindex_command() -> None:
    written = reindex()
    db.session.commit()
    click.echo("Suchindex neu geschrieben: " + ", ".join(f"{kind} {n}" for kind, n in written.items()) + ".")
