"""The audit trail's retention: entries older than AUDIT_RETENTION_DAYS go, daily (beat)."""

from __future__ import annotations

from celery import shared_task
from flask import current_app

from . import services


@shared_task(name="audit.purge", cross_tenant=True)
def purge() -> int:
    """Safe to run again: a second run removes only what has aged past the limit since. The
    task base commits once at the end."""
    return services.purge(current_app.config["SETTINGS"].audit_retention_days)
