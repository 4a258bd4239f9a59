"""Queue mails in the outbox (flush only) and deliver them (called by the worker)."""

from __future__ import annotations

import hashlib
import hmac
import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app, render_template

from tenants import FIRST_ALLIANCE_ID, db, maybe_tenant_id
from tenants.alliances import alliance_info, owning_alliance

from ..tasking import enqueue_after_commit
from ..timeutil import as_utc, now
from . import preferences
from .models import OutboxAttachment, OutboxMessage, OutboxStatus

MAX_ATTEMPTS = 5


def queue_mail(recipient: str, template: str, dedup_key: str, *, tenant_id: int | None = None,
               attachments: list[tuple[str, str, bytes]] | None = None, reply_to: str | None = None,
               **context) -> OutboxMessage | None:
    """Store a mail rendered from `<template>.txt` (first line "Betreff: …", a blank line, the
    text); attachments are (filename, content type, bytes). It is sent after the commit. None
    when the recipient has switched this kind of mail off (asskomm.mail.preferences)."""
    kind = template.removesuffix(".txt").rsplit("/", 1)[-1]
    if preferences.opted_out(recipient, kind):
        return None
    existing = db.session.scalar(sa.select(OutboxMessage).filter_by(dedup_key=dedup_key))
    if existing is not None:
        return existing
    text = render_template(template if template.endswith(".txt") else f"mail/{template}.txt", **context)
    subject, _, body = text.partition("\n\n")
    message = OutboxMessage(
        dedup_key=dedup_key, kind=kind, recipient=recipient,
        tenant_id=tenant_id, alliance_id=owning_alliance(tenant_id), reply_to=reply_to or None,
        subject=subject.removeprefix("Betreff:").strip(), body=body.strip() + "\n",
        attachments=[OutboxAttachment(filename=name, content_type=content_type, data=data)
                     for name, content_type, data in attachments or []],
    )
    db.session.add(message)
    db.session.flush()
    enqueue_after_commit("mail.deliver", message.id)
    return message


def stale_cutoff() -> datetime:
    """A message queued or claimed before this moment has lost its task or its worker."""
    return now() - timedelta(seconds=current_app.config["SETTINGS"].mail_stale_seconds)


def _takeable(cutoff: datetime):
    """Waiting or failed, or "sending" for longer than a healthy attempt takes (its worker died)."""
    interrupted = sa.and_(OutboxMessage.status == OutboxStatus.sending,
                          sa.or_(OutboxMessage.claimed_at.is_(None), OutboxMessage.claimed_at < cutoff))
    return sa.and_(sa.or_(OutboxMessage.status.in_([OutboxStatus.queued, OutboxStatus.failed]), interrupted),
                   OutboxMessage.attempts < MAX_ATTEMPTS)


def claim(message_id: int) -> int | None:
    """Take a message for one attempt and return the attempt's number, or None when another attempt
    holds it or it is done: a redelivered task finds nothing left to do. One conditional UPDATE, so
    of two workers only one wins."""
    return db.session.scalar(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == message_id, _takeable(stale_cutoff()))
        .values(status=OutboxStatus.sending, attempts=OutboxMessage.attempts + 1, claimed_at=now())
        .returning(OutboxMessage.attempts)
    )


def message_id_header(message: OutboxMessage) -> str:
    """The Message-ID of an outbox message, the same on every attempt: delivery is at least once,
    and a receiver drops a repeated attempt by this header. Keyed with the secret so that two
    installations (or a database loaded again) never give two mails one id."""
    settings = current_app.config["SETTINGS"]
    digest = hmac.new(settings.secret_key.encode(), f"{message.id}:{message.dedup_key}".encode(),
                      hashlib.sha256).hexdigest()[:24]
    domain = parseaddr(settings.mail_from)[1].rpartition("@")[2] or "asskomm.invalid"
    return f"<outbox.{message.id}.{digest}@{domain}>"


def sender_of(message: OutboxMessage) -> str:
    """The From of a mail: its alliance's own sender where it has one (its state council writes),
    else MAIL_FROM. The relay must be allowed to send for that address's domain (README)."""
    alliance = alliance_info(message.alliance_id or FIRST_ALLIANCE_ID)
    if alliance.mail_sender:
        return formataddr((alliance.short_name, alliance.mail_sender))
    return current_app.config["SETTINGS"].mail_from


def compose(message: OutboxMessage) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender_of(message)
    mail["To"] = message.recipient
    if message.reply_to:
        mail["Reply-To"] = message.reply_to
    mail["Subject"] = message.subject
    mail["Message-ID"] = message_id_header(message)
    mail["Date"] = format_datetime(as_utc(message.created_at))  # the same on every attempt, too
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


def record_result(message_id: int, attempt: int, status: OutboxStatus, error: str | None) -> None:
    """A delivery counts whichever attempt made it (the first time stays); a failure only for the
    attempt that still holds the message, so a late failure never undoes a later success."""
    update = sa.update(OutboxMessage).where(OutboxMessage.id == message_id)
    if status in (OutboxStatus.sent, OutboxStatus.stored):
        update = update.where(OutboxMessage.status.not_in([OutboxStatus.sent, OutboxStatus.stored])).values(
            status=status, last_error=None, sent_at=now())
    else:
        update = update.where(OutboxMessage.status == OutboxStatus.sending,
                              OutboxMessage.attempts == attempt).values(status=status, last_error=error)
    db.session.execute(update)


def stale_message_ids(limit: int = 500) -> list[int]:
    """Mails to hand to the worker again: their task never ran (broker down or restarted empty),
    their attempt failed, or their worker died mid-send; all older than MAIL_STALE_SECONDS."""
    cutoff = stale_cutoff()
    rows = db.session.scalars(
        sa.select(OutboxMessage.id)
        .where(_takeable(cutoff), sa.func.coalesce(OutboxMessage.claimed_at, OutboxMessage.created_at) < cutoff)
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    return list(rows)


def give_up_interrupted() -> int:
    """A message whose every attempt was interrupted would show "Wird versendet" for ever: mark it
    failed with the reason, for the outbox page."""
    result = db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.sending, OutboxMessage.attempts >= MAX_ATTEMPTS,
               OutboxMessage.claimed_at < stale_cutoff())
        .values(status=OutboxStatus.failed,
                last_error=f"Versand {MAX_ATTEMPTS}-mal unterbrochen (Worker beendet); kein weiterer Versuch.")
    )
    return result.rowcount


def public_link(endpoint: str, *, alliance_id: int | None = None, **values) -> str:
    """An absolute link for mails and subscriptions, built without a request (the worker has none)."""
    return site_url(current_app.url_map.bind("localhost").build(endpoint, values), alliance_id)


def site_url(path: str, alliance_id: int | None = None) -> str:
    """`path` under the address of its alliance (`alliance_id`, else the current KPR's, the request's
    or the task's): the first alliance answers at BASE_URL, another at its own host name with
    BASE_URL's scheme and port, so a Mecklenburg-Vorpommern mail never links to Saxony's pages."""
    base = current_app.config["SETTINGS"].base_url
    alliance = alliance_info(alliance_id or owning_alliance(maybe_tenant_id()))
    if alliance.id != FIRST_ALLIANCE_ID and alliance.host:
        address = urlsplit(base)
        base = f"{address.scheme}://{alliance.host}" + (f":{address.port}" if address.port else "")
    return base + path
