"""Lifecycle rules of events (issue 10, A1 A3 A4 A5 A6): no cancelling once an event has begun,
and a cancellation keeps attendance and feedback; who may not take part is told why; waitlisted
people get no certificate or feedback links; cancelling an event asks first and is marked
everywhere; only state admins change an organiser; invited KPRs are mailed and their replies
take seats."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from asskomm.audit.models import AuditEntry
from asskomm.errors import DomainError
from asskomm.events.models import (
    Attendance,
    Event,
    EventKind,
    EventSession,
    Feedback,
    KprInvitation,
    Registration,
    RegistrationStatus,
)
from asskomm.events.organising import services as organising
from asskomm.events.registration import services
from asskomm.mail.models import OutboxMessage
from asskomm.snapshots.models import EventFigures
from asskomm.timeutil import BERLIN, now
from workers.events import aggregate_events_now

from .helpers import tenant, user

PAST = "Koordinator:innen-Treffen Westsachsen"  # demo: 3 attended, feedback 4 and 5
DAY = (now() + timedelta(days=40)).astimezone(BERLIN).date()
CLOSES = (now() + timedelta(days=30)).astimezone(BERLIN).strftime("%Y-%m-%dT%H:%M")


def _form(**changes) -> dict:
    form = {"kind": "training", "title": "Präventionsarbeit im ländlichen Raum", "organiser": "",
            "audience": "open", "reach": "all", "capacity": "20", "registration_closes_at": CLOSES,
            "sessions-0-day": DAY.isoformat(), "sessions-0-starts": "09:00", "sessions-0-ends": "15:00",
            "sessions-0-place": "Dresden, Landespräventionsrat"}
    form.update(changes)
    return form


def _event(session, title: str, starts_in=timedelta(days=20), capacity: int = 10, **values) -> Event:
    starts = now() + starts_in
    event = Event(kind=EventKind.training, title=title, capacity=capacity,
                  registration_closes_at=min(now() + timedelta(days=7), starts - timedelta(hours=1)), **values)
    event.sessions.append(EventSession(starts_at=starts, ends_at=starts + timedelta(hours=4), place="Leipzig"))
    session.add(event)
    session.flush()
    return event


def _by_title(session, title: str) -> Event:
    return session.scalar(sa.select(Event).filter_by(title=title))


def _figures(session, event_id: int) -> EventFigures:
    aggregate_events_now()
    return session.get(EventFigures, (event_id, "event", ""))


# --- A1: no cancelling once begun; a cancellation is a state ---------------------------------------


def test_a_begun_event_s_registration_cannot_be_cancelled_and_attendance_and_feedback_stay(client_as, ctx):
    with ctx() as session:
        event = _by_title(session, PAST)
        own = session.scalar(sa.select(Registration).filter_by(event_id=event.id,
                                                               user_id=user("koordination.zwickau").id))
        event_id, own_id = event.id, own.id
        names = [user(login).name for login in ("koordination.zwickau", "koordination.plauen", "coach1")]
        figures = _figures(session, event_id)
        before = (figures.attended, figures.feedback_count, figures.feedback_average)
        session.commit()
    assert before == (3, 2, 4.5)
    person = client_as("koordination.zwickau")
    page = person.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    assert "Anmeldung stornieren" not in page and "kann nicht mehr storniert werden" in page
    assert person.submit(f"/veranstaltungen/anmeldungen/{own_id}/stornieren").status_code == 404
    assert client_as("land").submit(f"/veranstaltungen/anmeldungen/{own_id}/stornieren").status_code == 404
    attendance = client_as("land").get(f"/veranstaltungen/{event_id}/teilnahme").get_data(as_text=True)
    assert all(name in attendance for name in names)
    with ctx() as session:
        assert session.get(Registration, own_id).status == RegistrationStatus.confirmed
        with pytest.raises(DomainError, match="bereits begonnen"):
            services.cancel(own_id)  # the service refuses too, whoever asks
        session.rollback()
        figures = _figures(session, event_id)
        assert (figures.attended, figures.feedback_count, figures.feedback_average) == before


def test_a_cancelled_registration_keeps_its_attendance_and_feedback_in_the_figures(ctx):
    """Should a registration with recorded presence be cancelled (check-in opens before the start),
    nothing it leaves behind disappears: neither rows nor figures."""
    with ctx() as session:
        event = _event(session, "Fachtag Sucht", starts_in=timedelta(minutes=30))
        person = user("koordination.meissen")
        registration = services.register(event.id, person, None, person, organiser=True)
        session.add(Attendance(registration_id=registration.id, session_id=event.sessions[0].id, present=True))
        session.add(Feedback(registration_id=registration.id, overall=2, usefulness=3))
        session.flush()
        services.cancel(registration.id)
        assert session.get(Registration, registration.id).status == RegistrationStatus.cancelled
        assert session.scalar(sa.select(sa.func.count()).select_from(Attendance)
                              .filter_by(registration_id=registration.id)) == 1
        figures = _figures(session, event.id)
        assert (figures.registrations, figures.attended, figures.feedback_average) == (0, 1, 2.0)
        session.rollback()


# --- A3: who may not take part is told why; waitlisted people get no follow-up links -----------------


def test_an_event_not_open_to_the_kpr_says_why_instead_of_offering_to_register(client_as, ctx):
    with ctx() as session:
        goerlitz = _event(session, "Nur für Görlitz", reach="district", district="Landkreis Görlitz").id
        coordinators = _event(session, "Nur für Koordinator:innen", audience="coordinators").id
        names = {"mitglied.zwickau": user("mitglied.zwickau").name}
        session.commit()
    far = client_as("koordination.zwickau").get(f"/veranstaltungen/{goerlitz}").get_data(as_text=True)
    assert "Diese Veranstaltung ist nicht für den KPR Stadt Zwickau ausgeschrieben." in far
    assert ">Anmelden</button>" not in far and "Auf die Warteliste" not in far
    assert "Personen aus Ihrem KPR" in far and "<select" not in far  # nobody of the KPR is offered
    member = client_as("mitglied.zwickau").get(f"/veranstaltungen/{coordinators}").get_data(as_text=True)
    assert "richtet sich an Koordinator:innen" in member and ">Anmelden</button>" not in member
    coordinator = client_as("koordination.zwickau").get(f"/veranstaltungen/{coordinators}").get_data(as_text=True)
    assert ">Anmelden</button>" in coordinator
    assert f"{names['mitglied.zwickau']} (Stadt Zwickau)" not in coordinator  # members: not for this event
    near = client_as("koordination.zittau").get(f"/veranstaltungen/{goerlitz}").get_data(as_text=True)
    assert ">Anmelden</button>" in near and "ausgeschrieben." not in near


def test_waitlisted_people_are_offered_neither_certificate_nor_feedback(client_as, ctx):
    with ctx() as session:
        event = _by_title(session, PAST)
        waiting = Registration(event_id=event.id, user_id=user("koordination.meissen").id,
                               status=RegistrationStatus.waitlisted, tenant_id=tenant("meissen").id)
        session.add(waiting)
        session.commit()
        event_id = event.id
    for page in (f"/veranstaltungen/{event_id}", "/veranstaltungen/meine-anmeldungen"):
        waitlisted = client_as("koordination.meissen").get(page).get_data(as_text=True)
        assert PAST in waitlisted or "Warteliste" in waitlisted
        assert "Teilnahmebescheinigung" not in waitlisted and "Rückmeldung geben" not in waitlisted
        confirmed = client_as("koordination.zwickau").get(page).get_data(as_text=True)
        assert "Teilnahmebescheinigung" in confirmed and "Rückmeldung geben" in confirmed
    upcoming = client_as("koordination.zittau").get("/veranstaltungen/meine-anmeldungen").get_data(as_text=True)
    assert "Koordinator:innen-Treffen Ostsachsen" in upcoming and "Rückmeldung geben" not in upcoming.split(
        "Koordinator:innen-Treffen Ostsachsen")[1].split("</tr>")[0]  # not before the event


# --- A4: cancelling an event asks first, tells everyone, is marked everywhere ------------------------


def test_cancelling_an_event_asks_says_who_is_told_and_marks_it_everywhere(client_as, ctx):
    admin = client_as("land")
    admin.submit("/veranstaltungen/verwaltung/neu", _form(capacity="2"))
    with ctx() as session:
        event_id = _by_title(session, "Präventionsarbeit im ländlichen Raum").id
    for login in ("coach1", "coach2", "koordination.meissen"):  # 2 confirmed, 1 waiting
        client_as(login).submit(f"/veranstaltungen/{event_id}/anmelden")
    url = f"/veranstaltungen/verwaltung/{event_id}/absagen"
    assert f'href="{url}"' in admin.get("/veranstaltungen/verwaltung/").get_data(as_text=True)
    assert f'href="{url}"' in admin.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    question = admin.get(url)
    page = question.get_data(as_text=True)
    assert question.status_code == 200 and "3 Personen werden benachrichtigt" in page
    assert "Begründung (freiwillig)" in page
    with ctx() as session:
        assert session.get(Event, event_id).cancelled_at is None  # asking changes nothing
    assert admin.submit(url, {"reason": "Die Referentin ist erkrankt."}, page=url).status_code == 302
    with ctx() as session:
        event = session.get(Event, event_id)
        assert event.cancelled_at is not None
        mails = session.scalars(sa.select(OutboxMessage).where(OutboxMessage.dedup_key.like(f"event:{event_id}:%"),
                                                               OutboxMessage.subject.startswith("Abgesagt"))).all()
        assert len(mails) == 3 and all("Begründung: Die Referentin ist erkrankt." in m.body for m in mails)
        entries = session.scalars(sa.select(AuditEntry).filter_by(object_type="event", object_id=str(event_id),
                                                                   action="update")).all()
        assert [e.reason for e in entries if "cancelled_at" in e.changes] == ["Die Referentin ist erkrankt."]
        assert session.scalar(sa.select(sa.func.count()).select_from(Registration).filter_by(
            event_id=event_id, status=RegistrationStatus.cancelled)) == 0  # registrations stay as they were
        aggregate_events_now()
        session.commit()
    person = client_as("coach1")
    detail = person.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    assert "Diese Veranstaltung ist abgesagt" in detail and "stornieren" not in detail
    assert ">Anmelden</button>" not in client_as("koordination.zwickau").get(
        f"/veranstaltungen/{event_id}").get_data(as_text=True)
    for client, page in ((person, "/veranstaltungen/"), (person, "/veranstaltungen/meine-anmeldungen"),
                         (admin, "/veranstaltungen/verwaltung/"), (admin, "/land/veranstaltungen/")):
        row = client.get(page).get_data(as_text=True).split("Präventionsarbeit im ländlichen Raum</a>")[1]
        assert "abgesagt" in row.split("</tr>")[0], page
    refused = client_as("koordination.zwickau").submit(f"/veranstaltungen/{event_id}/anmelden",
                                                       follow_redirects=True)
    assert "Diese Veranstaltung ist abgesagt." in refused.get_data(as_text=True)
    assert admin.get(url).status_code == 404  # no second question: policy refuses


def test_a_begun_event_cannot_be_cancelled(client_as, ctx):
    with ctx() as session:
        event_id = _event(session, "Laufender Kurs", starts_in=timedelta(hours=-1)).id
        session.commit()
    admin = client_as("land")
    assert "Veranstaltung absagen" not in admin.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    assert admin.get(f"/veranstaltungen/verwaltung/{event_id}/absagen").status_code == 404


def test_my_registrations_in_a_fixed_number_of_queries(client_as, ctx, count_queries):
    client = client_as("coach1")
    with count_queries() as few:
        assert client.get("/veranstaltungen/meine-anmeldungen").status_code == 200
    with ctx() as session:
        person = user("coach1")
        for number in range(12):
            event = _event(session, f"Kurs {number}")
            services.register(event.id, person, None, person)
        session.commit()
    with count_queries() as many:
        page = client.get("/veranstaltungen/meine-anmeldungen").get_data(as_text=True)
    assert "Kurs 11" in page and many.value == few.value, (few.value, many.value)


# --- A5: the organiser is changed by state admins only ----------------------------------------------


FORUM = "PräventionsForum Landkreis Rostock"  # demo: organised by Landkreis Rostock


def _forum_form(event: Event, **changes) -> dict:
    starts = event.sessions[0].starts_at.astimezone(BERLIN)
    ends = event.sessions[0].ends_at.astimezone(BERLIN)
    return _form(kind="forum", title=FORUM, capacity=str(event.capacity), audience="open",
                 registration_closes_at=event.registration_closes_at.astimezone(BERLIN).strftime("%Y-%m-%dT%H:%M"),
                 **{"sessions-0-day": starts.date().isoformat(), "sessions-0-starts": starts.strftime("%H:%M"),
                    "sessions-0-ends": ends.strftime("%H:%M"), "sessions-0-place": event.sessions[0].place}) | changes


def test_a_kpr_coordinator_cannot_hand_their_event_to_another_organiser(client_as, ctx):
    with ctx() as session:
        forum = _by_title(session, FORUM)
        forum_id, rostock, guestrow = forum.id, forum.organiser_tenant_id, tenant("guestrow").id  # MV's KPRs
        form = _forum_form(forum)
    coordinator = client_as("koordination.landkreis-rostock")
    edit = f"/veranstaltungen/verwaltung/{forum_id}"
    page = coordinator.get(edit).get_data(as_text=True)
    assert 'name="organiser"' not in page and "ändern können ihn Administrator:innen" in page
    response = coordinator.submit(edit, form | {"organiser": "guestrow", "capacity": "130"})
    assert response.status_code == 302
    with ctx() as session:
        forum = session.get(Event, forum_id)
        assert forum.organiser_tenant_id == rostock and forum.capacity == 130  # saved, organiser kept
        with pytest.raises(DomainError, match="Den Veranstalter ändern nur"):
            organising.save_event(forum, form | {"organiser_tenant_id": guestrow, "registration_closes_at":
                                                 forum.registration_closes_at.astimezone(BERLIN).replace(tzinfo=None),
                                                 "capacity": 130},
                                  organising.parse_sessions([{"day": forum.sessions[0].starts_at.date(),
                                                              "starts": forum.sessions[0].starts_at.time(),
                                                              "ends": forum.sessions[0].ends_at.time(),
                                                              "place": "Güstrow"}]), [])
        session.rollback()
    assert coordinator.get(edit).status_code == 200  # still theirs to manage
    assert 'name="organiser"' not in client_as("kontakt-mv").get(
        "/veranstaltungen/verwaltung/neu").get_data(as_text=True)
    assert client_as("land").get(edit).status_code == 404  # Saxony's admin does not manage MV's forum
    admin = client_as("land-mv")  # the forum is MV's
    assert 'name="organiser"' in admin.get(edit).get_data(as_text=True)
    assert admin.submit(edit, form | {"organiser": "guestrow", "capacity": "130"}).status_code == 302
    with ctx() as session:
        assert session.get(Event, forum_id).organiser_tenant_id == guestrow


# --- A6: invited KPRs get a mail; their replies take seats and show on the dashboard -----------------


def test_invited_kprs_are_mailed_and_their_replies_take_seats(client_as, ctx):
    with ctx():
        zittau, bautzen = tenant("zittau").id, tenant("bautzen").id
    admin = client_as("land")
    admin.submit("/veranstaltungen/verwaltung/neu", _form(
        kind="network_meeting", title="Vernetzungstreffen Oberlausitz", reach="invited", capacity="5",
        invited=[str(zittau), str(bautzen)]))
    with ctx() as session:
        event_id = _by_title(session, "Vernetzungstreffen Oberlausitz").id
        invitations = {i.tenant_id: i.id for i in session.scalars(sa.select(KprInvitation).filter_by(
            event_id=event_id))}
        mails = {m.recipient: m for m in session.scalars(sa.select(OutboxMessage).where(
            OutboxMessage.dedup_key.like(f"event:{event_id}:kpr:%")))}
    assert set(mails) == {"koordination.zittau@demo.asskomm.de", "koordination.bautzen@demo.asskomm.de"}
    invitation = mails["koordination.zittau@demo.asskomm.de"]
    assert invitation.subject == "Einladung: Vernetzungstreffen Oberlausitz"
    assert f"http://localhost/veranstaltungen/{event_id}#antwort-kpr{zittau}" in invitation.body
    page = client_as("koordination.zittau").get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    assert f'id="antwort-kpr{zittau}"' in page  # where the link leads

    def reply(login, tenant_id, answer, participants=""):
        return client_as(login).submit(
            f"/veranstaltungen/kpr-einladungen/{invitations[tenant_id]}/antwort",
            {f"kpr{tenant_id}-reply": answer, f"kpr{tenant_id}-participants": participants}, follow_redirects=True)

    assert reply("koordination.zittau", zittau, "yes", "3").status_code == 200
    assert "2 von 5 Plätzen frei (3 durch Zusagen eingeladener KPR belegt)" in client_as(
        "koordination.bautzen").get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    too_many = reply("koordination.bautzen", bautzen, "yes", "3").get_data(as_text=True)
    assert "Es sind nur noch 2 Plätze frei" in too_many
    client_as("koordination.bautzen").submit(f"/veranstaltungen/{event_id}/anmelden")
    client_as("mitglied.bautzen").submit(f"/veranstaltungen/{event_id}/anmelden")
    client_as("mitglied.zittau").submit(f"/veranstaltungen/{event_id}/anmelden")  # full: waiting
    with ctx() as session:
        waiting = session.scalar(sa.select(Registration).filter_by(event_id=event_id,
                                                                   status=RegistrationStatus.waitlisted))
        assert waiting.user_id == user("mitglied.zittau").id
        assert session.get(Event, event_id).free_seats == 0
    reply("koordination.zittau", zittau, "yes", "2")  # one seat less: the first waiting moves up
    with ctx() as session:
        assert session.get(Registration, waiting.id).status == RegistrationStatus.confirmed
        event = session.get(Event, event_id)
        assert (event.confirmed_count, event.reserved_seats, event.capacity) == (3, 2, 5)
        figures = _figures(session, event_id)
        assert figures.kpr_participants == 2
        session.commit()
    dashboard = admin.get("/land/veranstaltungen/").get_data(as_text=True)
    row = dashboard.split("Vernetzungstreffen Oberlausitz</a>")[1].split("</tr>")[0]
    assert "Zusagen eingeladener KPR" in dashboard and "<td>2</td>" in row


def test_capacity_raised_promotes_from_the_waiting_list(client_as, ctx):
    admin = client_as("land")
    admin.submit("/veranstaltungen/verwaltung/neu", _form(capacity="1"))
    with ctx() as session:
        event_id = _by_title(session, "Präventionsarbeit im ländlichen Raum").id
    for login in ("coach1", "coach2", "koordination.meissen"):
        client_as(login).submit(f"/veranstaltungen/{event_id}/anmelden")
    assert admin.submit(f"/veranstaltungen/verwaltung/{event_id}", _form(capacity="2")).status_code == 302
    with ctx() as session:
        statuses = dict(session.execute(sa.select(Registration.user_id, Registration.status).filter_by(
            event_id=event_id)).all())
        assert statuses[user("coach2").id] == RegistrationStatus.confirmed
        assert statuses[user("koordination.meissen").id] == RegistrationStatus.waitlisted
        assert session.get(Event, event_id).confirmed_count == 2
        assert session.scalar(sa.select(OutboxMessage.subject).filter_by(
            recipient="coach2@demo.asskomm.de").where(OutboxMessage.subject.startswith("Sie sind nachgerückt")))
