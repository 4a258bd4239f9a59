"""Worker jobs of the privacy package: build an export, remove expired ones, apply the retention."""

from __future__ import annotations

import logging

from celery import shared_task
from flask import current_app

from . import retention, services

log = logging.getLogger(__name__)


@shared_task(name="privacy.build_export", cross_tenant=True, acks_late=True)
def build_export(export_id: int) -> bool:
    """Idempotent: an export already built is left as it is (and its mail has a dedup key)."""
    return services.build_export(export_id)


@shared_task(name="privacy.purge_exports", cross_tenant=True)
def purge_exports() -> int:
    removed = services.purge_exports()
    log.info("privacy.purge_exports: %d expired export(s) removed", removed)
    return removed


@shared_task(name="privacy.apply_retention", cross_tenant=True)
def apply_retention() -> dict[str, int]:
    settings = current_app.config["SETTINGS"]
    counts = retention.apply(settings.registration_retention_months, settings.outbox_body_retention_days)
    log.info("privacy.apply_retention: %s", ", ".join(f"{kind} {n}" for kind, n in counts.items()))
    return counts
