"""Worker job of the day part: participation certificates, ordered by name
("events.make_certificates") from the attendance list."""

from __future__ import annotations

from celery import shared_task

from . import certificates


@shared_task(name="events.make_certificates", cross_tenant=True, acks_late=True)
def make_certificates(event_id: int) -> int:
    """PDF certificates for an event's attendees; idempotent (one per registration), so a re-run
    or a redelivered message adds nothing. Events are the state council's, not a KPR's data."""
    return certificates.make_certificates(event_id)
