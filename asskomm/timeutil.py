"""Dates and times as Saxony lives them: stored in UTC, shown and reckoned in Europe/Berlin."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return datetime.now(BERLIN).date()


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = _berlin(value).date()
    return value.strftime("%d.%m.%Y")


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return "–"
    return _berlin(value).strftime("%d.%m.%Y, %H:%M Uhr")


def as_utc(value: datetime) -> datetime:
    """A stored moment as an aware UTC value (SQLite hands back naive values; they are UTC)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def berlin(value: datetime) -> datetime:
    """A stored moment in Berlin time (SQLite hands back naive UTC values)."""
    return _berlin(value)


def _berlin(value: datetime) -> datetime:
    return as_utc(value).astimezone(BERLIN)
