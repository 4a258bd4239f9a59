"""Worker jobs of meetings: invitation, update and cancellation mails with an .ics attachment."""

from __future__ import annotations

import sqlalchemy as sa
from celery import shared_task

from tenants import Tenant, current_tenant_id, db

from ..mail.models import OutboxMessage
from ..mail.services import public_link, queue_mail
from . import ical, services
from .models import Invitation, MeetingStatus


def dedup_key(invitation: Invitation, sequence: int, cancelled: bool) -> str:
    kind = "cancel" if cancelled else "invite"
    return f"meeting:{invitation.meeting_id}:{invitation.person_id}:{sequence}:{kind}"


@shared_task(name="meetings.send_invitations", acks_late=True)
def send_invitations(meeting_id: int) -> int:
    """Queue one mail per invitee for the meeting's current state (invitation, update after a
    change of date or place, or cancellation). The key names meeting, person and sequence, so a
    re-run or a redelivered message mails nobody twice. Returns how many mails were queued."""
    meeting = services.meeting_with_details(meeting_id)
    if meeting is None:
        return 0
    tenant = db.session.get(Tenant, current_tenant_id())
    cancelled = meeting.status == MeetingStatus.cancelled
    if meeting.status == MeetingStatus.held:
        return 0
    keys = {invitation.id: dedup_key(invitation, meeting.sequence, cancelled) for invitation in meeting.invitations}
    done = set(db.session.scalars(sa.select(OutboxMessage.dedup_key).where(OutboxMessage.dedup_key.in_(keys.values()))))
    template = "meetings/meeting_cancellation.txt" if cancelled else "meetings/meeting_invitation.txt"
    queued = 0
    for invitation in meeting.invitations:
        if keys[invitation.id] in done:
            continue
        link = public_link("meetings_public.reply", tenant_slug=tenant.slug, token=invitation.token)
        attachment = ("sitzung.ics", f"text/calendar; method={'CANCEL' if cancelled else 'REQUEST'}",
                      ical.invitation_ics(meeting, invitation, link))
        queue_mail(invitation.person.email, template, keys[invitation.id], tenant_id=tenant.id,
                   attachments=[attachment], meeting=meeting, person=invitation.person, link=link,
                   council=tenant.council_name, agenda=ical.agenda_text(meeting), updated=meeting.sequence > 0)
        queued += 1
    return queued
