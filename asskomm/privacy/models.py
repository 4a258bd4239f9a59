"""An export of a person's own data: requested on /konto/daten, built by the worker, kept as bytes
until it expires (DATA_EXPORT_DAYS), then removed by the beat job privacy.purge_exports."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tenants import db, utcnow


class DataExport(db.Model):
    """Not a KPR's row (a person's across all KPRs) and not audited: the token is the download's
    secret, and the archive is a copy of what the audit trail already holds."""

    __tablename__ = "data_export"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    requested_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    ready_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), index=True)
    archive: Mapped[bytes | None] = mapped_column(sa.LargeBinary)

    @property
    def ready(self) -> bool:
        return self.ready_at is not None
