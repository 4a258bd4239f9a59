"""The search index: one entry per findable object, rewritten in the transaction that changes it.

Not a domain row (no audit entries, no records_changed) and not scoped by the tenant machinery:
every read of it goes through `scope.visible`, which decides per entry from the policy's rules."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tenants import db
from tenants.scoping import utcnow

# The full-text structures beside the table, made by the migration and not mapped here: on
# PostgreSQL the generated tsvector column and its GIN index, on SQLite the FTS5 table.
PG_VECTOR = "document"
PG_VECTOR_INDEX = "ix_search_entry_document"
FTS_TABLE = "search_fts"


class SearchEntry(db.Model):
    __tablename__ = "search_entry"
    __table_args__ = (sa.UniqueConstraint("kind", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20), index=True)
    object_id: Mapped[int]
    target_id: Mapped[int]  # the id its page is found by (the meeting of minutes; else object_id)
    # the KPR the object belongs to; none for the alliance's events
    tenant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tenant.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    text: Mapped[str] = mapped_column(sa.Text, default="")
    # who may open it: holders of `rule` or `rule_alt` (tenant actions of the policy) in the KPR,
    # every signed-in person while the KPR is not archived, the alliance's people (a shared practice)
    rule: Mapped[str | None] = mapped_column(sa.String(40))
    rule_alt: Mapped[str | None] = mapped_column(sa.String(40))
    open_to_all: Mapped[bool] = mapped_column(default=False)
    for_alliance: Mapped[bool] = mapped_column(default=False)
    # the text of an uploaded file, filled in by a task once the file is read
    file_text: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)


def outside_the_models(name: str | None, type_: str, parent_names: dict) -> bool:
    """The full-text structures, which the models do not describe: FTS5's table and its shadow
    tables, the tsvector column and its index. Alembic's comparison leaves them out (include_name)."""
    if type_ == "table":
        return bool(name) and (name == FTS_TABLE or name.startswith(f"{FTS_TABLE}_"))
    return parent_names.get("table_name") == SearchEntry.__tablename__ and name in (PG_VECTOR, PG_VECTOR_INDEX)


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    return not outside_the_models(name, type_, parent_names)
