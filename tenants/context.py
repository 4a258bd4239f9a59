"""Which tenant the current request or task works for.

A context variable, set once per request (from the URL) or per task (from its headers). No tenant
set means every query on tenant-owned data raises; reading across tenants happens only inside
`cross_tenant(reason)`, which is named and logged. Reading a known set of tenants (a coach's
KPRs, a person's memberships) goes through `within_tenants(ids, reason)`, which scopes every
query to exactly that set; switching to another tenant inside a request is `switch_tenant(id,
reason)`. Both are named and logged too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

log = logging.getLogger("tenants.cross_tenant")

_tenant_id: ContextVar[int | None] = ContextVar("tenant_id", default=None)
_cross_reason: ContextVar[str | None] = ContextVar("cross_tenant_reason", default=None)
_tenant_set: ContextVar[frozenset[int] | None] = ContextVar("tenant_set", default=None)
# The alliance (a state's network) the request works in, from its host name (tenants.alliances):
# its KPRs are the only ones any query sees, cross-tenant reads included. None: the whole
# installation (command line, aggregation jobs).
_alliance_id: ContextVar[int | None] = ContextVar("alliance_id", default=None)


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


def current_tenant_set() -> frozenset[int] | None:
    """The tenants a `within_tenants` block reads, or None outside one."""
    return _tenant_set.get()


def _reason(reason: str) -> str:
    if not reason or not reason.strip():
        raise ValueError("a reason is required")
    return reason


@contextmanager
def tenant_context(tenant_id: int) -> Iterator[int]:
    """Work for one tenant; the previous state is restored afterwards."""
    token = _tenant_id.set(int(tenant_id))
    reason_token = _cross_reason.set(None)
    set_token = _tenant_set.set(None)
    try:
        yield int(tenant_id)
    finally:
        _tenant_set.reset(set_token)
        _cross_reason.reset(reason_token)
        _tenant_id.reset(token)


@contextmanager
def switch_tenant(tenant_id: int, reason: str) -> Iterator[int]:
    """Inside a request or task for one tenant, work for another one for a named purpose
    (a registration of the person's own KPR from the events catalog). Logged."""
    log.info("switch to tenant %s: %s", tenant_id, _reason(reason))
    with tenant_context(tenant_id) as switched:
        yield switched


@contextmanager
def within_tenants(tenant_ids: Iterable[int], reason: str) -> Iterator[frozenset[int]]:
    """Read the rows of exactly these tenants (a coach's KPRs, a person's memberships), for one
    named purpose: every query is scoped to the set, and writes to tenant rows are refused."""
    ids = frozenset(int(tenant_id) for tenant_id in tenant_ids)
    log.info("read of %d tenant(s): %s", len(ids), _reason(reason))
    token = _tenant_set.set(ids)
    reason_token = _cross_reason.set(None)
    tenant_token = _tenant_id.set(None)
    try:
        yield ids
    finally:
        _tenant_id.reset(tenant_token)
        _cross_reason.reset(reason_token)
        _tenant_set.reset(token)


@contextmanager
def cross_tenant(reason: str) -> Iterator[None]:
    """Read every tenant's rows, for one named purpose. Writes to tenant rows stay forbidden."""
    log.info("cross-tenant read: %s", _reason(reason))
    token = _cross_reason.set(reason)
    tenant_token = _tenant_id.set(None)
    set_token = _tenant_set.set(None)
    try:
        yield
    finally:
        _tenant_set.reset(set_token)
        _tenant_id.reset(tenant_token)
        _cross_reason.reset(token)


def set_request_tenant(tenant_id: int | None) -> None:
    """Set (or clear) the tenant for the rest of this request; cleared again at teardown."""
    _tenant_id.set(tenant_id)
    _cross_reason.set(None)
    _tenant_set.set(None)


def maybe_alliance_id() -> int | None:
    return _alliance_id.get()


def set_request_alliance(alliance_id: int | None) -> None:
    """Set (or clear) the alliance for the rest of this request; cleared again at teardown."""
    _alliance_id.set(alliance_id)


@contextmanager
def alliance_context(alliance_id: int | None) -> Iterator[int | None]:
    """Work inside one alliance (None: the whole installation); the previous state is restored."""
    token = _alliance_id.set(alliance_id)
    try:
        yield alliance_id
    finally:
        _alliance_id.reset(token)
