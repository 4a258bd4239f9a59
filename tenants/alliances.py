"""Which alliance a request works in: the one whose host name it was sent to.

A state's network has its own address (asskomm.sachsen.example, kpr.mv.example): its own
cookies, Impressum and branding, and every existing URL of the first alliance stays valid,
since a host that names no alliance answers with the first one. Host names change rarely, so
each process keeps them for a minute instead of asking the database on every request."""

from __future__ import annotations

import time
from dataclasses import dataclass, fields

import sqlalchemy as sa

from .db import db
from .models import FIRST_ALLIANCE_ID, Alliance

CACHE_SECONDS = 60.0


@dataclass(frozen=True)
class AllianceInfo:
    """What pages and mails name of an alliance; read from the cache, never a query per request."""

    id: int
    slug: str
    name: str
    short_name: str
    federal_state: str
    host: str | None
    council_term: str
    operator_name: str
    operator_address: str
    operator_email: str
    mail_sender: str
    accent_colour: str


_alliances: dict[int, AllianceInfo] = {}
_hosts: dict[str, int] = {}
_read_at = 0.0


def _fresh() -> None:
    global _read_at, _alliances, _hosts
    if time.monotonic() - _read_at <= CACHE_SECONDS and _alliances:
        return
    names = [field.name for field in fields(AllianceInfo)]
    rows = db.session.execute(sa.select(*(getattr(Alliance, name) for name in names))).all()
    _alliances = {row.id: AllianceInfo(**dict(zip(names, row, strict=True))) for row in rows}
    _hosts = {info.host: info.id for info in _alliances.values() if info.host}
    _read_at = time.monotonic()


def hostname(host: str) -> str:
    """"Kpr.MV.example:8000" -> "kpr.mv.example" (a bracketed IPv6 address keeps its brackets)."""
    host = (host or "").strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def alliance_for_host(host: str) -> int:
    """The id of the alliance a request to `host` works in."""
    _fresh()
    return _hosts.get(hostname(host), FIRST_ALLIANCE_ID)


def current_alliance() -> AllianceInfo:
    """The alliance of the request (or task); the first one outside any."""
    from .context import maybe_alliance_id

    _fresh()
    return _alliances[maybe_alliance_id() or FIRST_ALLIANCE_ID]


def alliance_info(alliance_id: int) -> AllianceInfo:
    """Any alliance by id (what pages name of another alliance's KPR), from the cache."""
    _fresh()
    return _alliances[alliance_id]


def forget_hosts() -> None:
    """After an alliance was created or changed (and in tests): read them again on the next request."""
    global _read_at
    _read_at = 0.0
