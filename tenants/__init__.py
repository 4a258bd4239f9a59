"""Tenancy: the Tenant model, the current tenant, automatic query scoping, tenant tasks."""

from .context import (
    NoTenantError,
    TenantError,
    alliance_context,
    cross_tenant,
    current_tenant_id,
    maybe_alliance_id,
    maybe_tenant_id,
    switch_tenant,
    tenant_context,
    within_tenants,
)
from .db import db
from .models import FIRST_ALLIANCE_ID, Alliance, Tenant, TenantKind, TenantStatus
from .scoping import TenantScoped, scoped_models, utcnow

__all__ = [
    "FIRST_ALLIANCE_ID",
    "Alliance",
    "NoTenantError",
    "Tenant",
    "TenantError",
    "TenantKind",
    "TenantScoped",
    "TenantStatus",
    "alliance_context",
    "cross_tenant",
    "current_tenant_id",
    "db",
    "maybe_alliance_id",
    "maybe_tenant_id",
    "scoped_models",
    "switch_tenant",
    "tenant_context",
    "utcnow",
    "within_tenants",
]
