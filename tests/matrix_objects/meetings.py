"""Objects of meetings for the isolation matrix: an internal (not public) meeting and its action
item. Reply links and feed tokens are capabilities, not objects (tests/test_meetings.py checks
that another KPR's token is a 404)."""

from __future__ import annotations

from datetime import timedelta

from asskomm.meetings.models import ActionItem, Meeting
from asskomm.structure.models import Body
from asskomm.timeutil import now
from tenants import tenant_context

from ..helpers import tenant


def _meeting(session, slug: str) -> Meeting:
    body = Body(kind="working_group", name=f"AG Sitzungsmatrix {slug}")
    meeting = Meeting(body=body, title=f"Interne Sitzung {slug}", starts_at=now() + timedelta(days=30),
                      ends_at=now() + timedelta(days=30, hours=2), place="Rathaus", public=False)
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
