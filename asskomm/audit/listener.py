"""The flush listener that writes an audit entry for every insert, update and delete of a row.

In the same transaction as the change: `after_flush` inserts the entries with one Core
statement on the session's connection, so a rolled-back change (or savepoint) takes its
entries with it and a committed one always has them. `after_flush` is the one moment that
knows both sides: the rows' ids are assigned, and the attribute history (old values) and the
flush's own list of what it inserted, updated and deleted are still there. Orphans that the
flush deletes (a role removed from a person's list) appear only in that list, not in
`session.deleted`, so it is read instead.

The actor (person and role) needs a query, which must not run inside the flush: it is resolved
in `before_flush`, before the flush does any work, and cached per request. So are old values
the session does not hold (a deleted row's unloaded columns, a column set while expired).

Not seen: Core statements, `text()` and ORM bulk UPDATE/DELETE (`session.execute(update(...))`)
— they bypass the unit of work; rows deleted by the database's ON DELETE CASCADE (the parent's
deletion is recorded); `bulk_save_objects` and the like. The platform uses such statements
only for counters, caches and the dependants of an item whose own deletion is recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import sqlalchemy as sa
from sqlalchemy import event, inspect
from sqlalchemy.orm import Mapper, ORMExecuteState

from tenants import FIRST_ALLIANCE_ID, Tenant, maybe_alliance_id, maybe_tenant_id, utcnow
from tenants.scoping import TenantSession

from ..accounts.models import User
from .actor import SYSTEM, Actor, current_actor
from .changes import pair
from .models import AuditAction, AuditEntry

# Pure caches and snapshots (recomputed by the worker) and the platform's own logs.
NOT_AUDITED = frozenset({
    "audit_entry", "report_figure", "report_stale", "report_placement",
    "activity_snapshot", "kpr_training_year", "event_figures",
    "snapshot_run", "outbox_message", "outbox_attachment", "search_entry",
    # a webhook's delivery log: what was sent and how the receiver answered
    "webhook_delivery",
    # the stored answer to an API request sent with an Idempotency-Key: a copy of what the request wrote
    "api_idempotency_key",
    # a sign-in is recorded as such (audit.signed_in); its session row would only repeat it
    "signed_in_session",
    # an export of one's own data: its token is the download's secret, its archive a copy of other rows
    "data_export",
    # The citizen survey's answers and codes: an entry's time and actor would tie a used code to
    # its response; the benchmark is a snapshot.
    "survey_response", "survey_answer", "survey_code", "survey_benchmark_figure", "survey_benchmark_summary",
    # Accessibility feedback: a message received, not a change of the platform's data; an entry would
    # keep the sender's name and address for the trail's whole retention after the feedback is deleted.
    "accessibility_feedback",
})
# Bookkeeping columns: they change with every write, or a sign-in entry records them; the row's
# id and KPR are the entry's own object_id and tenant_id.
IGNORED_COLUMNS = frozenset({"created_at", "updated_at", "last_login_at", "id", "tenant_id"})
# Attributes whose value names an object for a reader, in order of preference.
LABEL_ATTRIBUTES = ("title", "name", "purpose", "subject", "topic", "email", "slug", "label")

_ACTOR = "audit_actor"
REASON = "audit_reason"  # set by give_reason() for the rest of the transaction
_OLD = "audit_old_values"
_enabled: ContextVar[bool] = ContextVar("audit_enabled", default=True)


def audited(mapper: Mapper) -> bool:
    return mapper.local_table.name not in NOT_AUDITED


def audited_tables(registry) -> list[str]:
    """Every table whose rows the listener records (for the tests and the page's filter)."""
    return sorted({m.local_table.name for m in registry.mappers if audited(m)})


@contextmanager
def disabled() -> Iterator[None]:
    """Switch the listener off — for the benchmark that measures its cost, never in the app."""
    token = _enabled.set(False)
    try:
        yield
    finally:
        _enabled.reset(token)


def _before_flush(session, flush_context, instances) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry):
            raise RuntimeError("Einträge des Änderungsprotokolls können nicht geändert oder gelöscht werden.")
    if not _enabled.get():
        return
    session.info[_ACTOR] = current_actor()
    session.info[_OLD] = _unknown_old_values(session)


def _unknown_old_values(session) -> dict:
    """Old values the session does not hold, read now, before the flush overwrites them: columns of
    a row being deleted that were never loaded, and columns set without being loaded (the object
    expired at an earlier commit). One query per such row; usually there is none."""
    found = {}
    deleted = session.deleted  # a new set on every access: take it once
    for obj in (*session.dirty, *deleted):
        state = inspect(obj)
        if state.key is None or not audited(state.mapper):
            continue
        if obj in deleted:
            keys = [a.key for a in state.mapper.column_attrs if _recorded(a.key) and a.key not in state.dict]
        else:  # committed_state: the attributes changed since loading, with their old values if loaded
            keys = [key for key in state.committed_state if key in state.mapper.column_attrs and _recorded(key)
                    and not state.attrs[key].history.deleted]
        if keys:
            found[state] = _read_columns(session, state, keys)
    return found


def _read_columns(session, state, keys: list[str]) -> dict:
    cls = state.mapper.class_
    where = [getattr(cls, state.mapper.get_property_by_column(column).key) == value
             for column, value in zip(state.mapper.primary_key, state.key[1], strict=True)]
    with session.no_autoflush:  # an ORM select: tenant scoping applies as to any read
        row = session.execute(sa.select(*(getattr(cls, key) for key in keys)).where(*where)).first()
    return dict(zip(keys, row, strict=True)) if row is not None else {}


