"""One audit entry: when, who (and in which role), which KPR, which object, what changed."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tenants import FIRST_ALLIANCE_ID, db, utcnow
from tenants.scoping import alliance_scoped


class AuditAction(enum.StrEnum):
    insert = "insert"
    update = "update"
    delete = "delete"
    login = "login"
    login_failed = "login_failed"
    password_changed = "password_changed"  # noqa: S105 - an action's name, not a password
    purge = "purge"
    erased = "erased"  # a person anonymised on request (asskomm.privacy)

    @property
    def label(self) -> str:
        return {
            "insert": "angelegt",
            "update": "geändert",
            "delete": "gelöscht",
            "login": "Anmeldung",
            "login_failed": "Anmeldung fehlgeschlagen",
            "password_changed": "Passwort geändert",
            "purge": "Protokoll bereinigt",
            "erased": "gelöscht (anonymisiert)",
        }[self.value]


@alliance_scoped
class AuditEntry(db.Model):
    """Append-only: the app has no way to change or delete an entry (the listener refuses it);
    only the retention job removes old ones.

    `tenant_id` has no foreign key on purpose: an entry must outlive its KPR (the KPR's own
    deletion is an entry that names it), and the entry for deleting a KPR is written in the very
    flush that removed the row, which a foreign key would refuse. `user_id` is a foreign key with
    SET NULL: the person's name and e-mail are copied into the entry, so it stays readable.
    """

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(sa.String(160), default="")
    actor_email: Mapped[str] = mapped_column(sa.String(254), default="")
    # The acting role: a KPR role inside a KPR (coordinator, coach, ...), else a global one.
    role: Mapped[str] = mapped_column(sa.String(30), default="")
    tenant_id: Mapped[int | None]
    # Whose state council reads it: the request's alliance, in a job its KPR's (no foreign key either).
    alliance_id: Mapped[int] = mapped_column(default=FIRST_ALLIANCE_ID, server_default=sa.text("1"))
    object_type: Mapped[str] = mapped_column(sa.String(60))  # the table name
    object_id: Mapped[str] = mapped_column(sa.String(100), default="")
    object_label: Mapped[str] = mapped_column(sa.String(250), default="")
    action: Mapped[str] = mapped_column(sa.String(20))
    # {column: [old, new]}; secrets only say that they changed.
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    # Why, where the person said so on the confirmation page of an action that cannot be undone.
    reason: Mapped[str] = mapped_column(sa.String(1000), default="")

    __table_args__ = (
        sa.Index("ix_audit_entry_tenant_id_at", "tenant_id", "at"),
        sa.Index("ix_audit_entry_at", "at"),
        sa.Index("ix_audit_entry_alliance_id_at", "alliance_id", "at"),
        sa.Index("ix_audit_entry_user_id", "user_id"),
    )

    @property
    def action_label(self) -> str:
        try:
            return AuditAction(self.action).label
        except ValueError:
            return self.action
