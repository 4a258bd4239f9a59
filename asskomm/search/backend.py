"""The full-text search of each database, behind one interface: PostgreSQL's text search with
its "german" configuration (a generated tsvector column with a GIN index), SQLite's FTS5 over
the words stemmed in Python with the same Snowball algorithm. Both take what a person types
without any query syntax of their own, so no input is an error."""

from __future__ import annotations

import sqlalchemy as sa

from tenants import db

from .models import FTS_TABLE, PG_VECTOR, SearchEntry
from .text import stem_text, stems

_FTS = sa.table(FTS_TABLE, sa.column("rowid"), sa.column("rank"), sa.column("title"), sa.column("body"))


def _postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def matching(query: str) -> tuple[list, sa.ColumnElement, list] | None:
    """(joins, condition, ordering) for the entries that fit `query`, best first; None when the
    query has no word to look for."""
    if not stems(query):
        return None
    if _postgres():
        vector = sa.literal_column(f"{SearchEntry.__tablename__}.{PG_VECTOR}")
        wanted = sa.func.websearch_to_tsquery("german", query)
        return [], vector.op("@@")(wanted), [sa.func.ts_rank(vector, wanted).desc()]
    # every word, as a prefix of its stem ("graffit" finds "Graffitis"); quoted, so no FTS syntax
    expression = " ".join(f'"{stem}"*' for stem in stems(query))
    condition = sa.literal_column(FTS_TABLE).op("MATCH")(expression)
    return [(_FTS, _FTS.c.rowid == SearchEntry.id)], condition, [_FTS.c.rank]


def write(entries: list[SearchEntry], gone_ids: list[int]) -> None:
    """After the entries' flush: on SQLite the FTS rows of written and removed entries follow
    (PostgreSQL computes its column itself)."""
    if _postgres() or not (entries or gone_ids):
        return
    ids = [entry.id for entry in entries] + list(gone_ids)
    db.session.execute(sa.delete(_FTS).where(_FTS.c.rowid.in_(ids)))
    if entries:
        db.session.execute(sa.insert(_FTS), [
            {"rowid": e.id, "title": stem_text(e.title), "body": stem_text(f"{e.text}\n{e.file_text}")}
            for e in entries])
