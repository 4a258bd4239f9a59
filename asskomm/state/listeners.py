"""The onboarding lifecycle follows what the KPR's records say happened."""

from __future__ import annotations

from datetime import date

from tenants import Tenant, TenantStatus

from ..accounts.models import User
from ..signals import agreement_signed, founding_completed
from .services import set_status


@agreement_signed.connect
def _agreement_signed(tenant: Tenant, on: date | None, by: User | None) -> None:
    if tenant.status == TenantStatus.contacted:
        set_status(tenant, TenantStatus.agreement_signed, on=on, by=by)


@founding_completed.connect
def _founding_completed(tenant: Tenant, on: date | None, by: User | None) -> None:
    set_status(tenant, TenantStatus.founded, on=on, by=by)
