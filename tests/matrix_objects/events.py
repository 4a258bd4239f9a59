"""Events for the isolation matrix: registrations belong to people of a KPR; events are the
state council's catalog, the same for everyone."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from asskomm.events.models import Certificate, Event, EventKind, KprInvitation, Registration, RegistrationStatus
from asskomm.timeutil import now

from ..helpers import tenant, user


def _event(session, slug: str) -> int:
    """The state council's training in the catalog of the KPR's alliance (one per alliance)."""
    alliance_id = tenant(slug).alliance_id
    title = f"Matrix-Fortbildung {alliance_id}"
    event = session.scalar(sa.select(Event).filter_by(title=title))
    if event is None:
        event = Event(kind=EventKind.training, title=title, capacity=5, alliance_id=alliance_id,
                      registration_closes_at=now() + timedelta(days=7))
        session.add(event)
        session.flush()
    return event.id


def _forum(session, slug: str) -> int:
    """An event the KPR organises itself: its coordinators manage it, no other KPR does."""
    event = Event(kind=EventKind.forum, title=f"Forum {slug}", capacity=50, organiser_tenant_id=tenant(slug).id,
                  alliance_id=tenant(slug).alliance_id, registration_closes_at=now() + timedelta(days=7))
    session.add(event)
    session.flush()
    return event.id


def _registration(session, slug: str) -> int:
    """A confirmed registration with its certificate: waitlisted ones have no certificate or
    feedback pages at all, so the positive control needs a confirmed one."""
    event_id = _forum(session, slug)
    registration = Registration(event_id=event_id, user_id=user(f"mitglied.{slug}").id,
                                tenant_id=tenant(slug).id, status=RegistrationStatus.confirmed)
    session.add(registration)
    session.get(Event, event_id).confirmed_count = 1
    session.flush()
    session.add(Certificate(registration_id=registration.id, pdf=b"%PDF-1.4 Matrix"))
    session.flush()
    return registration.id


OBJECTS = {"registration_id": _registration}
CATALOG = {"event_id": _event}


def _kpr_invitation(session, slug: str) -> int:
    invitation = KprInvitation(event_id=_event(session, slug), tenant_id=tenant(slug).id)
    session.add(invitation)
    session.flush()
    return invitation.id


OBJECTS["kpr_invitation_id"] = _kpr_invitation
