"""Meetings through HTTP (tasks run eagerly here; tests/test_meetings_worker.py uses a real worker):
scheduling with German validation, invitations with .ics, replies by personal link, attendance,
minutes, action items, approval at a later meeting, the calendar feed, access and query counts."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from asskomm.accounts.models import Membership
from asskomm.mail.models import OutboxMessage
from asskomm.meetings import demo
from asskomm.meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Decision,
    Invitation,
    Meeting,
    MeetingStatus,
    Minutes,
    Reply,
)
from asskomm.structure.models import Body, BodyMembership, Person
from asskomm.timeutil import now
from tenants import Tenant, tenant_context

from .helpers import tenant, user

FUTURE = (date.today() + timedelta(days=60)).isoformat()


def make_body(ctx, slug: str = "zwickau", members: int = 3, name: str = "AG Sitzungstest") -> int:
    """A body with `members` current members with e-mail, one without e-mail and one former member."""
    with ctx() as session, tenant_context(tenant(slug).id):
        body = Body(kind="working_group", name=name)
        for n in range(members):
            body.memberships.append(BodyMembership(person=Person(name=f"Mitglied {n} {name}",
                                                                 email=f"m{n}.{len(name)}@{slug}.example")))
        body.memberships.append(BodyMembership(person=Person(name="Ohne Adresse", email="")))
        body.memberships.append(BodyMembership(person=Person(name="Ehemalig", email=f"alt@{slug}.example"),
                                               starts_on=date(2020, 1, 1), ends_on=date(2021, 1, 1)))
        session.add(body)
        session.commit()
        return body.id


def meeting_form(body_id: int, **changes) -> dict:
    form = {"body_id": str(body_id), "title": "Sitzung der AG", "day": FUTURE, "starts": "18:00", "ends": "20:00",
            "place": "Rathaus, Raum 101", "online_url": "", "agenda-0-title": "Begrüßung", "agenda-0-owner_id": "0"}
    form.update(changes)
    return form


def schedule(client, body_id: int, slug: str = "zwickau", **changes) -> int:
    response = client.submit(f"/k/{slug}/sitzungen/neu", meeting_form(body_id, **changes))
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])


def past_meeting(ctx, body_id: int, days_ago: int, slug: str = "zwickau", invite: bool = True) -> int:
    """A meeting that has already taken place (created directly: the form refuses past dates)."""
    with ctx() as session, tenant_context(tenant(slug).id):
        body = session.get(Body, body_id)
        start = now() - timedelta(days=days_ago)
        meeting = Meeting(body=body, title=f"Sitzung vor {days_ago} Tagen", starts_at=start,
                          ends_at=start + timedelta(hours=2), place="Rathaus")
        if invite:
            for m in body.memberships:
                meeting.invitations.append(Invitation(person=m.person, token=f"tok-{days_ago}-{m.person_id}"))
        session.add(meeting)
        session.commit()
        return meeting.id


def outbox(ctx, meeting_id: int) -> list[OutboxMessage]:
    with ctx() as session:
        rows = session.scalars(sa.select(OutboxMessage).where(OutboxMessage.dedup_key.like(f"meeting:{meeting_id}:%"))
                               .order_by(OutboxMessage.id)).all()
        for row in rows:
            _ = row.attachments
        return rows


def ics(message: OutboxMessage) -> Calendar:
    (attachment,) = message.attachments
    assert attachment.content_type.startswith("text/calendar")
    return Calendar.from_ical(attachment.data)


def test_coordinator_schedules_a_meeting_in_berlin_time(client_as, ctx):
    body_id = make_body(ctx)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        owner_id = session.scalar(sa.select(Person.id).filter_by(name="Mitglied 1 AG Sitzungstest"))
    client = client_as("koordination.zwickau")
    assert "Sitzung planen" in client.get("/k/zwickau/sitzungen/neu").get_data(as_text=True)
    meeting_id = schedule(client, body_id, day="2030-06-14", public="y", online_url="https://meet.example/ag",
                          **{"agenda-1-title": "Graffiti-Flächen", "agenda-1-owner_id": str(owner_id)})
    page = client.get(f"/k/zwickau/sitzungen/{meeting_id}").get_data(as_text=True)
    assert "14.06.2030, 18:00 Uhr" in page and "Graffiti-Flächen" in page and "Mitglied 1 AG Sitzungstest" in page
    assert "öffentlich" in page
    with ctx() as session, tenant_context(tenant("zwickau").id):
        meeting = session.get(Meeting, meeting_id)
        assert meeting.starts_at.replace(tzinfo=UTC) == datetime(2030, 6, 14, 16, 0, tzinfo=UTC)  # CEST
        assert meeting.public and [a.title for a in meeting.agenda] == ["Begrüßung", "Graffiti-Flächen"]
    listing = client.get(f"/k/zwickau/sitzungen?gremium={body_id}").get_data(as_text=True)
    assert "Sitzung der AG" in listing and "Kommende Sitzungen (1)" in listing


@pytest.mark.parametrize(("changes", "message"), [
    ({"ends": "17:00"}, "Das Ende muss nach dem Beginn liegen."),
    ({"day": "2020-01-01"}, "Eine Sitzung kann nicht in der Vergangenheit beginnen."),
    ({"place": "", "online_url": ""}, "Bitte geben Sie einen Ort oder einen Online-Link an."),
    ({"title": ""}, "Bitte geben Sie einen Titel ein."),
    ({"day": "morgen"}, "Kein gültiges Datum."),
    ({"online_url": "kein link"}, "Bitte geben Sie einen vollständigen Link an"),
])
def test_invalid_meetings_are_refused_in_german_and_change_nothing(client_as, ctx, changes, message):
    body_id = make_body(ctx)
    client = client_as("koordination.zwickau")
    response = client.submit("/k/zwickau/sitzungen/neu", meeting_form(body_id, **changes))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.scalar(sa.select(sa.func.count()).select_from(Meeting).filter_by(body_id=body_id)) == 0


def test_editing_refuses_bad_input_and_keeps_the_meeting(client_as, ctx):
    body_id = make_body(ctx)
    client = client_as("koordination.zwickau")
    meeting_id = schedule(client, body_id)
    response = client.submit(f"/k/zwickau/sitzungen/{meeting_id}/bearbeiten",
                             meeting_form(body_id, title="Neu", starts="21:00"))
    assert response.status_code == 422 and "Das Ende muss nach dem Beginn liegen." in response.get_data(as_text=True)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        meeting = session.get(Meeting, meeting_id)
        assert meeting.title == "Sitzung der AG" and meeting.sequence == 0


def test_member_reads_but_cannot_edit_and_outsiders_get_404(client_as, ctx):
    body_id = make_body(ctx)
    meeting_id = schedule(client_as("koordination.zwickau"), body_id)
    member = client_as("mitglied.zwickau")
    assert member.get(f"/k/zwickau/sitzungen/{meeting_id}").status_code == 200
    assert "Einladungen versenden" not in member.get(f"/k/zwickau/sitzungen/{meeting_id}").get_data(as_text=True)
    assert member.get("/k/zwickau/aufgaben").status_code == 200
    assert member.get("/k/zwickau/sitzungen/neu").status_code == 403
    assert member.get(f"/k/zwickau/sitzungen/{meeting_id}/bearbeiten").status_code == 403
    assert member.submit(f"/k/zwickau/sitzungen/{meeting_id}/einladungen").status_code == 403
    assert member.submit(f"/k/zwickau/sitzungen/{meeting_id}/absagen").status_code == 403
    assert client_as("coach1").get(f"/k/zwickau/sitzungen/{meeting_id}").status_code == 200
    assert client_as("coach2").get(f"/k/zwickau/sitzungen/{meeting_id}").status_code == 404  # coach of others
    assert client_as("coach2").get(f"/k/meissen/sitzungen/{meeting_id}").status_code == 404
    assert client_as("koordination.zittau").get(f"/k/zittau/sitzungen/{meeting_id}").status_code == 404
    assert client_as("land").get("/k/zwickau/sitzungen").status_code == 403  # state council: not internal papers
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.scalar(sa.select(sa.func.count()).select_from(Invitation).filter_by(meeting_id=meeting_id)) == 0


def test_invitations_once_per_member_with_ics_updates_and_cancellation(client_as, ctx):
    body_id = make_body(ctx)
    client = client_as("koordination.zwickau")
    meeting_id = schedule(client, body_id, day="2030-01-10")
    assert client.submit(f"/k/zwickau/sitzungen/{meeting_id}/einladungen").status_code == 302
    mails = outbox(ctx, meeting_id)
    assert sorted(m.recipient for m in mails) == [f"m{n}.15@zwickau.example" for n in range(3)]
    assert all(m.subject.startswith("Einladung: Sitzung der AG am 10.01.2030") for m in mails)
    event = ics(mails[0]).walk("VEVENT")[0]
    assert ics(mails[0])["METHOD"] == "REQUEST"
    assert str(event["UID"]) == f"asskomm-sitzung-{meeting_id}@asskomm.sachsen.de" and event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == datetime(2030, 1, 10, 17, 0, tzinfo=UTC)  # 18:00 CET
    assert event.decoded("DTEND") == datetime(2030, 1, 10, 19, 0, tzinfo=UTC)
    assert "Begrüßung" in str(event["DESCRIPTION"]) and str(event["LOCATION"]) == "Rathaus, Raum 101"
    link = re.search(r"http://localhost(/k/zwickau/antwort/\S+)", mails[0].body).group(1)
    assert link in str(event["DESCRIPTION"])

    # Sending again mails nobody twice; a member who joined later gets just theirs.
    assert client.submit(f"/k/zwickau/sitzungen/{meeting_id}/einladungen").status_code == 302
    assert len(outbox(ctx, meeting_id)) == 3
    with ctx() as session, tenant_context(tenant("zwickau").id):
        session.add(BodyMembership(body_id=body_id, person=Person(name="Neu", email="neu@zwickau.example")))
        session.commit()
    client.submit(f"/k/zwickau/sitzungen/{meeting_id}/einladungen")
    mails = outbox(ctx, meeting_id)
    assert len(mails) == 4 and mails[-1].recipient == "neu@zwickau.example"

    # A new place: everyone gets the updated invitation once, with the next sequence number.
    assert client.submit(f"/k/zwickau/sitzungen/{meeting_id}/bearbeiten",
                         meeting_form(body_id, day="2030-01-10", place="Ratssaal")).status_code == 302
    client.submit(f"/k/zwickau/sitzungen/{meeting_id}/bearbeiten",
                  meeting_form(body_id, day="2030-01-10", place="Ratssaal", title="Nur der Titel"))
    updates = outbox(ctx, meeting_id)[4:]
    assert len(updates) == 4 and all(m.subject.startswith("Geänderte Einladung") for m in updates)
    assert ics(updates[0]).walk("VEVENT")[0]["SEQUENCE"] == 1
    assert str(ics(updates[0]).walk("VEVENT")[0]["UID"]) == f"asskomm-sitzung-{meeting_id}@asskomm.sachsen.de"

    assert client.submit(f"/k/zwickau/sitzungen/{meeting_id}/absagen").status_code == 302
    cancellations = outbox(ctx, meeting_id)[8:]
    assert len(cancellations) == 4 and all(m.subject.startswith("Abgesagt:") for m in cancellations)
    assert ics(cancellations[0])["METHOD"] == "CANCEL"
    assert ics(cancellations[0]).walk("VEVENT")[0]["STATUS"] == "CANCELLED"
    again = client.submit(f"/k/zwickau/sitzungen/{meeting_id}/einladungen", follow_redirects=True)
    assert "Die Sitzung ist abgesagt und kann nicht mehr geändert werden." in again.get_data(as_text=True)
    assert len(outbox(ctx, meeting_id)) == 12


def test_reply_by_personal_link_without_login(client_as, client, ctx):
    body_id = make_body(ctx)
    coordinator = client_as("koordination.zwickau")
    meeting_id = schedule(coordinator, body_id)
    coordinator.submit(f"/k/zwickau/sitzungen/{meeting_id}/einladungen")
    with ctx() as session, tenant_context(tenant("zwickau").id):
        invitation = session.scalars(sa.select(Invitation).filter_by(meeting_id=meeting_id)).first()
        token, invitation_id = invitation.token, invitation.id
    url = f"/k/zwickau/antwort/{token}"
    page = client.get(url)  # what a mail scanner does: it only looks
    assert page.status_code == 200 and "Zusage" in page.get_data(as_text=True)
    client.get(f"{url}?reply=yes")
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.get(Invitation, invitation_id).reply == Reply.pending
    bad = client.submit(url, {"reply": "vielleicht-ja"}, page=url)
    assert bad.status_code == 422 and "Keine gültige Auswahl." in bad.get_data(as_text=True)
    done = client.submit(url, {"reply": "maybe"}, page=url, follow_redirects=True)
    assert "Danke, Ihre Antwort wurde gespeichert: vielleicht." in done.get_data(as_text=True)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.get(Invitation, invitation_id).reply == Reply.maybe
    assert "vielleicht" in coordinator.get(f"/k/zwickau/sitzungen/{meeting_id}").get_data(as_text=True)
    assert client.get("/k/zwickau/antwort/gibt-es-nicht").status_code == 404
    assert client.submit("/k/zwickau/antwort/gibt-es-nicht", {"reply": "yes"}).status_code == 404
    assert client.get(f"/k/zittau/antwort/{token}").status_code == 404  # another KPR's URL: not found
    assert client.get("/k/zwickau/antwort/").status_code == 200


def test_attendance_minutes_action_items_and_approval_at_a_later_meeting(client_as, ctx):
    body_id = make_body(ctx)
    earlier_id = past_meeting(ctx, body_id, days_ago=40)
    held_id = past_meeting(ctx, body_id, days_ago=10)
    approving_id = past_meeting(ctx, body_id, days_ago=2, invite=False)
    client = client_as("koordination.zwickau")
    later_id = schedule(client, body_id)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        invitations = session.scalars(sa.select(Invitation).filter_by(meeting_id=held_id).order_by(Invitation.id))
        present = [i.id for i in invitations][:2]
        owners = list(session.scalars(sa.select(Person.id).where(Person.name.like("Mitglied % AG Sitzungstest"))
                                      .order_by(Person.name)))
    base = f"/k/zwickau/sitzungen/{held_id}"
    early = client.submit(f"/k/zwickau/sitzungen/{later_id}/niederschrift", {"text": "Zu früh"})
    assert early.status_code == 422 and "erst ab Beginn der Sitzung" in early.get_data(as_text=True)
    assert client.submit(f"{base}/anwesenheit", {"attended": [str(i) for i in present]}).status_code == 302
    assert client.submit(f"{base}/niederschrift", {"text": ""}).status_code == 422
    assert client.submit(f"{base}/niederschrift", {"text": "Es wurde beraten.",
                                                   "decisions": "Beschluss eins\n\nBeschluss zwei"}).status_code == 302
    for title, owner in (("Flächen prüfen", owners[0]), ("Bericht schreiben", owners[1])):
        response = client.submit(f"{base}/aufgaben", {"title": title, "owner_id": str(owner), "due_on": "2030-02-01"})
        assert response.status_code == 302
    assert client.submit(f"{base}/aufgaben", {"title": ""}).status_code == 422
    with ctx() as session, tenant_context(tenant("zwickau").id):
        meeting = session.get(Meeting, held_id)
        assert meeting.status == MeetingStatus.held
        assert sorted(i.id for i in meeting.invitations if i.attended) == present
        assert [d.text for d in meeting.minutes.decisions] == ["Beschluss eins", "Beschluss zwei"]
        minutes_id = meeting.minutes.id

    open_items = client_as("mitglied.zwickau").get("/k/zwickau/aufgaben").get_data(as_text=True)
    assert "Flächen prüfen" in open_items and "Bericht schreiben" in open_items
    filtered = client.get(f"/k/zwickau/aufgaben?gremium={body_id}&person={owners[1]}").get_data(as_text=True)
    assert "Bericht schreiben" in filtered and "Flächen prüfen" not in filtered
    assert "Offene Aufgaben (1)" in filtered

    # Approval: not in the same meeting, not in an earlier one, not in one still to come; then in a
    # later meeting that has taken place.
    for in_meeting in (held_id, earlier_id):
        refused = client.submit(f"/k/zwickau/sitzungen/{in_meeting}/genehmigung", {"minutes_id": str(minutes_id)},
                                follow_redirects=True)
        assert "Eine Niederschrift kann nur in einer späteren Sitzung genehmigt werden." in refused.get_data(
            as_text=True)
    assert "Niederschrift einer früheren Sitzung genehmigen" not in client.get(
        f"/k/zwickau/sitzungen/{later_id}").get_data(as_text=True)
    future = client.submit(f"/k/zwickau/sitzungen/{later_id}/genehmigung", {"minutes_id": str(minutes_id)},
                           follow_redirects=True)
    assert "in einer Sitzung genehmigt, die stattgefunden hat" in future.get_data(as_text=True)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.get(Minutes, minutes_id).approved_at is None
    approving_page = client.get(f"/k/zwickau/sitzungen/{approving_id}").get_data(as_text=True)
    assert "Niederschrift einer früheren Sitzung genehmigen" in approving_page
    assert client.submit(f"/k/zwickau/sitzungen/{approving_id}/genehmigung",
                         {"minutes_id": str(minutes_id)}).status_code == 302
    with ctx() as session, tenant_context(tenant("zwickau").id):
        minutes = session.get(Minutes, minutes_id)
        assert minutes.approved_at is not None and minutes.approved_in_id == approving_id
    locked = client.submit(f"{base}/niederschrift", {"text": "Nachträglich"})
    assert "bereits genehmigt" in locked.get_data(as_text=True)

    with ctx() as session, tenant_context(tenant("zwickau").id):
        item_id = session.scalar(sa.select(ActionItem.id).filter_by(title="Flächen prüfen"))
    assert client_as("mitglied.zwickau").submit(f"/k/zwickau/aufgaben/{item_id}/erledigt").status_code == 403
    assert client.submit(f"/k/zwickau/aufgaben/{item_id}/erledigt").status_code == 302
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.get(ActionItem, item_id).status == ActionStatus.done
    listing = client.get("/k/zwickau/aufgaben").get_data(as_text=True)
    assert "ist erledigt." in listing and "<td>Flächen prüfen</td>" not in listing
    assert "<td>Bericht schreiben</td>" in listing


def test_minutes_of_another_kpr_cannot_be_approved(client_as, ctx):
    zittau_body = make_body(ctx, "zittau")
    zittau_meeting = past_meeting(ctx, zittau_body, days_ago=5, slug="zittau", invite=False)
    with ctx() as session, tenant_context(tenant("zittau").id):
        minutes = Minutes(meeting_id=zittau_meeting, text="Intern")
        session.add(minutes)
        session.commit()
        minutes_id = minutes.id
    client = client_as("koordination.zwickau")
    meeting_id = schedule(client, make_body(ctx))
    response = client.submit(f"/k/zwickau/sitzungen/{meeting_id}/genehmigung", {"minutes_id": str(minutes_id)})
    assert response.status_code == 404


def _feed_url(client) -> str:
    page = client.get("/k/zwickau/sitzungen").get_data(as_text=True)
    return re.search(r'value="http://localhost(/k/zwickau/kalender/[^"]+\.ics)"', page).group(1)


def test_calendar_feed_for_members_stops_when_the_membership_ends(client_as, client, ctx):
    body_id = make_body(ctx)
    meeting_id = schedule(client_as("koordination.zwickau"), body_id, title="Feed-Sitzung")
    url = _feed_url(client_as("mitglied.zwickau"))
    response = client.get(url)  # a calendar app: no session
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert f"asskomm-sitzung-{meeting_id}@asskomm.sachsen.de" in uids
    assert "Feed-Sitzung" in response.get_data(as_text=True)
    assert client.get(url.replace("/k/zwickau/", "/k/zittau/")).status_code == 404  # token names its KPR
    assert client.get(url[:-8] + "xxxx.ics").status_code == 404
    assert client.get("/k/zwickau/kalender.ics").status_code == 404  # anonymous without token
    assert client_as("coach1").get("/k/zwickau/kalender.ics").status_code == 200
    with ctx() as session, tenant_context(tenant("zwickau").id):
        session.execute(sa.delete(Membership).where(Membership.user_id == user("mitglied.zwickau").id))
        session.commit()
    assert client.get(url).status_code == 404


def test_feed_stops_after_a_password_change(client_as, client, ctx):
    url = _feed_url(client_as("coach1"))
    assert client.get(url).status_code == 200
    with ctx() as session:
        user("coach1").auth_version += 1
        session.commit()
    assert client.get(url).status_code == 404


def _grow(ctx, body_id: int, meeting_id: int, n: int) -> None:
    """n more meetings, invitations, agenda items, decisions and action items."""
    with ctx() as session, tenant_context(tenant("zwickau").id):
        body = session.get(Body, body_id)
        people = [Person(name=f"Viele {k}", email=f"viele{k}@zwickau.example") for k in range(n)]
        meeting = session.get(Meeting, meeting_id)
        for k, person in enumerate(people):
            meeting.minutes.decisions.append(Decision(text=f"Beschluss {k}", position=k))
            meeting.agenda.append(AgendaItem(title=f"TOP {k}", owner=person, position=k))
            body.memberships.append(BodyMembership(person=person))
            meeting.invitations.append(Invitation(person=person, token=f"viele-{meeting_id}-{k}"))
            session.add(ActionItem(meeting=meeting, title=f"Aufgabe {k}", owner=person))
            start = now() + timedelta(days=k + 1)
            session.add(Meeting(body=body, title=f"Weitere {k}", starts_at=start, ends_at=start + timedelta(hours=1),
                                place="Ort"))
        session.commit()


def test_pages_stay_within_a_fixed_number_of_queries(client_as, ctx, count_queries):
    body_id = make_body(ctx)
    meeting_id = past_meeting(ctx, body_id, days_ago=3)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        session.add(Minutes(meeting_id=meeting_id, text="Text", decisions=[Decision(text="Einer")]))
        session.commit()
        token = session.scalars(sa.select(Invitation.token).filter_by(meeting_id=meeting_id)).first()
    client = client_as("koordination.zwickau")
    pages = [f"/k/zwickau/sitzungen/{meeting_id}", "/k/zwickau/sitzungen", "/k/zwickau/aufgaben",
             f"/k/zwickau/aufgaben?gremium={body_id}", "/k/zwickau/kalender.ics",
             f"/k/zwickau/sitzungen/{meeting_id}/bearbeiten", f"/k/zwickau/sitzungen/{meeting_id}/niederschrift",
             f"/k/zwickau/antwort/{token}"]

    def measure() -> list[int]:
        counts = []
        for page in pages:
            with count_queries() as n:
                assert client.get(page).status_code == 200
            counts.append(n.value)
        return counts

    small = measure()
    _grow(ctx, body_id, meeting_id, 30)
    large = measure()
    assert small == large, list(zip(pages, small, large, strict=True))
    assert max(large) <= 15


def test_demo_meetings_are_there_once(ctx):
    with ctx() as session:
        tenants = {t.slug: t for t in session.scalars(sa.select(Tenant))}
        demo.load(tenants)
        demo.load(tenants)
        with tenant_context(tenants["zwickau"].id):
            second = session.scalars(sa.select(Meeting).filter_by(title="2. Sitzung des Kommunalen Präventionsrates"))
            (meeting,) = second.all()
            assert meeting.starts_at.replace(tzinfo=UTC) == datetime(2021, 10, 7, 14, 0, tzinfo=UTC)
            assert meeting.minutes.approved_in.title == "3. Sitzung des Kommunalen Präventionsrates"
            assert session.scalar(sa.select(sa.func.count()).select_from(ActionItem)
                                  .filter_by(status=ActionStatus.open)) >= 3
            assert session.scalar(sa.select(sa.func.count()).select_from(Meeting)
                                  .where(Meeting.public, Meeting.starts_at > datetime(2026, 11, 21, tzinfo=UTC))) >= 1
        for slug in ("zittau", "meissen", "landkreis-rostock"):
            with tenant_context(tenants[slug].id):
                assert session.scalar(sa.select(sa.func.count()).select_from(Meeting)) >= 2


def test_demo_meetings_are_readable(client_as):
    client = client_as("mitglied.zwickau")
    page = client.get("/k/zwickau/sitzungen").get_data(as_text=True)
    assert "2. Sitzung des Kommunalen Präventionsrates" in page and "07.10.2021" in page
    assert "Entwurf des Präventionsberichts 2026 vorlegen" in client.get("/k/zwickau/aufgaben").get_data(as_text=True)
