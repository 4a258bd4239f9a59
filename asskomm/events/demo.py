"""Demo events of the state council and Landkreis Rostock's PräventionsForum."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from tenants import FIRST_ALLIANCE_ID, Tenant, db

from ..accounts.models import User
from .models import (
    Attendance,
    Audience,
    Event,
    EventKind,
    EventSession,
    Feedback,
    InvitationReply,
    KprInvitation,
    Reach,
    Registration,
    RegistrationStatus,
)
from .registration import services

# title, kind, audience, capacity, first session (UTC), hours, place, organiser slug, registering logins
EVENTS = [
    ("Fachkraft für Kriminalprävention (Beccaria-Qualifizierung), Modul 1", EventKind.training, Audience.coordinators,
     3, datetime(2027, 2, 9, 8, 0, tzinfo=UTC), 7, "Dresden, Landespräventionsrat", None,
     ["koordination.zwickau", "koordination.zittau", "koordination.meissen", "koordination.bautzen"]),
    ("Workshop Sicherheitsanalyse: Bürgerbefragung planen", EventKind.training, Audience.members, 25,
     datetime(2027, 1, 20, 9, 0, tzinfo=UTC), 4, "Chemnitz", None, ["koordination.plauen", "mitglied.zwickau"]),
    ("Präventionstag Cybercrime", EventKind.specialist_day, Audience.open, 150,
     datetime(2027, 4, 26, 8, 30, tzinfo=UTC), 6, "Zwickau, Neue Welt", None, ["coach1", "koordination.zwickau"]),
    ("Koordinator:innen-Treffen Ostsachsen", EventKind.network_meeting, Audience.coordinators, 30,
     datetime(2026, 12, 8, 13, 0, tzinfo=UTC), 3, "Görlitz", None, ["koordination.zittau", "koordination.bautzen"]),
    ("PräventionsForum Landkreis Rostock", EventKind.forum, Audience.open, 120,
     datetime(2027, 3, 18, 9, 0, tzinfo=UTC), 5, "Güstrow, Kreisverwaltung", "landkreis-rostock",
     ["koordination.landkreis-rostock", "coach-mv"]),
]
# The district's towns a KPR's own event invites (they answer with their number of participants).
FORUM_INVITES = {"landkreis-rostock": ["guestrow", "bad-doberan"]}


# Past events: who registered, who came, and what they said (overall, usefulness, comment).
PAST = [
    ("Workshop Sicherheitsanalyse: Kriminalstatistik lesen", EventKind.training, datetime(2026, 3, 17, 8, 0,
                                                                                          tzinfo=UTC), 6,
     "Leipzig, Neues Rathaus", [("koordination.zwickau", True, (5, 5, "Sehr praxisnah, gern mehr Zeit für "
                                                                     "Übungen.")),
                                ("koordination.zittau", True, (4, 5, "")), ("koordination.plauen", False, None),
                                ("mitglied.zwickau", True, (4, 3, "Gute Beispiele aus Sachsen."))]),
    ("Koordinator:innen-Treffen Westsachsen", EventKind.network_meeting, datetime(2026, 9, 23, 12, 0, tzinfo=UTC),
     3, "Zwickau, Rathaus", [("koordination.zwickau", True, (4, 4, "")), ("koordination.plauen", True, None),
                             ("coach1", True, (5, 4, "Guter Austausch zu Förderanträgen."))]),
]


def _load_past(tenants: dict[str, Tenant]) -> None:
    for title, kind, starts, hours, place, people in PAST:
        if db.session.scalar(sa.select(Event).filter_by(title=title)) is not None:
            continue
        event = Event(kind=kind, title=title, audience=Audience.open, capacity=30,
                      registration_closes_at=starts - timedelta(days=7))
        session = EventSession(starts_at=starts, ends_at=starts + timedelta(hours=hours), place=place)
        event.sessions.append(session)
        db.session.add(event)
        db.session.flush()
        for login, present, feedback in people:
            person = db.session.scalar(sa.select(User).filter_by(email=f"{login}@demo.asskomm.de"))
            slug = login.split(".", 1)[1] if "." in login else None
            registration = Registration(event_id=event.id, user_id=person.id, status=RegistrationStatus.confirmed,
                                        tenant_id=tenants[slug].id if slug else None, queued_at=starts - timedelta(
                                            days=30))
            db.session.add(registration)
            db.session.flush()
            # checked in at the door, when the session began (a check-in before its window would not count)
            db.session.add(Attendance(registration_id=registration.id, session_id=session.id, present=present,
                                      recorded_at=starts))
            if feedback:
                overall, usefulness, comment = feedback
                db.session.add(Feedback(registration_id=registration.id, overall=overall, usefulness=usefulness,
                                        comment=comment))
        event.confirmed_count = len(people)
        db.session.flush()


# An invite-only network meeting: the invited KPRs answer with their number of participants.
INVITED = ("Vernetzungstreffen der KPR in der Oberlausitz", datetime(2027, 2, 24, 13, 0, tzinfo=UTC), 3,
           "Bautzen, Landratsamt", 20, {"zittau": 3, "bautzen": None})


def _load_invited(tenants: dict[str, Tenant]) -> None:
    title, starts, hours, place, capacity, replies = INVITED
    if db.session.scalar(sa.select(Event).filter_by(title=title)) is not None:
        return
    event = Event(kind=EventKind.network_meeting, title=title, audience=Audience.coordinators, reach=Reach.invited,
                  capacity=capacity, registration_closes_at=starts - timedelta(days=7),
                  agenda="1. Berichte aus den KPR\n2. Gemeinsame Bürgerbefragung 2027\n3. Verschiedenes")
    event.sessions.append(EventSession(starts_at=starts, ends_at=starts + timedelta(hours=hours), place=place))
    db.session.add(event)
    db.session.flush()
    for slug, participants in replies.items():
        invitation = KprInvitation(event_id=event.id, tenant_id=tenants[slug].id)
        db.session.add(invitation)
        db.session.flush()
        if participants:
            coordinator = db.session.scalar(sa.select(User).filter_by(email=f"koordination.{slug}@demo.asskomm.de"))
            services.reply_for_kpr(invitation, InvitationReply.yes, participants, coordinator)


def load(tenants: dict[str, Tenant]) -> None:
    _load_past(tenants)
    _load_invited(tenants)
    for title, kind, audience, capacity, starts, hours, place, organiser, logins in EVENTS:
        if db.session.scalar(sa.select(Event).filter_by(title=title)) is not None:
            continue
        event = Event(kind=kind, title=title, audience=audience, capacity=capacity,
                      organiser_tenant_id=tenants[organiser].id if organiser else None,
                      alliance_id=tenants[organiser].alliance_id if organiser else FIRST_ALLIANCE_ID,
                      registration_closes_at=starts - timedelta(days=7))
        event.sessions.append(EventSession(starts_at=starts, ends_at=starts + timedelta(hours=hours), place=place))
        db.session.add(event)
        db.session.flush()
        for login in logins:
            person = db.session.scalar(sa.select(User).filter_by(email=f"{login}@demo.asskomm.de"))
            services.register(event.id, person, None, person, organiser=True)
        for slug in FORUM_INVITES.get(organiser or "", []):
            db.session.add(KprInvitation(event_id=event.id, tenant_id=tenants[slug].id))
        db.session.flush()
