"""The export of one's own data: requested, built by the worker, mailed, removed after expiry."""

from __future__ import annotations

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from tenants import db

from ..accounts.models import User
from ..errors import DomainError
from ..mail.services import public_link, queue_mail
from ..tasking import enqueue_after_commit
from ..timeutil import as_utc, now
from . import export
from .models import DataExport


def export_days() -> int:
    return current_app.config["SETTINGS"].data_export_days


def current_export(user: User) -> DataExport | None:
    """The person's newest export still valid, ready or being built."""
    return db.session.scalar(sa.select(DataExport).where(DataExport.user_id == user.id, DataExport.expires_at > now())
                             .order_by(DataExport.id.desc()).limit(1))


def request_export(user: User) -> DataExport:
    """A new export, built by the worker after the commit; one at a time while one is being built."""
    pending = current_export(user)
    if pending is not None and not pending.ready:
        raise DomainError("Ihr Datenexport wird gerade erstellt. Sie erhalten eine E-Mail, sobald er bereitsteht.")
    item = DataExport(user_id=user.id, token=secrets.token_urlsafe(32), requested_at=now(),
                      expires_at=now() + timedelta(days=export_days()))
    db.session.add(item)
    db.session.flush()
    enqueue_after_commit("privacy.build_export", item.id)
    return item


def build_export(export_id: int) -> bool:
    """Build the archive and mail its link; a redelivered task finds it built and does nothing."""
    item = db.session.get(DataExport, export_id)
    if item is None or item.ready or as_utc(item.expires_at) <= now():
        return False
    user = db.session.get(User, item.user_id)
    made_at = now()
    item.archive = export.archive(user, export.collect(user), made_at)
    item.ready_at = made_at
    db.session.flush()
    queue_mail(user.email, "privacy/mail_export_ready.txt", f"data-export:{item.id}", user=user, export=item,
               link=public_link("privacy.download", token=item.token), days=export_days())
    return True


def export_for_download(user: User, token: str) -> DataExport | None:
    """The ready, unexpired export of this person by its token; anyone else's is None."""
    return db.session.scalar(sa.select(DataExport).where(
        DataExport.token == token, DataExport.user_id == user.id, DataExport.ready_at.is_not(None),
        DataExport.expires_at > now()))


def purge_exports() -> int:
    """Remove every expired export (its archive with it). Returns how many."""
    result = db.session.execute(sa.delete(DataExport).where(DataExport.expires_at <= now()))
    return result.rowcount or 0
