"""The domain signals that become webhook deliveries, with the small payload each carries."""

from __future__ import annotations

from tenants import Tenant, db

from .. import signals
from . import services


def _slug(tenant_id: int | None) -> str | None:
    tenant = db.session.get(Tenant, tenant_id) if tenant_id is not None else None
    return tenant.slug if tenant is not None else None


def _registration(event: str):
    def listener(registration, **_) -> None:
        services.record(event, registration.tenant_id, {
            "registration_id": registration.id, "event_id": registration.event_id,
            "event_title": registration.event.title,
            "person": registration.user.name if registration.user is not None else None,
            "kpr": _slug(registration.tenant_id), "status": registration.status.value,
        })
    return listener


_on_created = _registration("registration.created")
_on_cancelled = _registration("registration.cancelled")
_on_promoted = _registration("registration.promoted")


def _on_report(version, **_) -> None:
    services.record("annual_report.submitted", version.tenant_id, {
        "version_id": version.id, "year": version.year, "number": version.number,
        "kpr": _slug(version.tenant_id), "status": version.status.value,
    })


def _on_practice(measure, **_) -> None:
    services.record("practice.shared", measure.tenant_id, {
        "measure_id": measure.id, "title": measure.title, "kpr": _slug(measure.tenant_id),
    })


signals.registration_created.connect(_on_created)
signals.registration_cancelled.connect(_on_cancelled)
signals.registration_promoted.connect(_on_promoted)
signals.annual_report_submitted.connect(_on_report)
signals.practice_shared.connect(_on_practice)
