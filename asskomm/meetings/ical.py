"""Meetings as iCalendar (RFC 5545): the .ics of an invitation or cancellation, and the feed.

Times in UTC with "Z", ORGANIZER a mailto: URI with a CN (asskomm.calendars)."""

from __future__ import annotations

from collections.abc import Iterable

from icalendar import Event, vCalAddress, vText

from ..calendars import moment, new_calendar, organizer
from ..timeutil import now
from .models import Meeting, MeetingStatus, Reply

PARTSTAT = {Reply.pending: "NEEDS-ACTION", Reply.yes: "ACCEPTED", Reply.no: "DECLINED", Reply.maybe: "TENTATIVE"}


def meeting_uid(meeting: Meeting) -> str:
    """Stable for the life of the meeting, so calendars update the event instead of adding one."""
    return f"asskomm-sitzung-{meeting.id}@asskomm.sachsen.de"


def agenda_text(meeting: Meeting) -> str:
    lines = [f"{meeting.body.name}: {meeting.title}"]
    if meeting.agenda:
        lines += ["", "Tagesordnung:"]
        for number, item in enumerate(meeting.agenda, start=1):
            owner = f" ({item.owner.name})" if item.owner else ""
            lines.append(f"TOP {number}: {item.title}{owner}")
    if meeting.online_url:
        lines += ["", f"Online-Teilnahme: {meeting.online_url}"]
    return "\n".join(lines)


def _event(meeting: Meeting, extra_description: str = "") -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", moment(now()))
    event.add("dtstart", moment(meeting.starts_at))
    if meeting.ends_at:
        event.add("dtend", moment(meeting.ends_at))
    event.add("summary", f"{meeting.title} ({meeting.body.name})")
    event.add("organizer", organizer(meeting.body.name))
    location = meeting.place or meeting.online_url
    if location:
        event.add("location", location)
    if meeting.online_url:
        event.add("url", meeting.online_url)
    event.add("description", agenda_text(meeting) + (f"\n\n{extra_description}" if extra_description else ""))
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.cancelled else "CONFIRMED")
    return event


def invitation_ics(meeting: Meeting, invitation, reply_link: str) -> bytes:
    """REQUEST for an invitation or an update, CANCEL once the meeting is called off."""
    cancelled = meeting.status == MeetingStatus.cancelled
    calendar = new_calendar(method="CANCEL" if cancelled else "REQUEST")
    event = _event(meeting, "" if cancelled else f"Bitte antworten Sie über Ihren persönlichen Link: {reply_link}")
    attendee = vCalAddress(f"mailto:{invitation.person.email}")
    attendee.params["cn"] = vText(invitation.person.name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText(PARTSTAT[invitation.reply])
    attendee.params["rsvp"] = vText("FALSE")  # replies go through the personal link
    event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical()


def feed_ics(meetings: Iterable[Meeting], name: str) -> bytes:
    calendar = new_calendar(name, "PUBLISH")
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    return calendar.to_ical()
