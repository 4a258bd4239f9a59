"""What every calendar file (.ics, RFC 5545) of the platform shares, so that any calendar program
reads the moment the page shows in Berlin time.

Times are written in UTC with "Z": stored moments are UTC, and a UTC time needs no VTIMEZONE that
a client might read differently. (Naive times are "floating": each client puts them in its own
zone, so a 09:00 session read 08:00 in a UTC calendar.) ORGANIZER is a mailto: URI with a CN.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parseaddr

from flask import current_app
from icalendar import Calendar, vCalAddress, vText

from .timeutil import as_utc

PRODID = "-//Landespräventionsrat Sachsen//ASSKomm-Plattform//DE"
FALLBACK_ADDRESS = "noreply@asskomm.sachsen.de"


def new_calendar(name: str | None = None, method: str | None = None) -> Calendar:
    """An empty calendar; a feed (with `name`) says which zone its pages show."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Berlin")
    return calendar


def moment(value: datetime) -> datetime:
    """A stored moment as the aware UTC value icalendar writes with "Z" (SQLite's are naive UTC)."""
    return as_utc(value)


def organizer(name: str) -> vCalAddress:
    """The platform's sender address as ORGANIZER, named `name`. MAIL_FROM may carry a display
    name ("ASSKomm-Plattform <noreply@…>"), which a mailto: URI must not."""
    address = parseaddr(current_app.config["SETTINGS"].mail_from)[1]
    if "@" not in address:
        address = FALLBACK_ADDRESS
    value = vCalAddress(f"mailto:{address}")
    value.params["cn"] = vText(name.replace('"', "'"))  # a parameter value cannot hold a double quote
    return value
