"""Which tenant the current request or task works for.

A context variable, set once per request (from the URL) or per task (from its headers). No tenant
set means every query on tenant-owned data raises; reading across tenants happens only inside
`cross_tenant(reason)`, which is named and logged.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

log = logging.getLogger("tenants.cross_tenant")

_tenant_id: ContextVar[int | None] = ContextVar("tenant_id", default=None)
_cross_reason: ContextVar[str | None] = ContextVar("cross_tenant_reason", default=None)


class TenantError(RuntimeError):
    """Tenant data was touched without a tenant, or another tenant's row was written."""


class NoTenantError(TenantError):
    pass


def current_tenant_id() -> int:
    tenant_id = _tenant_id.get()
    if tenant_id is None:
        raise NoTenantError("Kein Mandant gesetzt: Zugriff auf mandantenbezogene Daten verweigert.")
    return tenant_id


def maybe_tenant_id() -> int | None:
    return _tenant_id.get()


def cross_tenant_reason() -> str | None:
    return _cross_reason.get()


@contextmanager
def tenant_context(tenant_id: int) -> Iterator[int]:
    """Work for one tenant; the previous state is restored afterwards."""
    token = _tenant_id.set(int(tenant_id))
    reason_token = _cross_reason.set(None)
    try:
        yield int(tenant_id)
    finally:
        _cross_reason.reset(reason_token)
        _tenant_id.reset(token)


@contextmanager
def cross_tenant(reason: str) -> Iterator[None]:
    """Read every tenant's rows, for one named purpose. Writes to tenant rows stay forbidden."""
    if not reason or not reason.strip():
        raise ValueError("cross_tenant() needs a reason")
    log.info("cross-tenant read: %s", reason)
    token = _cross_reason.set(reason)
    tenant_token = _tenant_id.set(None)
    try:
        yield
    finally:
        _tenant_id.reset(tenant_token)
        _cross_reason.reset(token)


def set_request_tenant(tenant_id: int | None) -> None:
    """Set (or clear) the tenant for the rest of this request; cleared again at teardown."""
    _tenant_id.set(tenant_id)
    _cross_reason.set(None)
