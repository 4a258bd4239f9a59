"""Queue mails in the outbox (flush only) and deliver them (called by the worker)."""

from __future__ import annotations

import smtplib
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

import sqlalchemy as sa
from flask import current_app, render_template

from tenants import db

from ..tasking import enqueue_after_commit
from ..timeutil import now
from .models import OutboxAttachment, OutboxMessage, OutboxStatus

MAX_ATTEMPTS = 5


def queue_mail(recipient: str, template: str, dedup_key: str, *, tenant_id: int | None = None,
               attachments: list[tuple[str, str, bytes]] | None = None, **context) -> OutboxMessage:
    """Store a mail rendered from `<template>.txt` (first line "Betreff: …", a blank line, the
    text); attachments are (filename, content type, bytes). It is sent after the commit."""
    existing = db.session.scalar(sa.select(OutboxMessage).filter_by(dedup_key=dedup_key))
    if existing is not None:
        return existing
    text = render_template(template if template.endswith(".txt") else f"mail/{template}.txt", **context)
    subject, _, body = text.partition("\n\n")
    message = OutboxMessage(
        dedup_key=dedup_key, kind=template.removesuffix(".txt").rsplit("/", 1)[-1], recipient=recipient,
        tenant_id=tenant_id,
        subject=subject.removeprefix("Betreff:").strip(), body=body.strip() + "\n",
        attachments=[OutboxAttachment(filename=name, content_type=kind, data=data)
                     for name, kind, data in attachments or []],
    )
    db.session.add(message)
    db.session.flush()
    enqueue_after_commit("mail.deliver", message.id)
    return message


def claim(message_id: int) -> bool:
    """Take a message for sending, once: a redelivered task finds nothing left to do."""
    result = db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .where(OutboxMessage.status.in_([OutboxStatus.queued, OutboxStatus.failed]))
        .where(OutboxMessage.attempts < MAX_ATTEMPTS)
        .values(status=OutboxStatus.sending, attempts=OutboxMessage.attempts + 1)
    )
    return result.rowcount == 1


def compose(message: OutboxMessage) -> EmailMessage:
    settings = current_app.config["SETTINGS"]
    mail = EmailMessage()
    mail["From"] = settings.mail_from
    mail["To"] = message.recipient
    mail["Subject"] = message.subject
    mail["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}", domain="asskomm.sachsen.de")
    mail.set_content(message.body)
    for attachment in message.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        mail.add_attachment(attachment.data, maintype=maintype, subtype=subtype.split(";")[0],
                            filename=attachment.filename)
    return mail


def send(mail: EmailMessage | None) -> tuple[OutboxStatus, str | None]:
    """Hand a composed mail to SMTP (no database work here); without SMTP it stays in the outbox."""
    settings = current_app.config["SETTINGS"]
    if mail is None or not settings.smtp_host:
        return OutboxStatus.stored, None
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=15) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password or "")
            smtp.send_message(mail)
    except (OSError, smtplib.SMTPException) as exc:
        return OutboxStatus.failed, f"{type(exc).__name__}: {exc}"
    return OutboxStatus.sent, None


def record_result(message_id: int, status: OutboxStatus, error: str | None) -> None:
    values = {"status": status, "last_error": error}
    if status in (OutboxStatus.sent, OutboxStatus.stored):
        values["sent_at"] = now()
    db.session.execute(sa.update(OutboxMessage).where(OutboxMessage.id == message_id).values(**values))


def stale_message_ids(older_than: timedelta = timedelta(minutes=2)) -> list[int]:
    """Mails whose task never ran (broker down) or failed and may be tried again."""
    cutoff = now() - older_than
    rows = db.session.scalars(
        sa.select(OutboxMessage.id)
        .where(OutboxMessage.status.in_([OutboxStatus.queued, OutboxStatus.failed]))
        .where(OutboxMessage.attempts < MAX_ATTEMPTS)
        .where(OutboxMessage.created_at < cutoff)
        .order_by(OutboxMessage.id)
        .limit(500)
    )
    return list(rows)


def public_link(endpoint: str, **values) -> str:
    """An absolute link for mails and subscriptions, built without a request (the worker has none)."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["SETTINGS"].base_url + path
