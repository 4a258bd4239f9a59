"""Organisers and coordinators through HTTP: events with sessions, changes and cancellation told to
everyone registered, members registered by their coordinator, audience and reach, KPR replies,
calendar files."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from icalendar import Calendar

from asskomm.events.models import Event, KprInvitation, Registration, RegistrationStatus
from asskomm.mail.models import OutboxMessage
from asskomm.timeutil import BERLIN, berlin, now

from .helpers import tenant, user

DAY = (now() + timedelta(days=40)).astimezone(BERLIN).date()
CLOSES = (now() + timedelta(days=30)).astimezone(BERLIN).strftime("%Y-%m-%dT%H:%M")


def _form(**changes) -> dict:
    form = {"kind": "training", "title": "Sicherheitsanalyse in der Praxis", "description": "Ein Tag Methoden.",
            "organiser_tenant_id": "0", "audience": "open", "reach": "all", "capacity": "2",
            "registration_closes_at": CLOSES, "sessions-0-day": DAY.isoformat(), "sessions-0-starts": "09:00",
            "sessions-0-ends": "15:00", "sessions-0-place": "Dresden, Landespräventionsrat"}
    form.update(changes)
    return form


def _event_id(ctx, title="Sicherheitsanalyse in der Praxis") -> int:
    with ctx() as session:
        return session.scalar(sa.select(Event.id).filter_by(title=title))


def test_state_council_creates_an_event_with_sessions(client_as, ctx):
    client = client_as("land")
    response = client.submit("/veranstaltungen/verwaltung/neu", _form(**{
        "sessions-1-day": (DAY + timedelta(days=1)).isoformat(), "sessions-1-starts": "09:00",
        "sessions-1-ends": "12:00", "sessions-1-online_url": "https://konferenz.example/raum"}))
    assert response.status_code == 302
    with ctx() as session:
        event = session.get(Event, _event_id(ctx))
        assert len(event.sessions) == 2
        assert berlin(event.sessions[0].starts_at).hour == 9
    page = client.get(f"/veranstaltungen/{event.id}").get_data(as_text=True)
    assert "Sicherheitsanalyse in der Praxis" in page and "2 von 2 Plätzen frei" in page


def test_bad_event_input_is_refused_in_german(client_as, ctx):
    client = client_as("land")
    response = client.submit("/veranstaltungen/verwaltung/neu", _form(**{"sessions-0-ends": "08:00"}))
    assert response.status_code == 422 and "das Ende muss nach dem Beginn liegen" in response.get_data(as_text=True)
    late = (now() + timedelta(days=60)).astimezone(BERLIN).strftime("%Y-%m-%dT%H:%M")
    response = client.submit("/veranstaltungen/verwaltung/neu", _form(registration_closes_at=late))
    assert "Die Anmeldung muss vor dem ersten Termin enden." in response.get_data(as_text=True)
    assert _event_id(ctx) is None
    assert client_as("koordination.zwickau").get("/veranstaltungen/verwaltung/neu").status_code == 404


def test_changed_dates_and_cancellation_are_told_to_everyone_registered(client_as, ctx):
    admin = client_as("land")
    admin.submit("/veranstaltungen/verwaltung/neu", _form())
    event_id = _event_id(ctx)
    for login in ("coach1", "coach2", "koordination.meissen"):
        client_as(login).submit(f"/veranstaltungen/{event_id}/anmelden")
    assert admin.submit(f"/veranstaltungen/verwaltung/{event_id}", _form(**{"sessions-0-starts": "10:00"})
                        ).status_code == 302
    admin.submit(f"/veranstaltungen/verwaltung/{event_id}", _form(**{"sessions-0-starts": "10:00"}))  # no change
    assert admin.submit(f"/veranstaltungen/verwaltung/{event_id}/absagen").status_code == 302
    with ctx() as session:
        subjects = session.scalars(sa.select(OutboxMessage.subject).where(
            OutboxMessage.dedup_key.like(f"event:{event_id}:%"))).all()
        assert sum(s.startswith("Geänderte Termine") for s in subjects) == 3
        assert sum(s.startswith("Abgesagt") for s in subjects) == 3
    cancelled = client_as("coach1").get(f"/veranstaltungen/{event_id}")  # stays, marked
    assert cancelled.status_code == 200 and "Diese Veranstaltung ist abgesagt" in cancelled.get_data(as_text=True)


def test_capacity_cannot_drop_below_seats_taken(client_as, ctx):
    admin = client_as("land")
    admin.submit("/veranstaltungen/verwaltung/neu", _form())
    event_id = _event_id(ctx)
    client_as("coach1").submit(f"/veranstaltungen/{event_id}/anmelden")
    client_as("coach2").submit(f"/veranstaltungen/{event_id}/anmelden")
    response = admin.submit(f"/veranstaltungen/verwaltung/{event_id}", _form(capacity="1"))
    assert response.status_code == 422 and "bereits 2 Plätze vergeben" in response.get_data(as_text=True)


def test_coordinator_registers_a_member_of_their_kpr(client_as, ctx):
    client_as("land").submit("/veranstaltungen/verwaltung/neu", _form(audience="members"))
    event_id = _event_id(ctx)
    coordinator = client_as("koordination.zittau")
    page = coordinator.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    assert "Robert Kaiser (Große Kreisstadt Zittau)" in page
    with ctx():
        member_id, zittau_id = user("mitglied.zittau").id, tenant("zittau").id
        zwickau_member = user("mitglied.zwickau").id
    response = coordinator.submit(f"/veranstaltungen/{event_id}/anmelden-fuer", {"member": f"{zittau_id}:{member_id}"})
    assert response.status_code == 302
    foreign = coordinator.submit(f"/veranstaltungen/{event_id}/anmelden-fuer",
                                 {"member": f"{tenant_id_of(ctx, 'zwickau')}:{zwickau_member}"}, follow_redirects=True)
    assert "Bitte wählen Sie eine Person aus Ihrem KPR." in foreign.get_data(as_text=True)
    with ctx() as session:
        registration = session.scalar(sa.select(Registration).filter_by(event_id=event_id, user_id=member_id))
        assert registration.tenant_id == zittau_id and registration.status == RegistrationStatus.confirmed
        assert session.scalar(sa.select(Registration).filter_by(event_id=event_id, user_id=zwickau_member)) is None
    assert "Robert Kaiser" in coordinator.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)


def tenant_id_of(ctx, slug: str) -> int:
    with ctx():
        return tenant(slug).id


def test_audience_and_reach_are_enforced(client_as, ctx):
    admin = client_as("land")
    admin.submit("/veranstaltungen/verwaltung/neu", _form(title="Nur Koordinator:innen", audience="coordinators"))
    admin.submit("/veranstaltungen/verwaltung/neu", _form(title="Nur Görlitz", reach="district",
                                                          district="Landkreis Görlitz"))
    coordinators_only, goerlitz = _event_id(ctx, "Nur Koordinator:innen"), _event_id(ctx, "Nur Görlitz")
    refused = client_as("coach1").submit(f"/veranstaltungen/{coordinators_only}/anmelden", follow_redirects=True)
    assert "richtet sich an Koordinator:innen" in refused.get_data(as_text=True)
    assert client_as("koordination.zwickau").submit(f"/veranstaltungen/{coordinators_only}/anmelden"
                                                    ).status_code == 302
    far = client_as("koordination.zwickau").submit(f"/veranstaltungen/{goerlitz}/anmelden", follow_redirects=True)
    assert "nicht für den KPR Stadt Zwickau ausgeschrieben" in far.get_data(as_text=True)
    assert client_as("koordination.zittau").submit(f"/veranstaltungen/{goerlitz}/anmelden").status_code == 302
    with ctx() as session:
        counts = dict(session.execute(sa.select(Registration.event_id, sa.func.count()).where(
            Registration.event_id.in_([coordinators_only, goerlitz])).group_by(Registration.event_id)).all())
        assert counts == {coordinators_only: 1, goerlitz: 1}


def test_network_meeting_invites_kprs_who_reply_once_and_see_the_minutes(client_as, ctx):
    with ctx():
        zittau, bautzen = tenant("zittau").id, tenant("bautzen").id
    admin = client_as("land")
    admin.submit("/veranstaltungen/verwaltung/neu", _form(
        kind="network_meeting", title="Vernetzungstreffen Oberlausitz", reach="invited", capacity="10",
        invited=[str(zittau), str(bautzen)],
        agenda="1. Berichte aus den KPR\n2. Sicherheitsanalyse", minutes="Nächstes Treffen im Frühjahr."))
    event_id = _event_id(ctx, "Vernetzungstreffen Oberlausitz")
    with ctx() as session:
        invitation_id = session.scalar(sa.select(KprInvitation.id).filter_by(event_id=event_id, tenant_id=zittau))
    coordinator = client_as("koordination.zittau")
    page = coordinator.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    assert "Antwort für den KPR Große Kreisstadt Zittau" in page and "Nächstes Treffen im Frühjahr." in page
    bad = coordinator.submit(f"/veranstaltungen/kpr-einladungen/{invitation_id}/antwort",
                             {f"kpr{zittau}-reply": "yes", f"kpr{zittau}-participants": "0"}, follow_redirects=True)
    assert "wie viele Personen teilnehmen" in bad.get_data(as_text=True)
    coordinator.submit(f"/veranstaltungen/kpr-einladungen/{invitation_id}/antwort",
                       {f"kpr{zittau}-reply": "yes", f"kpr{zittau}-participants": "3"})
    with ctx() as session:
        invitation = session.get(KprInvitation, invitation_id)
        assert (invitation.reply.value, invitation.participants) == ("yes", 3)
    assert client_as("koordination.bautzen").submit(
        f"/veranstaltungen/kpr-einladungen/{invitation_id}/antwort",
        {f"kpr{zittau}-reply": "no"}).status_code == 404
    outsider = client_as("koordination.zwickau").get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    assert "Nächstes Treffen im Frühjahr." not in outsider


def test_calendar_file_and_personal_feed(client_as, client, ctx):
    admin = client_as("land")
    admin.submit("/veranstaltungen/verwaltung/neu", _form())
    event_id = _event_id(ctx)
    coach = client_as("coach1")
    coach.submit(f"/veranstaltungen/{event_id}/anmelden")
    calendar = Calendar.from_ical(coach.get(f"/veranstaltungen/{event_id}/kalender.ics").data)
    entries = [c for c in calendar.walk("VEVENT")]
    assert len(entries) == 1 and str(entries[0]["summary"]) == "Sicherheitsanalyse in der Praxis"
    page = coach.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    feed_path = page.split("<code>")[1].split("</code>")[0].replace("http://localhost", "")
    feed = client.get(feed_path)
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    summaries = [str(entry["summary"]) for entry in Calendar.from_ical(feed.data).walk("VEVENT")]
    assert "Sicherheitsanalyse in der Praxis" in summaries
    assert client.get("/veranstaltungen/kalender/falsch.ics").status_code == 404


def test_the_district_of_an_event_is_chosen_from_the_list_not_typed(client_as, ctx):
    admin = client_as("land")
    typed = admin.submit("/veranstaltungen/verwaltung/neu", _form(title="Für LK Zwickau", reach="district",
                                                                  district="LK Zwickau"))
    assert typed.status_code == 422 and "Bitte wählen Sie einen Eintrag aus der Liste." in typed.get_data(as_text=True)
    assert _event_id(ctx, "Für LK Zwickau") is None
    page = admin.get("/veranstaltungen/verwaltung/neu").get_data(as_text=True)
    assert '<option value="Landkreis Zwickau">' in page
