"""The yearly reminder of the application period for municipal prevention funding.

Every year the state council takes applications for the following year's funding from a start day
to an end day (default 31.08. to 15.10.). From FUNDING_REMINDER_DAYS before the start until the
end, a daily run mails each coordinator of a KPR that is not dormant and each active state contact
once: the outbox's dedup key (window year, person) makes a second run, a redelivered message or a
run after days of downtime send nothing twice, and outside that span nothing is sent at all.

A person gets one mail a year whatever their roles: a coordinator of two KPRs one naming both, a
state contact one listing the KPRs assigned to them (and the ones they coordinate, if any).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app

from tenants import (
    FIRST_ALLIANCE_ID,
    Alliance,
    Tenant,
    TenantStatus,
    alliance_context,
    cross_tenant,
    db,
    maybe_alliance_id,
)
from tenants.alliances import current_alliance

from ..accounts.models import (
    Assignment,
    AssignmentKind,
    GlobalRole,
    Membership,
    MembershipRole,
    User,
    UserRole,
    current_assignment_clause,
)
from ..mail.models import OutboxMessage
from ..mail.services import public_link, queue_mail


@dataclass(frozen=True)
class FundingWindow:
    """The application period of one year; the money applied for is for the next year."""

    year: int
    opens: date
    closes: date
    reminder_from: date

    @property
    def funding_year(self) -> int:
        return self.year + 1

    def reminds_on(self, day: date) -> bool:
        return self.reminder_from <= day <= self.closes


def _day_month(text: str) -> tuple[int, int]:
    day, month = text.split(".")
    return int(day), int(month)


def window_of(year: int) -> FundingWindow:
    """The current alliance's window of `year`: its own days where it set both, else the installation's."""
    settings = current_app.config["SETTINGS"]
    alliance = current_alliance()
    if alliance.funding_window_start and alliance.funding_window_end:
        (start_day, start_month), (end_day, end_month) = map(
            _day_month, (alliance.funding_window_start, alliance.funding_window_end))
    else:
        (start_day, start_month), (end_day, end_month) = settings.funding_window_start, settings.funding_window_end
    opens = date(year, start_month, start_day)
    return FundingWindow(year, opens, date(year, end_month, end_day),
                         opens - timedelta(days=settings.funding_reminder_days))


def window_to_remind(day: date) -> FundingWindow | None:
    """The window whose reminder span holds `day` (a long lead time may begin the year before)."""
    for year in (day.year, day.year + 1):
        window = window_of(year)
        if window.reminds_on(day):
            return window
    return None


def dedup_key(year: int, user_id: int) -> str:
    """Once a year per person and alliance (a person may coordinate KPRs in two states' networks)."""
    alliance_id = maybe_alliance_id()
    suffix = f":{alliance_id}" if alliance_id not in (None, FIRST_ALLIANCE_ID) else ""
    return f"funding-window:{year}:{user_id}{suffix}"


@dataclass
class Recipient:
    user: User
    coordinates: list[Tenant] = field(default_factory=list)
    contact_for: list[Tenant] | None = None  # None: not a state contact

    @property
    def template(self) -> str:
        kind = "coordinator" if self.contact_for is None else "contact"
        return f"funding/mail_window_{kind}.txt"


def recipients(day: date) -> list[Recipient]:
    """Active coordinators of KPRs that are not dormant and every active state contact, with their
    KPRs; three queries whatever the number of KPRs."""
    people: dict[int, Recipient] = {}
    awake = sa.and_(Tenant.status != TenantStatus.dormant, Tenant.archived_at.is_(None))  # archived: read-only
    with cross_tenant("funding window reminder: coordinators of every KPR"):
        coordinators = db.session.execute(
            sa.select(Membership, Tenant).join(Tenant, Tenant.id == Membership.tenant_id)
            .join(User, User.id == Membership.user_id)
            .where(Membership.role == MembershipRole.coordinator, User.active.is_(True), awake)
            .order_by(Tenant.name, Tenant.id)).all()
    for membership, tenant in coordinators:
        people.setdefault(membership.user_id, Recipient(membership.user)).coordinates.append(tenant)
    contacts = db.session.scalars(
        sa.select(User).join(UserRole).where(UserRole.role == GlobalRole.state_contact, User.active.is_(True))
        .order_by(User.id)).all()
    assigned: dict[int, list[Tenant]] = defaultdict(list)
    for assignment in db.session.scalars(
            sa.select(Assignment).join(Tenant, Tenant.id == Assignment.tenant_id)
            .where(Assignment.kind == AssignmentKind.contact, current_assignment_clause(day), awake,
                   Assignment.user_id.in_([c.id for c in contacts]))
            .order_by(Tenant.name, Tenant.id)):
        assigned[assignment.user_id].append(assignment.tenant)
    for contact in contacts:
        people.setdefault(contact.id, Recipient(contact)).contact_for = assigned[contact.id]
    return list(people.values())


def send_window_reminders(day: date) -> int:
    """Queue the reminders due on `day` that were not sent yet this year, each alliance's by its own
    window, to its own people; how many were queued."""
    queued = 0
    for alliance_id in db.session.scalars(sa.select(Alliance.id).order_by(Alliance.id)).all():
        with alliance_context(alliance_id):
            queued += _send_alliance_reminders(day)
    return queued


def _send_alliance_reminders(day: date) -> int:
    window = window_to_remind(day)
    if window is None:
        return 0
    due = recipients(day)
    keys = [dedup_key(window.year, r.user.id) for r in due]
    sent = set(db.session.scalars(sa.select(OutboxMessage.dedup_key).where(OutboxMessage.dedup_key.in_(keys))))
    queued = 0
    for recipient in due:
        key = dedup_key(window.year, recipient.user.id)
        if key in sent:
            continue
        links = {t.id: public_link("funding.index", alliance_id=t.alliance_id, tenant_slug=t.slug)
                 for t in recipient.coordinates + (recipient.contact_for or [])}
        queue_mail(recipient.user.email, recipient.template, key, user=recipient.user, window=window,
                   coordinates=recipient.coordinates, contact_for=recipient.contact_for, links=links)
        queued += 1
    return queued
