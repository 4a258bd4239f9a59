"""Keeping the index current: in the transaction that changes a findable row, its entry is read
again from the feature's rows, just before the commit; nothing waits for a nightly run. Rows
written past the ORM (bulk inserts) are caught up by `reindex()`, which `flask search reindex`
and the demo loader run.

The entries are written by the session's own flush, inside the same transaction: a request that
rolls back leaves the index as it was."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import sqlalchemy as sa

from tenants import cross_tenant, db

from ..documents.models import DocumentVersion
from ..tasking import enqueue_after_commit
from . import backend
from .models import SearchEntry
from .sources import SOURCES, TRIGGERS, Fields

_PENDING = "search_pending"
REASON = "search index: entries are read from every KPR's rows and filtered per reader by search.scope"
CHUNK = 500


def _collect(session, flush_context) -> None:
    pending = session.info.setdefault(_PENDING, defaultdict(list))
    for obj in (*session.new, *session.dirty, *session.deleted):
        trigger = TRIGGERS.get(type(obj))
        if trigger is not None:
            for kind, ids in trigger(obj):
                pending[kind].append(ids)
    for obj in session.new:
        if isinstance(obj, DocumentVersion):  # a new file: its text is read by the worker
            enqueue_after_commit("search.read_file", obj.id)


def _apply(session) -> None:
    """Before the commit: every entry named by this transaction's flushes read again."""
    session.flush()  # changes not flushed yet are part of this commit too
    while pending := session.info.pop(_PENDING, None):
        with cross_tenant(REASON):
            for kind, parts in pending.items():
                refresh(kind, _resolve(parts))
        session.flush()


def _forget(session) -> None:
    session.info.pop(_PENDING, None)


def _resolve(parts: list) -> set[int]:
    ids = {part for part in parts if isinstance(part, int)}
    for select in (part for part in parts if not isinstance(part, int)):
        ids.update(db.session.scalars(select))
    return ids


def refresh(kind: str, ids: Iterable[int] | None = None) -> int:
    """Read the entries of `kind` (those with `ids`, or all) from their rows again; an entry whose
    row is gone (or no longer findable) goes. Returns the number of entries written anew."""
    wanted = None if ids is None else sorted(set(ids))
    written = 0
    for chunk in ([None] if wanted is None else [wanted[i:i + CHUNK] for i in range(0, len(wanted), CHUNK)]):
        if chunk == []:
            continue
        written += _refresh_chunk(kind, chunk)
    return written


def _refresh_chunk(kind: str, ids: list[int] | None) -> int:
    fields = {f.object_id: f for f in SOURCES[kind].read(ids)}
    query = sa.select(SearchEntry).where(SearchEntry.kind == kind)
    if ids is not None:
        query = query.where(SearchEntry.object_id.in_(ids))
    existing = {entry.object_id: entry for entry in db.session.scalars(query)}
    gone = [entry for object_id, entry in existing.items() if object_id not in fields]
    gone_ids = [entry.id for entry in gone]
    for entry in gone:
        db.session.delete(entry)
    changed = []
    for object_id, found in fields.items():
        entry = existing.get(object_id)
        if entry is None:
            entry = SearchEntry(kind=kind, object_id=object_id, file_text="")
            db.session.add(entry)
        if _fill(entry, found) or entry.id is None:
            changed.append(entry)
    db.session.flush()
    backend.write(changed, gone_ids)
    return len(changed)


def _fill(entry: SearchEntry, found: Fields) -> bool:
    """Copy what changed; True if anything did."""
    changed = False
    for name in ("tenant_id", "title", "text", "rule", "rule_alt", "open_to_all", "for_alliance", "target_id"):
        value = getattr(found, name)
        if name == "title":
            value = value[:300]
        elif name == "target_id" and value is None:
            value = found.object_id
        if getattr(entry, name) != value:
            setattr(entry, name, value)
            changed = True
    return changed


def set_file_text(document_id: int, text: str) -> None:
    """The text of a document's current file, from the task that read it."""
    entry = db.session.scalar(sa.select(SearchEntry).filter_by(kind="document", object_id=document_id))
    if entry is not None and entry.file_text != text:
        entry.file_text = text
        db.session.flush()
        backend.write([entry], [])


def reindex() -> dict[str, int]:
    """Every kind read again from all its rows: the reconciliation after bulk writes."""
    with cross_tenant(REASON):
        return {kind: refresh(kind) for kind in SOURCES}


def install(session_class: type) -> None:
    """Connect the index to the session's flushes and commits (create_app calls it once)."""
    from sqlalchemy import event

    if not event.contains(session_class, "after_flush", _collect):
        event.listen(session_class, "after_flush", _collect)
        event.listen(session_class, "before_commit", _apply)
        event.listen(session_class, "after_rollback", _forget)
