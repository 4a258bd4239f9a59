"""Objects of meetings for the isolation matrix: an internal (not public) meeting and its action
item. Reply links and feed tokens are capabilities, not objects (tests/test_meetings.py checks
that another KPR's token is a 404)."""

from __future__ import annotations

import secrets
from datetime import timedelta

import sqlalchemy as sa

from asskomm.meetings.models import ActionItem, Invitation, Meeting
from asskomm.structure.models import Body, Person
from asskomm.timeutil import now
from tenants import tenant_context

from ..helpers import tenant, user


def _meeting(session, slug: str) -> Meeting:
    body = Body(kind="working_group", name=f"AG Sitzungsmatrix {slug}")
    meeting = Meeting(body=body, title=f"Interne Sitzung {slug}", starts_at=now() + timedelta(days=30),
                      ends_at=now() + timedelta(days=30, hours=2), place="Rathaus", public=False)
    # The KPR's coordinator and member are invited, so answering on the meeting page has its people.
    logins = [user(f"{role}.{slug}") for role in ("koordination", "mitglied")]
    invited = session.scalars(sa.select(Person).where(Person.user_id.in_([u.id for u in logins if u]))).all()
    meeting.invitations = [Invitation(person=p, token=f"matrix-{slug}-{secrets.token_hex(8)}") for p in invited]
    session.add(meeting)
    session.flush()
    return meeting


def _meeting_id(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        return _meeting(session, slug).id


def _action_item(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        item = ActionItem(meeting=_meeting(session, slug), title=f"Aufgabe {slug}")
        session.add(item)
        session.flush()
        return item.id


OBJECTS = {"meeting_id": _meeting_id, "action_item_id": _action_item}
