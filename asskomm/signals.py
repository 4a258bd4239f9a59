"""Domain signals: what one feature tells the others, without importing them.

A feature sends; the package that cares listens (its `listeners.py`, connected by create_app).
Listeners run inside the sender's transaction: they flush, never commit, and a `DomainError`
raised by a listener refuses the sender's change as if the sender had raised it.
"""

from __future__ import annotations

from blinker import Namespace

_domain = Namespace()

#: A cooperation agreement was recorded. sender: the Tenant; on: the date of the earliest
#: agreement; by: the User who recorded it.
agreement_signed = _domain.signal("agreement-signed")

#: The founding guide was completed. sender: the Tenant; on: the founding date; by: the User.
founding_completed = _domain.signal("founding-completed")

#: A workspace item (document, meeting, action item, founding step) is being deleted, before the
#: flush that deletes it. sender: the item's model class; item: the object.
item_deleted = _domain.signal("item-deleted")

#: A body is about to be deleted; a listener that still needs it raises DomainError. sender: the Body.
body_deleting = _domain.signal("body-deleting")

#: Rows of these KPRs changed in a transaction that is about to commit. sender: None;
#: tenant_ids: the set of KPR ids.
records_changed = _domain.signal("records-changed")

#: A person was registered for an event (confirmed or on the waiting list), after the flush.
#: sender: the Registration.
registration_created = _domain.signal("registration-created")

#: A registration was cancelled, after the flush. sender: the Registration.
registration_cancelled = _domain.signal("registration-cancelled")

#: A waiting person got a seat, after the flush. sender: the Registration.
registration_promoted = _domain.signal("registration-promoted")

#: An annual report was submitted to the state council, after the flush. sender: the ReportVersion.
annual_report_submitted = _domain.signal("annual-report-submitted")

#: A measure was marked shareable for the practice exchange (False -> True), after the flush.
#: sender: the Measure.
practice_shared = _domain.signal("practice-shared")


# --- records_changed: sent by the kernel for every transaction that changed KPR rows ---------------

_CHANGED = "asskomm_changed_tenants"


def _collect_changed(session, flush_context) -> None:
    from tenants import TenantScoped

    changed = session.info.setdefault(_CHANGED, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, TenantScoped) and obj.tenant_id is not None:
            changed.add(obj.tenant_id)


def _announce_changed(session) -> None:
    session.flush()  # changes not flushed yet are part of this commit too
    changed = session.info.pop(_CHANGED, None)
    if changed:
        records_changed.send(None, tenant_ids=frozenset(changed))


def _forget_changed(session) -> None:
    session.info.pop(_CHANGED, None)


def leave_unannounced(session) -> None:
    """The rows flushed so far in this transaction send no records_changed: for the citizen
    survey's anonymous answers, whose moment of arrival must not be kept anywhere (the listener of
    `reports` would keep it as a KPR's "stale since"). Call it after flushing only such rows."""
    _forget_changed(session)


def install(session_class: type) -> None:
    """Connect records_changed to the session's flushes and commits (create_app calls it once)."""
    from sqlalchemy import event

    if not event.contains(session_class, "after_flush", _collect_changed):
        event.listen(session_class, "after_flush", _collect_changed)
        event.listen(session_class, "before_commit", _announce_changed)
        event.listen(session_class, "after_rollback", _forget_changed)
