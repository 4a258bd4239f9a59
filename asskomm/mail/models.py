"""The outbox: every mail the platform sends, readable by state admins."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import db, utcnow
from tenants.models import current_or_first_alliance
from tenants.scoping import alliance_scoped


class OutboxStatus(enum.StrEnum):
    queued = "queued"
    sending = "sending"
    sent = "sent"
    stored = "stored"
    failed = "failed"

    @property
    def label(self) -> str:
        return {
            "queued": "Wartet auf Versand",
            "sending": "Wird versendet",
            "sent": "Per SMTP versendet",
            "stored": "Im Postausgang abgelegt (kein SMTP konfiguriert)",
            "failed": "Fehlgeschlagen",
        }[self.value]


@alliance_scoped
class OutboxMessage(db.Model):
    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    # One key per logical mail (e.g. "reset:42:3"): a retried request or task never mails twice.
    dedup_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(40), index=True)
    recipient: Mapped[str] = mapped_column(sa.String(254), index=True)
    # where answers go when not to the platform (a question of the practice exchange: its asker)
    reply_to: Mapped[str | None] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(250))
    body: Mapped[str] = mapped_column(sa.Text)
    tenant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tenant.id", ondelete="SET NULL"), index=True)
    # Whose state council's outbox shows it: the alliance of its KPR, or of the request that sent it.
    alliance_id: Mapped[int] = mapped_column(sa.ForeignKey("alliance.id"), index=True,
                                             default=current_or_first_alliance, server_default=sa.text("1"))
    status: Mapped[OutboxStatus] = mapped_column(
        sa.Enum(OutboxStatus, native_enum=False, length=20), default=OutboxStatus.queued, index=True
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    # When the current attempt took the message: a "sending" older than MAIL_STALE_SECONDS was
    # interrupted (worker killed mid-send) and is taken again.
    claimed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    attachments: Mapped[list[OutboxAttachment]] = relationship(
        cascade="all, delete-orphan", order_by="OutboxAttachment.id", lazy="selectin"
    )


class OutboxAttachment(db.Model):
    """A file sent with a mail, e.g. the .ics of a meeting invitation."""

    __tablename__ = "outbox_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(sa.ForeignKey("outbox_message.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(200))
    content_type: Mapped[str] = mapped_column(sa.String(120))
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)


class MailOptOut(db.Model):
    """A person does not want one category of optional mails (asskomm.mail.preferences)."""

    __tablename__ = "mail_opt_out"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    category: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
