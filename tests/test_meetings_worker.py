"""The issue's "Must show" for meetings, through HTTP and a real Celery worker on Redis that
delivers to a local SMTP server: schedule a steering-group meeting, invite every member once with
an .ics a calendar library parses, re-running the task mails nobody again, a reply by the personal
link is recorded, minutes with two action items, the open action items list, approval at the next
meeting."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from asskomm.mail.models import OutboxMessage
from asskomm.meetings.models import Invitation, Meeting, Minutes, Reply
from asskomm.meetings.tasks import send_invitations
from asskomm.structure.models import Body, BodyKind, BodyMembership, BodyRole, Person
from asskomm.timeutil import BERLIN
from tenants import db, tenant_context

from .fixtures.clients import make_client
from .helpers import tenant

pytestmark = pytest.mark.worker

MEMBERS = ["Hanna Roth <hanna.roth@plauen.example>", "Jens Vogt <jens.vogt@plauen.example>",
           "Lea Brandt <lea.brandt@plauen.example>"]
DAY = date.today() + timedelta(days=45)


def _steering_group(app) -> tuple[int, int, list[int]]:
    with app.app_context():
        plauen = tenant("plauen")
        with tenant_context(plauen.id):
            body = Body(kind=BodyKind.steering_group, name="Lenkungsgremium Plauen")
            for entry in MEMBERS:
                name, email = entry[:-1].split(" <")
                body.memberships.append(BodyMembership(person=Person(name=name, email=email), role=BodyRole.member))
            db.session.add(body)
            db.session.commit()
            return plauen.id, body.id, [m.person_id for m in body.memberships]


def _schedule(client, body_id: int, title: str, day: date) -> int:
    response = client.submit("/k/plauen/sitzungen/neu", {
        "body_id": str(body_id), "title": title, "day": day.isoformat(), "starts": "17:30", "ends": "19:00",
        "place": "Rathaus Plauen, Ratssaal", "agenda-0-title": "Lagebild", "agenda-0-owner_id": "0"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[-1])


def _ours(inbox, since: int) -> list:
    """The mails to our members that arrived after the first `since` (the inbox lives per session)."""
    addresses = {entry[:-1].split(" <")[1] for entry in MEMBERS}
    return [m for m in inbox.messages[since:] if m["To"] in addresses]


def test_steering_group_meeting_from_invitation_to_approved_minutes(
        redis_worker, smtp_server, through_broker, live_client, committed):
    inbox, _ = smtp_server
    since = len(inbox.messages)
    tenant_id, body_id, person_ids = _steering_group(committed)
    coordinator = live_client
    assert coordinator.login("koordination.plauen@demo.asskomm.de").status_code == 302
    meeting_id = _schedule(coordinator, body_id, "1. Sitzung des Lenkungsgremiums", DAY)

    # Invitations: the request commits, the worker queues one mail per member, the mails go out.
    assert coordinator.submit(f"/k/plauen/sitzungen/{meeting_id}/einladungen").status_code == 302
    deadline = time.monotonic() + 60
    while len(_ours(inbox, since)) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    mails = _ours(inbox, since)
    assert sorted(m["To"] for m in mails) == sorted(e[:-1].split(" <")[1] for e in MEMBERS), \
        redis_worker.log.read_text()[-3000:]
    expected_start = datetime.combine(DAY, dtime(17, 30), tzinfo=BERLIN).astimezone(UTC)
    for mail in mails:
        assert mail["Subject"].startswith("Einladung: 1. Sitzung des Lenkungsgremiums")
        (attachment,) = list(mail.iter_attachments())
        assert attachment.get_content_type() == "text/calendar" and attachment.get_filename() == "sitzung.ics"
        calendar = Calendar.from_ical(attachment.get_content())
        (event,) = calendar.walk("VEVENT")
        assert calendar["METHOD"] == "REQUEST"
        assert str(event["UID"]) == f"asskomm-sitzung-{meeting_id}@asskomm.sachsen.de"
        assert str(event["SUMMARY"]) == "1. Sitzung des Lenkungsgremiums (Lenkungsgremium Plauen)"
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None
        assert start == expected_start

    # Re-running the task (or a redelivered message) mails nobody again.
    with committed.app_context(), tenant_context(tenant_id):
        assert send_invitations.delay(meeting_id).get(timeout=30) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)
                                 .where(OutboxMessage.dedup_key.like(f"meeting:{meeting_id}:%"))) == 3
    time.sleep(1)
    assert len(_ours(inbox, since)) == 3

    # A reply by the personal link, without login: GET only shows, the button POSTs.
    link = re.search(r"http://localhost(/k/plauen/antwort/\S+)", mails[0].get_body(("plain",)).get_content()).group(1)
    visitor = make_client(committed)
    assert visitor.get(link).status_code == 200
    assert visitor.submit(link, {"reply": "yes"}, page=link).status_code == 302
    with committed.app_context(), tenant_context(tenant_id):
        invitation = db.session.scalar(sa.select(Invitation).where(Invitation.token == link.rsplit("/", 1)[-1]))
        assert invitation.reply == Reply.yes and invitation.person.email == mails[0]["To"]
        invitation_id = invitation.id
        # Time passes: the meeting has taken place.
        meeting = db.session.get(Meeting, meeting_id)
        meeting.starts_at = datetime.now(UTC) - timedelta(days=1, hours=2)
        meeting.ends_at = datetime.now(UTC) - timedelta(days=1)
        db.session.commit()

    # Minutes with two action items; both are on the open action items list.
    base = f"/k/plauen/sitzungen/{meeting_id}"
    assert coordinator.submit(f"{base}/anwesenheit", {"attended": [str(invitation_id)]}).status_code == 302
    assert coordinator.submit(f"{base}/niederschrift", {
        "text": "Das Lenkungsgremium hat sich konstituiert.",
        "decisions": "Die Geschäftsordnung wird beschlossen.\nDie Sicherheitsanalyse wird beauftragt."}
    ).status_code == 302
    for title, owner in (("Bürgerbefragung vorbereiten", person_ids[0]), ("Geschäftsordnung veröffentlichen",
                                                                           person_ids[1])):
        assert coordinator.submit(f"{base}/aufgaben", {"title": title, "owner_id": str(owner),
                                                       "due_on": (DAY + timedelta(days=30)).isoformat()}
                                  ).status_code == 302
    listing = coordinator.get("/k/plauen/aufgaben").get_data(as_text=True)
    assert "Offene Aufgaben (2)" in listing
    assert "Bürgerbefragung vorbereiten" in listing and "Geschäftsordnung veröffentlichen" in listing
    assert "Hanna Roth" in listing and "Jens Vogt" in listing

    # The next meeting approves the minutes.
    next_id = _schedule(coordinator, body_id, "2. Sitzung des Lenkungsgremiums", DAY + timedelta(days=60))
    with committed.app_context(), tenant_context(tenant_id):
        minutes_id = db.session.scalar(sa.select(Minutes.id).filter_by(meeting_id=meeting_id))
        # Minutes are approved in a meeting that has taken place: time passes again.
        later = db.session.get(Meeting, next_id)
        later.starts_at, later.ends_at = datetime.now(UTC) - timedelta(hours=3), datetime.now(UTC) - timedelta(hours=1)
        db.session.commit()
    assert "Niederschrift einer früheren Sitzung genehmigen" in coordinator.get(
        f"/k/plauen/sitzungen/{next_id}").get_data(as_text=True)
    assert coordinator.submit(f"/k/plauen/sitzungen/{next_id}/genehmigung",
                              {"minutes_id": str(minutes_id)}).status_code == 302
    with committed.app_context(), tenant_context(tenant_id):
        minutes = db.session.get(Minutes, minutes_id)
        assert minutes.approved_in_id == next_id and minutes.approved_at is not None
    page = coordinator.get(base).get_data(as_text=True)
    assert "Genehmigt am" in page and "2. Sitzung des Lenkungsgremiums" in page

