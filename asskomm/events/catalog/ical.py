"""Calendar files: one event's sessions, or a person's registrations as a subscribable feed."""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from itsdangerous import BadSignature, URLSafeSerializer

from tenants import db

from ...accounts.models import User
from ..models import Event

PRODID = "-//Landespräventionsrat Sachsen//ASSKomm-Plattform//DE"


def calendar(events: Iterable[Event], name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for event in events:
        for number, session in enumerate(event.sessions, start=1):
            entry = CalendarEvent()
            entry.add("uid", f"event-{event.id}-session-{session.id}@asskomm")
            entry.add("summary", event.title if len(event.sessions) == 1 else f"{event.title} ({number})")
            entry.add("dtstart", session.starts_at)
            entry.add("dtend", session.ends_at)
            entry.add("dtstamp", event.created_at)
            if session.place:
                entry.add("location", session.place)
            if session.online_url:
                entry.add("url", session.online_url)
            if event.cancelled_at:
                entry.add("status", "CANCELLED")
            entry.add("description", event.description or event.kind.label)
            cal.add_component(entry)
    return cal.to_ical()


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="events-feed")


def feed_token(user) -> str:
    return _serializer().dumps({"u": user.id, "v": user.auth_version})


def feed_owner(token: str) -> User | None:
    """The person whose feed this is, while the token is valid (a new password ends it)."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    user = db.session.get(User, data.get("u"))
    if user is None or not user.active or user.auth_version != data.get("v"):
        return None
    return user
