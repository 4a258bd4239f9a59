"""Calendar files: one event's sessions, or a person's registrations as a subscribable feed.

Times in UTC with "Z" and ORGANIZER as a mailto: URI (asskomm.calendars): a 09:00 session reads
09:00 Berlin time in every calendar program, in winter and in summer."""

from __future__ import annotations

from collections.abc import Iterable

from icalendar import Event as CalendarEvent

from ...accounts.feeds import feed_owner as _feed_owner
from ...accounts.feeds import feed_token as _feed_token
from ...accounts.feeds import renew_feed
from ...accounts.models import User
from ...calendars import moment, new_calendar, organizer
from ...timeutil import now
from ..day.services import organiser_name
from ..models import Event

FEED, SALT = "events", "events-feed"


def calendar(events: Iterable[Event], name: str) -> bytes:
    cal = new_calendar(name)
    stamp = moment(now())
    for event in events:
        for number, session in enumerate(event.sessions, start=1):
            entry = CalendarEvent()
            entry.add("uid", f"event-{event.id}-session-{session.id}@asskomm")
            entry.add("summary", event.title if len(event.sessions) == 1 else f"{event.title} ({number})")
            entry.add("dtstart", moment(session.starts_at))
            entry.add("dtend", moment(session.ends_at))
            entry.add("dtstamp", stamp)
            entry.add("organizer", organizer(organiser_name(event)))
            if session.place:
                entry.add("location", session.place)
            if session.online_url:
                entry.add("url", session.online_url)
            entry.add("status", "CANCELLED" if event.cancelled_at else "CONFIRMED")
            entry.add("description", event.description or event.kind.label)
            cal.add_component(entry)
    return cal.to_ical()


def feed_token(user: User) -> str:
    return _feed_token(user, FEED, SALT)


def feed_owner(token: str) -> User | None:
    """The person whose feed this is, while the address is current (renewing it or a new
    password ends it)."""
    return _feed_owner(token, FEED, SALT)


def renew_feed_token(user: User) -> str:
    """A new feed address for the person; the old one answers 404 from now on."""
    renew_feed(user, FEED)
    return feed_token(user)
