"""Retention periods (Art. 5(1)(e)): registrations and attendance of events that ended longer ago
than REGISTRATION_RETENTION_MONTHS lose their person (the rows stay, so every count stays); mail
bodies in the outbox older than OUTBOX_BODY_RETENTION_DAYS are emptied (subject, date and status
stay). Bulk statements, so a second run finds nothing left and changes nothing."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

import sqlalchemy as sa

from tenants import db

from ..events.models import Attendance, Certificate, CertificateVersion, EventSession, Registration
from ..mail.models import OutboxAttachment, OutboxMessage, OutboxStatus
from ..timeutil import now

# Only mails that are done: a mail still waiting for its attempt keeps what it is to say.
_DONE = (OutboxStatus.sent, OutboxStatus.stored, OutboxStatus.failed)


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the month's last day if shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def expired_registrations(cutoff: datetime) -> sa.Select:
    """Ids of registrations still naming someone, of events whose last session ended before `cutoff`."""
    ended = (sa.select(EventSession.event_id).group_by(EventSession.event_id)
             .having(sa.func.max(EventSession.ends_at) < cutoff))
    return sa.select(Registration.id).where(
        Registration.event_id.in_(ended),
        sa.or_(Registration.user_id.is_not(None), Registration.registered_by_id.is_not(None)))


# Rows changed per statement: a first run after years may find tens of thousands, more than one
# statement may bind (SQLite allows 32,766 parameters).
CHUNK = 500


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[start:start + CHUNK] for start in range(0, len(ids), CHUNK)]


def _forget_registrations(ids: list[int], counts: dict[str, int]) -> None:
    for chunk in _chunks(ids):
        counts["attendance"] += db.session.scalar(
            sa.select(sa.func.count()).select_from(Attendance).where(Attendance.registration_id.in_(chunk)))
        # a certificate is a PDF with the person's name: it goes with the link to the person
        counts["certificates"] += db.session.execute(
            sa.delete(Certificate).where(Certificate.registration_id.in_(chunk))).rowcount
        db.session.execute(sa.delete(CertificateVersion).where(CertificateVersion.registration_id.in_(chunk)))
        db.session.execute(sa.update(Registration).where(Registration.id.in_(chunk))
                           .values(user_id=None, registered_by_id=None))


def _empty_mails(ids: list[int]) -> None:
    for chunk in _chunks(ids):
        db.session.execute(sa.delete(OutboxAttachment).where(OutboxAttachment.message_id.in_(chunk)))
        db.session.execute(sa.update(OutboxMessage).where(OutboxMessage.id.in_(chunk)).values(body="", reply_to=None))


def apply(registration_months: int, body_days: int) -> dict[str, int]:
    """Apply both periods now; returns how many rows of each kind changed."""
    moment = now()
    ids = list(db.session.scalars(expired_registrations(months_before(moment, registration_months))))
    counts = {"registrations": len(ids), "attendance": 0, "certificates": 0, "outbox_bodies": 0}
    _forget_registrations(ids, counts)
    old_mails = sa.select(OutboxMessage.id).where(
        OutboxMessage.created_at < moment - timedelta(days=body_days), OutboxMessage.status.in_(_DONE),
        sa.or_(OutboxMessage.body != "", OutboxMessage.reply_to.is_not(None),
               OutboxMessage.id.in_(sa.select(OutboxAttachment.message_id))))
    mail_ids = list(db.session.scalars(old_mails))
    _empty_mails(mail_ids)
    counts["outbox_bodies"] = len(mail_ids)
    db.session.expire_all()  # the bulk statements changed rows the session may hold
    return counts