def _after_flush(session, flush_context) -> None:
    if not _enabled.get():
        return
    actor: Actor = session.info.pop(_ACTOR, SYSTEM)
    old_values: dict = session.info.pop(_OLD, {})
    rows = []
    deleted_users: set[int] = set()
    at = utcnow()
    # flush_context.states: every object this flush wrote, with (is_delete, list_only).
    for state, (is_delete, list_only) in list(flush_context.states.items()):
        if list_only or not audited(state.mapper):
            continue
        row = _entry(session, state, is_delete, old_values.get(state, {}))
        if row is None:
            continue
        if is_delete and state.mapper.local_table.name == "user_account":
            deleted_users.add(state.key[1][0])
        rows.append(row)
    if not rows:
        return
    user_id = None if actor.user_id in deleted_users else actor.user_id
    current = maybe_tenant_id()
    reason = session.info.get(REASON, "")
    for row in rows:
        tenant_id = row.pop("tenant_id")
        row.update(at=at, user_id=user_id, actor_name=actor.name, actor_email=actor.email, role=actor.role,
                   tenant_id=tenant_id if tenant_id is not None else current, reason=reason)
    _stamp_alliance(session, rows)
    # A Core insert on the flush's own connection: adding objects is not allowed mid-flush,
    # and this is one statement however many rows the flush wrote.
    session.connection().execute(sa.insert(AuditEntry.__table__), rows)


def _entry(session, state, is_delete: bool, read_before: dict) -> dict | None:
    mapper, values = state.mapper, state.dict
    columns = [attr for attr in mapper.column_attrs if _recorded(attr.key)]
    if is_delete:
        action = AuditAction.delete
        values = {**read_before, **values}
        changes = {a.key: pair(a.key, values[a.key], None) for a in columns if values.get(a.key) is not None}
    elif state.key is None:  # pending before this flush
        action = AuditAction.insert
        changes = {a.key: pair(a.key, None, values[a.key]) for a in columns if values.get(a.key) is not None}
    else:
        changes = {}
        for attr in columns:
            history = state.attrs[attr.key].history  # never loads: unloaded columns have none
            if not history.added and not history.deleted:
                continue
            old = history.deleted[0] if history.deleted else read_before.get(attr.key)
            new = history.added[0] if history.added else None
            if old != new:
                changes[attr.key] = pair(attr.key, old, new)
        if not changes:
            return None
        action = AuditAction.password_changed if _password_changed(mapper, changes) else AuditAction.update
    table = mapper.local_table.name
    return {
        "object_type": table,
        "object_id": _object_id(state),
        "object_label": _label(session, values)[:250],
        "action": action.value,
        "changes": changes,
        "tenant_id": (state.key[1][0] if state.key else values.get("id")) if table == "tenant"
        else values.get("tenant_id"),
    }


def _recorded(column: str) -> bool:
    # body_html and the like are renderings of a text column whose change is recorded already.
    return column not in IGNORED_COLUMNS and not column.endswith("_html")


def _password_changed(mapper: Mapper, changes: dict) -> bool:
    return mapper.local_table.name == "user_account" and "password_hash" in changes


def _object_id(state) -> str:
    if state.key is not None:
        ident = state.key[1]
    else:
        ident = [state.dict.get(state.mapper.get_property_by_column(c).key) for c in state.mapper.primary_key]
    return "/".join("" if part is None else str(getattr(part, "value", part)) for part in ident)[:100]


def _label(session, values: dict) -> str:
    """A short name from what is already loaded: nothing here may query."""
    for key in LABEL_ATTRIBUTES:
        value = values.get(key)
        if isinstance(value, str) and value:
            return value
    person = values.get("user")  # memberships, assignments, roles: whose
    if person is None and values.get("user_id") is not None:
        key = inspect(User).identity_key_from_primary_key((values["user_id"],))
        person = session.identity_map.get(key)  # loaded already, or not at all: no query
    name = getattr(person, "name", None) if person is not None else None
    role = values.get("role") or values.get("kind")
    if name and role is not None:
        return f"{name} ({getattr(role, 'label', role)})"
    return name or ""


def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and any(m.class_ is AuditEntry for m in state.all_mappers):
        raise RuntimeError("Einträge des Änderungsprotokolls können nicht geändert oder gelöscht werden.")


def _stamp_alliance(session, rows: list[dict]) -> None:
    """Each entry's alliance: the request's; in a job (none) its KPR's, read in one statement."""
    alliance_id = maybe_alliance_id()
    if alliance_id is None:
        ids = {row["tenant_id"] for row in rows if row["tenant_id"] is not None}
        found = dict(session.connection().execute(
            sa.select(Tenant.__table__.c.id, Tenant.__table__.c.alliance_id).where(Tenant.__table__.c.id.in_(ids)))
            .all()) if ids else {}
    for row in rows:
        row["alliance_id"] = alliance_id or found.get(row["tenant_id"], FIRST_ALLIANCE_ID)


def give_reason(reason: str) -> None:
    """The reason a person gave for what this transaction does: kept in each of its entries."""
    from tenants import db

    db.session.info[REASON] = reason.strip()[:1000]


def _forget_reason(session) -> None:
    session.info.pop(REASON, None)


def install() -> None:
    """Register the listener on the session class (once; create_app calls it)."""
    for name, function in (("before_flush", _before_flush), ("after_flush", _after_flush),
                           ("do_orm_execute", _refuse_bulk_changes), ("after_commit", _forget_reason),
                           ("after_rollback", _forget_reason)):
        if not event.contains(TenantSession, name, function):
            event.listen(TenantSession, name, function)
