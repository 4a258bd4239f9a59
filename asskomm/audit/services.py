"""Recording events without a row of their own (sign-ins), and reading the trail for the pages.

Services add and flush; the request (or task) commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination

from tenants import Tenant, db, maybe_tenant_id

from ..accounts.models import User
from ..accounts.services import normalise_email
from ..timeutil import BERLIN, as_utc, format_datetime, now
from .actor import Actor, actor_for, current_actor
from .changes import describe, pair
from .labels import object_type_label, role_label
from .models import AuditAction, AuditEntry

PER_PAGE = 50
# A CSV of the whole state's trail could be millions of lines; filter to get older ones.
EXPORT_LIMIT = 100_000


def record(action: AuditAction | str, obj_type: str, obj_id: int | str | None = None, tenant_id: int | None = None,
           changes: dict | None = None, user: User | None = None, *, label: str = "",
           actor_email: str = "", reason: str = "") -> AuditEntry:
    """One entry for an event the row listener does not see (a sign-in, a failed one). The actor
    is `user` (the person just signed in), else the request's; `actor_email` names the address
    a failed sign-in tried. Changes pass through the same filter as the listener's: a secret
    is never written down."""
    actor = actor_for(user) if user is not None else current_actor()
    if actor_email and not actor.user_id:
        actor = Actor(email=actor_email[:254])
    entry = AuditEntry(
        at=now(), user_id=actor.user_id, actor_name=actor.name, actor_email=actor.email, role=actor.role,
        tenant_id=tenant_id if tenant_id is not None else maybe_tenant_id(), object_type=obj_type,
        object_id="" if obj_id is None else str(obj_id)[:100], object_label=label[:250],
        action=AuditAction(action).value,
        changes={key: pair(key, *values) for key, values in (changes or {}).items()}, reason=reason[:1000],
    )
    db.session.add(entry)
    db.session.flush()
    return entry


# -- reading ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    kpr: str = ""
    person: str = ""
    object_type: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _day_start(day: date) -> datetime:
    """Midnight in Berlin, in UTC (the days of the filter are the reader's days)."""
    return datetime.combine(day, time.min, BERLIN).astimezone(UTC)


def entries_query(filters: Filters, tenant_id: int | None = None) -> sa.Select:
    """The entries matching `filters`, newest first; only `tenant_id`'s when given (a KPR's page)."""
    query = sa.select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if tenant_id is not None:
        query = query.where(AuditEntry.tenant_id == tenant_id)
    if filters.kpr:
        text = filters.kpr.strip()
        query = query.where(AuditEntry.tenant_id.in_(sa.select(Tenant.id).where(sa.or_(
            Tenant.slug == text.lower(), Tenant.name.icontains(text, autoescape=True)))))
    if filters.person:
        text = filters.person.strip()
        query = query.where(sa.or_(AuditEntry.actor_name.icontains(text, autoescape=True),
                                   AuditEntry.actor_email.icontains(text.lower(), autoescape=True)))
    if filters.object_type:
        query = query.where(AuditEntry.object_type == filters.object_type)
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if filters.date_from:
        query = query.where(AuditEntry.at >= _day_start(filters.date_from))
    if filters.date_to:
        query = query.where(AuditEntry.at < _day_start(filters.date_to + timedelta(days=1)))
    return query


def entry_page(filters: Filters, page: int, tenant_id: int | None = None) -> Pagination:
    return db.paginate(entries_query(filters, tenant_id), page=page, per_page=PER_PAGE, error_out=False)


def export_entries(filters: Filters, tenant_id: int | None = None) -> list[AuditEntry]:
    return list(db.session.scalars(entries_query(filters, tenant_id).limit(EXPORT_LIMIT)))


@dataclass(frozen=True)
class Line:
    """One entry as the page and the CSV show it."""

    at: datetime
    when: str
    kpr: str
    person: str
    email: str
    role: str
    action: str
    object_type: str
    object_id: str
    label: str
    changes: list[str]
    reason: str = ""

    def cells(self) -> list[str]:
        return [self.when, self.kpr, self.person, self.email, self.role, self.action, self.object_type,
                self.object_id, self.label, "; ".join(self.changes), self.reason]


CSV_HEADER = ["Zeitpunkt", "KPR", "Person", "E-Mail-Adresse", "Rolle", "Aktion", "Art", "Nummer", "Bezeichnung",
              "Änderungen", "Begründung"]


def lines(entries: list[AuditEntry], value_limit: int | None = None) -> list[Line]:
    """The entries with their KPRs' names (one query for the page, however many entries)."""
    ids = {e.tenant_id for e in entries if e.tenant_id is not None}
    names = dict(db.session.execute(sa.select(Tenant.id, Tenant.name).where(Tenant.id.in_(ids))).all()) if ids else {}
    return [Line(
        at=as_utc(e.at), when=format_datetime(e.at),
        kpr="" if e.tenant_id is None else names.get(e.tenant_id, f"gelöschter KPR ({e.tenant_id})"),
        person=e.actor_name or ("" if e.actor_email else "System"), email=e.actor_email,
        role=role_label(e.role) if e.role else "", action=e.action_label, object_type=object_type_label(e.object_type),
        object_id=e.object_id, label=e.object_label, changes=describe(e.changes, value_limit), reason=e.reason,
    ) for e in entries]


# -- retention ----------------------------------------------------------------------------------------------------


def purge(retention_days: int, moment: datetime | None = None) -> int:
    """Remove entries older than `retention_days`; the removal itself is an entry.

    A Core delete on the connection: the listener refuses ORM deletes of entries, so that
    nothing in the app can remove one; this is the one way, and it is named."""
    cutoff = (moment or now()) - timedelta(days=retention_days)
    table = AuditEntry.__table__
    removed = db.session.connection().execute(sa.delete(table).where(table.c.at < cutoff)).rowcount
    if removed:
        record(AuditAction.purge, "audit_entry", label=f"{removed} Einträge älter als {retention_days} Tage entfernt")
    return removed


# -- sign-in events -----------------------------------------------------------------------------------------------


def signed_in(user: User) -> AuditEntry:
    return record(AuditAction.login, "user_account", user.id, user=user, label=user.email)


def sign_in_failed(email: str) -> AuditEntry:
    """A refused sign-in: the address tried (and its account, if there is one), never a password."""
    tried = normalise_email(email or "")[:254]
    account_id = db.session.scalar(sa.select(User.id).where(User.email == tried)) if tried else None
    return record(AuditAction.login_failed, "user_account", account_id, label=tried, actor_email=tried)
