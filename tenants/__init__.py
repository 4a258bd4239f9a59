"""Tenancy: the Tenant model, the current tenant, automatic query scoping, tenant tasks."""

from .context import (
    NoTenantError,
    TenantError,
    cross_tenant,
    current_tenant_id,
    maybe_tenant_id,
    switch_tenant,
    tenant_context,
    within_tenants,
)
from .db import db
from .models import Tenant, TenantKind, TenantStatus
from .scoping import TenantScoped, scoped_models, utcnow

__all__ = [
    "NoTenantError",
    "Tenant",
    "TenantError",
    "TenantKind",
    "TenantScoped",
    "TenantStatus",
    "cross_tenant",
    "current_tenant_id",
    "db",
    "maybe_tenant_id",
    "scoped_models",
    "switch_tenant",
    "tenant_context",
    "utcnow",
    "within_tenants",
]
