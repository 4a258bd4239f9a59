"""Worker jobs of the funding feature."""

from __future__ import annotations

from datetime import date

from celery import shared_task

from ..timeutil import today
from .reminders import send_window_reminders


@shared_task(name="funding.send_window_reminders", cross_tenant=True, acks_late=True)
def send_window_reminders_task(day: str | None = None) -> int:
    """The reminders due today in Europe/Berlin (or on `day`, an ISO date, to catch up by hand).
    Safe to run any number of times a day: each person is mailed once per year."""
    return send_window_reminders(date.fromisoformat(day) if day else today())
