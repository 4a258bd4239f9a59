"""Comments on items of a KPR's workspace (a meeting, a document, a founding step, an action item).

The item is named by kind and id rather than by a foreign key per kind: one table serves every
kind, and `asskomm.comments.items` loads the item within the current tenant before any use.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import TenantScoped, db

from ..accounts.models import User


class WorkspaceComment(TenantScoped, db.Model):
    __tablename__ = "workspace_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_kind: Mapped[str] = mapped_column(sa.String(30))
    item_id: Mapped[int]
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    deleted_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    author: Mapped[User | None] = relationship()

    __table_args__ = (sa.Index("ix_workspace_comment_item", "tenant_id", "item_kind", "item_id"),)
