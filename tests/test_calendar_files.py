"""Every .ics the platform writes, read back with a second parser (vobject, not icalendar which
writes them): in winter and in summer the instant is the Berlin wall time the page shows, and
ORGANIZER is a mailto: URI with a CN (B1). Personal feed addresses are renewed by their owner,
after a confirmation, and the old address is a 404 from then on (C9)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
import vobject

from asskomm.accounts.feeds import FeedKey
from asskomm.calendars import organizer
from asskomm.events.models import Event, EventKind, EventSession, Registration, RegistrationStatus
from asskomm.timeutil import BERLIN

from .helpers import user
from .test_meetings import _feed_url as meetings_feed_url
from .test_meetings import make_body, outbox, schedule

WINTER, SUMMER = datetime(2030, 1, 10, 9, 0, tzinfo=BERLIN), datetime(2030, 7, 11, 9, 0, tzinfo=BERLIN)
MAILTO = re.compile(r"mailto:[^\s<>\"@]+@[^\s<>\"@]+\.[a-z]+")


def _entries(data: bytes) -> list:
    calendar = vobject.readOne(data.decode("utf-8"))
    return list(calendar.vevent_list)


def _check_organizer(entry, name: str) -> None:
    assert MAILTO.fullmatch(entry.organizer.value), entry.organizer.value
    assert entry.organizer.params["CN"] == [name]


def _event(ctx) -> int:
    """A training with a session in winter (CET) and one in summer (CEST), both 09:00–12:00 in Berlin."""
    with ctx() as session:
        event = Event(kind=EventKind.training, title="Kalender Winter und Sommer", capacity=5,
                      registration_closes_at=datetime(2029, 12, 1, tzinfo=UTC))
        for start in (WINTER, SUMMER):
            event.sessions.append(EventSession(starts_at=start.astimezone(UTC),
                                               ends_at=start.replace(hour=12).astimezone(UTC), place="Dresden"))
        session.add(event)
        session.flush()
        session.add(Registration(event_id=event.id, user_id=user("coach1").id, status=RegistrationStatus.confirmed))
        event.confirmed_count = 1
        session.commit()
        return event.id


def _event_feed_path(client, event_id: int) -> str:
    page = client.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    return re.search(r"<code>http://localhost(/veranstaltungen/kalender/[^<]+\.ics)</code>", page).group(1)


def test_event_calendar_and_feed_give_the_berlin_time_in_winter_and_summer(client_as, client, ctx):
    event_id = _event(ctx)
    coach = client_as("coach1")
    page = coach.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    assert "10.01.2030, 09:00 Uhr" in page and "11.07.2030, 09:00 Uhr" in page  # what the page shows
    single = coach.get(f"/veranstaltungen/{event_id}/kalender.ics")
    feed = client.get(_event_feed_path(coach, event_id))  # a calendar program, without a session
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    for data in (single.data, feed.data):
        entries = sorted((e for e in _entries(data) if e.summary.value.startswith("Kalender Winter")),
                         key=lambda e: e.dtstart.value)
        assert [e.dtstart.value for e in entries] == [WINTER, SUMMER]  # the same instants, aware
        assert [e.dtend.value for e in entries] == [WINTER.replace(hour=12), SUMMER.replace(hour=12)]
        assert [e.dtstart.value.astimezone(BERLIN).strftime("%H:%M") for e in entries] == ["09:00", "09:00"]
        assert entries[0].dtstart.value.utcoffset() is not None  # not "floating" (read in the client's zone)
        for entry in entries:
            _check_organizer(entry, "Landespräventionsrat Sachsen")


def test_meeting_invitation_and_feed_give_the_berlin_time_in_winter_and_summer(client_as, client, ctx):
    body_id = make_body(ctx, name="AG Kalenderzeiten")
    coordinator = client_as("koordination.zwickau")
    winter = schedule(coordinator, body_id, day="2030-01-10", starts="18:00", ends="20:00", title="Wintersitzung")
    summer = schedule(coordinator, body_id, day="2030-07-11", starts="18:00", ends="20:00", title="Sommersitzung")
    expected = {winter: datetime(2030, 1, 10, 18, 0, tzinfo=BERLIN),
                summer: datetime(2030, 7, 11, 18, 0, tzinfo=BERLIN)}
    for meeting_id, starts in expected.items():
        assert starts.strftime("%d.%m.%Y, %H:%M Uhr") in coordinator.get(
            f"/k/zwickau/sitzungen/{meeting_id}").get_data(as_text=True)
        assert coordinator.submit(f"/k/zwickau/sitzungen/{meeting_id}/einladungen").status_code == 302
        (attachment,) = outbox(ctx, meeting_id)[0].attachments
        (entry,) = _entries(attachment.data)
        assert entry.dtstart.value == starts and entry.dtend.value == starts.replace(hour=20)
        _check_organizer(entry, "AG Kalenderzeiten")
        assert entry.attendee.value.startswith("mailto:")
    feed = client.get(meetings_feed_url(client_as("mitglied.zwickau")))
    assert feed.status_code == 200
    shown = {e.summary.value: e for e in _entries(feed.data)}
    for title, meeting_id in (("Wintersitzung", winter), ("Sommersitzung", summer)):
        entry = shown[f"{title} (AG Kalenderzeiten)"]
        assert entry.dtstart.value == expected[meeting_id]
        _check_organizer(entry, "AG Kalenderzeiten")


@pytest.mark.parametrize("mail_from", ["ASSKomm-Plattform <noreply@asskomm.sachsen.de>",
                                       "noreply@asskomm.sachsen.de"])
def test_organizer_is_a_bare_mailto_address_whatever_mail_from_looks_like(fresh, monkeypatch, mail_from):
    monkeypatch.setitem(fresh.config, "SETTINGS", replace(fresh.config["SETTINGS"], mail_from=mail_from))
    with fresh.test_request_context():
        value = organizer('KPR "Zwickau"')
    assert str(value) == "mailto:noreply@asskomm.sachsen.de" and value.params["CN"] == "KPR 'Zwickau'"


# --- C9: renewing a personal feed address -----------------------------------------------------------


def test_event_feed_address_is_renewed_after_a_confirmation_and_the_old_one_ends(client_as, client, ctx):
    event_id = _event(ctx)
    coach = client_as("coach1")
    old = _event_feed_path(coach, event_id)
    assert client.get(old).status_code == 200
    page = coach.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    renew = f"/veranstaltungen/kalender/erneuern?next=/veranstaltungen/{event_id}"
    assert f'href="{renew}"' in page  # the page links to the question; nothing changes by looking
    question = coach.get(renew)
    text = question.get_data(as_text=True)
    assert question.status_code == 200 and "funktioniert danach nicht mehr" in text
    assert client.get(old).status_code == 200
    done = coach.submit(renew, {"reason": "Adresse versehentlich weitergegeben"}, page=renew)
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/veranstaltungen/{event_id}")
    assert client.get(old).status_code == 404
    new = _event_feed_path(coach, event_id)
    assert new != old and client.get(new).status_code == 200
    coach.submit(renew, page=renew)  # renewed again: the second address ends too
    assert client.get(new).status_code == 404 and client.get(_event_feed_path(coach, event_id)).status_code == 200
    # someone else's address is not touched by renewing one's own
    other = client_as("coach2")
    theirs = _event_feed_path(other, event_id)
    with ctx() as session:
        keys = session.scalars(sa.select(FeedKey).filter_by(user_id=user("coach1").id)).all()
        assert [(k.feed, k.generation) for k in keys] == [("events", 2)]
    assert client.get(theirs).status_code == 200


def test_meetings_feed_address_is_renewed_for_one_kpr_and_the_old_one_ends(client_as, client):
    member = client_as("mitglied.zwickau")
    old = meetings_feed_url(member)
    assert client.get(old).status_code == 200
    page = member.get("/k/zwickau/sitzungen").get_data(as_text=True)
    assert 'href="/k/zwickau/sitzungen/kalender/erneuern"' in page
    question = member.get("/k/zwickau/sitzungen/kalender/erneuern").get_data(as_text=True)
    assert "KPR Stadt Zwickau funktioniert danach nicht mehr" in question and "Neue Adresse erstellen" in question
    assert client.get(old).status_code == 200
    url = "/k/zwickau/sitzungen/kalender/erneuern"
    assert member.submit(url, page=url).status_code == 302
    assert client.get(old).status_code == 404
    new = meetings_feed_url(member)
    assert new != old and client.get(new).status_code == 200
    coach = client_as("coach1")
    coach_old = meetings_feed_url(coach)
    assert client.get(coach_old).status_code == 200  # another person's address stays
    assert client_as("koordination.zittau").get(url).status_code == 404  # not their KPR
