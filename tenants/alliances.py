"""Which alliance a request works in: the one whose host name it was sent to.

A state's network has its own address (asskomm.sachsen.example, kpr.mv.example): its own
cookies, Impressum and branding, and every existing URL of the first alliance stays valid,
since a host that names no alliance answers with the first one. Host names change rarely, so
each process keeps them for a minute (tenants.alliance_model) instead of asking the database on
every request."""

from __future__ import annotations

from . import alliance_model
from .alliance_model import FIRST_ALLIANCE_ID, AllianceInfo, alliance_info, forget_hosts
from .context import maybe_alliance_id
from .db import db
from .models import Tenant

__all__ = ["AllianceInfo", "alliance_for_host", "alliance_info", "current_alliance", "forget_hosts", "hostname",
           "owning_alliance"]


def hostname(host: str) -> str:
    """"Kpr.MV.example:8000" -> "kpr.mv.example" (a bracketed IPv6 address keeps its brackets)."""
    host = (host or "").strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def alliance_for_host(host: str) -> int:
    """The id of the alliance a request to `host` works in."""
    return alliance_model.host_ids().get(hostname(host), FIRST_ALLIANCE_ID)


def current_alliance() -> AllianceInfo:
    """The alliance of the request (or task); the first one outside any."""
    return alliance_info(maybe_alliance_id() or FIRST_ALLIANCE_ID)


def owning_alliance(tenant_id: int | None) -> int:
    """The alliance a record about `tenant_id` belongs to (its mail, its webhook event): the KPR's,
    else the request's or task's, else the first one."""
    if tenant_id is not None and (tenant := db.session.get(Tenant, tenant_id)) is not None:
        return tenant.alliance_id
    return maybe_alliance_id() or FIRST_ALLIANCE_ID
