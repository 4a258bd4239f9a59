"""The alliance: a state's network of KPRs, and each process's copy of the few alliance rows.

Pages, mails and names read an alliance's words and settings on every request, so each process keeps
the rows for a minute instead of asking the database each time (tenants.alliances finds the
request's alliance from its host name with the same copy)."""

from __future__ import annotations

import time
from dataclasses import dataclass, fields
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .context import maybe_alliance_id
from .db import db
from .scoping import utcnow

# The alliance migration c17a00000001 created for the network that was there before (Saxony's
# ASSKomm): rows written without an alliance in context belong to it, and any host name that
# names no alliance answers with it, so every existing address keeps working.
FIRST_ALLIANCE_ID = 1
DEFAULT_COUNCIL_TERM = "Kommunaler Präventionsrat"


def current_or_first_alliance() -> int:
    return maybe_alliance_id() or FIRST_ALLIANCE_ID


class Alliance(db.Model):
    """A state's network of KPRs with its state council (the operator): Saxony's ASSKomm,
    Mecklenburg-Vorpommern's. Each KPR belongs to exactly one; state roles hold in one."""

    __tablename__ = "alliance"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    short_name: Mapped[str] = mapped_column(sa.String(40))
    federal_state: Mapped[str] = mapped_column(sa.String(60))
    # The host name its pages answer under (asskomm.sachsen.example); None: only as the first alliance.
    host: Mapped[str | None] = mapped_column(sa.String(253), unique=True)
    # Its word for a KPR where it differs ("Präventionsrat").
    council_term: Mapped[str] = mapped_column(sa.String(120), default=DEFAULT_COUNCIL_TERM)
    operator_name: Mapped[str] = mapped_column(sa.String(200), default="")
    operator_address: Mapped[str] = mapped_column(sa.String(300), default="")
    operator_email: Mapped[str] = mapped_column(sa.String(254), default="")
    mail_sender: Mapped[str] = mapped_column(sa.String(254), default="")
    accent_colour: Mapped[str] = mapped_column(sa.String(7), default="")
    # Its application window for funding as "DD.MM" (None: the installation's FUNDING_WINDOW_*).
    funding_window_start: Mapped[str | None] = mapped_column(sa.String(5))
    funding_window_end: Mapped[str | None] = mapped_column(sa.String(5))
    # Its survey benchmark is compared with the other alliances that chose so too (suppression rules kept).
    compares_across: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<Alliance {self.slug}>"


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
    funding_window_start: str | None
    funding_window_end: str | None
    compares_across: bool


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


def host_ids() -> dict[str, int]:
    """host name -> alliance id."""
    _fresh()
    return _hosts


def alliance_info(alliance_id: int) -> AllianceInfo:
    _fresh()
    if alliance_id not in _alliances:
        forget_hosts()  # created since the last read (by another process)
        _fresh()
    return _alliances[alliance_id]


def forget_hosts() -> None:
    """After an alliance was created or changed (and in tests): read them again on the next request."""
    global _read_at
    _read_at = 0.0
