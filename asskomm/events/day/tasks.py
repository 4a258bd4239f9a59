"""Worker jobs of the day part: participation certificates, ordered by name from the attendance
list ("events.make_certificates") and after a change of an event's dates
("events.refresh_certificates")."""

from __future__ import annotations

from celery import shared_task

from . import certificates


@shared_task(name="events.make_certificates", cross_tenant=True, acks_late=True)
def make_certificates(event_id: int) -> int:
    """PDF certificates for an event's attendees, and the issued ones brought up to date;
    idempotent, so a re-run or a redelivered message adds nothing. Events are the state
    council's, not a KPR's data."""
    return certificates.make_certificates(event_id)


@shared_task(name="events.refresh_certificates", cross_tenant=True, acks_late=True)
def refresh_certificates(event_id: int) -> int:
    """Only the certificates already issued: reissued where the dates they show changed (the
    earlier PDF kept as a version); idempotent like the one above."""
    return certificates.make_certificates(event_id, new=False)
