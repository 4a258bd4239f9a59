"""`can(user, action, obj)` decides on the object and its state: whose registration it is, who
organises the event, whether a meeting has begun, in which KPR a document lies, who wrote a
consultation or a comment. The pages offer only what it allows."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from asskomm.coaching.models import Consultation
from asskomm.comments.models import WorkspaceComment
from asskomm.documents.models import Document
from asskomm.events.models import Event, EventSession, Registration
from asskomm.meetings.models import Meeting, MeetingStatus
from asskomm.policy import can
from asskomm.structure.models import Body
from asskomm.timeutil import now
from tenants import tenant_context

from .helpers import tenant, user


@pytest.fixture
def people(ctx):
    with ctx():
        return {login: user(login) for login in ("koordination.zwickau", "mitglied.zwickau", "koordination.zittau",
                                                 "coach1", "land", "kontakt")}


def _meeting(starts_in: timedelta, status: MeetingStatus = MeetingStatus.planned) -> Meeting:
    return Meeting(tenant_id=tenant("zwickau").id, body=Body(kind="working_group", name="AG"), title="Sitzung",
                   starts_at=now() + starts_in, status=status)


def test_meeting_rules_follow_role_and_state(ctx, people):
    with ctx():
        coordinator, member = people["koordination.zwickau"], people["mitglied.zwickau"]
        coming, begun = _meeting(timedelta(days=3)), _meeting(timedelta(hours=-1))
        cancelled = _meeting(timedelta(days=3), MeetingStatus.cancelled)
        assert can(coordinator, "meeting.cancel", coming) and can(coordinator, "meeting.invite", coming)
        assert not can(coordinator, "meeting.cancel", begun) and not can(coordinator, "meeting.record", coming)
        assert can(coordinator, "meeting.record", begun) and can(coordinator, "meeting.edit", begun)
        assert not can(coordinator, "meeting.edit", cancelled) and not can(coordinator, "meeting.record", cancelled)
        assert not any(can(member, action, coming) for action in ("meeting.edit", "meeting.cancel", "meeting.invite"))
        assert not can(people["koordination.zittau"], "meeting.cancel", coming)  # decided in the meeting's KPR


def test_documents_are_edited_in_their_own_kpr_only(ctx, people):
    with ctx():
        zwickau, zittau = (Document(tenant_id=tenant(slug).id, title="Geschäftsordnung")
                           for slug in ("zwickau", "zittau"))
        coordinator = people["koordination.zwickau"]
        assert can(coordinator, "document.edit", zwickau) and not can(coordinator, "document.edit", zittau)
        assert not can(people["mitglied.zwickau"], "document.edit", zwickau)


def test_consultations_and_comments_belong_to_their_author(ctx, people):
    with ctx():
        zwickau = tenant("zwickau").id
        coach, other = people["coach1"], people["land"]
        consultation = Consultation(tenant_id=zwickau, coach_id=coach.id)
        assert can(coach, "consultation.edit", consultation) and not can(other, "consultation.edit", consultation)
        comment = WorkspaceComment(tenant_id=zwickau, author_id=coach.id)
        assert can(coach, "comment.withdraw", comment)
        assert not can(people["koordination.zwickau"], "comment.withdraw", comment)


def test_registrations_and_events(ctx, people):
    with ctx() as session:
        zwickau = tenant("zwickau").id
        forum = Event(kind="network", title="PräventionsForum", organiser_tenant_id=zwickau, capacity=10,
                      registration_closes_at=now() + timedelta(days=5))
        forum.sessions = [EventSession(starts_at=now() + timedelta(days=9), ends_at=now() + timedelta(days=9, hours=2))]
        member = people["mitglied.zwickau"]
        own = Registration(event=forum, user_id=member.id, tenant_id=zwickau)
        foreign = Registration(event=forum, user_id=people["coach1"].id, tenant_id=None)
        assert can(people["koordination.zwickau"], "event.manage", forum)  # the organising KPR's coordinator
        assert can(people["land"], "event.manage", forum) and not can(member, "event.manage", forum)
        assert not can(people["koordination.zittau"], "event.manage", forum)
        assert can(member, "registration.cancel", own) and not can(member, "registration.cancel", foreign)
        assert can(people["koordination.zwickau"], "registration.cancel", foreign)  # as organiser
        assert not can(people["koordination.zittau"], "registration.cancel", own)
        assert can(member, "registration.view", own) and not can(people["koordination.zittau"], "registration.view",
                                                                   own)
        session.rollback()


def test_a_begun_meeting_offers_no_cancel_button(client_as, ctx):
    with ctx() as session, tenant_context(tenant("zwickau").id):
        body = session.scalar(sa.select(Body).order_by(Body.id))
        coming = Meeting(body=body, title="Kommende Sitzung", starts_at=now() + timedelta(days=4), place="Rathaus")
        begun = Meeting(body=body, title="Laufende Sitzung", starts_at=now() - timedelta(hours=1), place="Rathaus")
        session.add_all([coming, begun])
        session.commit()
        ids = coming.id, begun.id
    client = client_as("koordination.zwickau")
    pages = [client.get(f"/k/zwickau/sitzungen/{meeting_id}").get_data(as_text=True) for meeting_id in ids]
    assert "Sitzung absagen" in pages[0] and "Sitzung absagen" not in pages[1]
    member_page = client_as("mitglied.zwickau").get(f"/k/zwickau/sitzungen/{ids[0]}").get_data(as_text=True)
    assert "Sitzung absagen" not in member_page and "Sitzung bearbeiten" not in member_page
