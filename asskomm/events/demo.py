"""Demo events of the state council and Landkreis Rostock's PräventionsForum."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from tenants import Tenant, db

from ..accounts.models import User
from . import services
from .models import Audience, Event, EventKind, EventSession

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
     ["koordination.landkreis-rostock", "coach2"]),
]


def load(tenants: dict[str, Tenant]) -> None:
    for title, kind, audience, capacity, starts, hours, place, organiser, logins in EVENTS:
        if db.session.scalar(sa.select(Event).filter_by(title=title)) is not None:
            continue
        event = Event(kind=kind, title=title, audience=audience, capacity=capacity,
                      organiser_tenant_id=tenants[organiser].id if organiser else None,
                      registration_closes_at=starts - timedelta(days=7))
        event.sessions.append(EventSession(starts_at=starts, ends_at=starts + timedelta(hours=hours), place=place))
        db.session.add(event)
        db.session.flush()
        for login in logins:
            person = db.session.scalar(sa.select(User).filter_by(email=f"{login}@demo.asskomm.de"))
            services.register(event.id, person, None, person, organiser=True)
