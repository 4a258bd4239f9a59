"""The state council's event dashboard reads only snapshots, in a fixed number of queries, and
recomputes them on demand through the worker with a progress bar."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from asskomm.events.models import Event, EventKind, EventSession, InvitationReply, KprInvitation
from asskomm.snapshots.models import EventFigures
from asskomm.timeutil import now
from tenants import Tenant, TenantKind, db
from workers.events import aggregate_events_now

from .helpers import run_job_from_page


def _kprs_with_figures(session, count: int) -> None:
    starts = now() - timedelta(days=3)
    event = Event(kind=EventKind.training, title="Beccaria-Modul 2", capacity=500,
                  registration_closes_at=starts - timedelta(days=1))
    event.sessions.append(EventSession(starts_at=starts, ends_at=starts + timedelta(hours=5)))
    session.add(event)
    session.flush()
    tenants = [Tenant(slug=f"gemeinde-{n}", name=f"Gemeinde {n}", kind=TenantKind.municipality,
                      ags=f"{14700000 + n:08d}", district=f"Landkreis {n % 10}") for n in range(count)]
    session.add_all(tenants)
    session.flush()
    session.add(EventFigures(event_id=event.id, scope="event", scope_key="", registrations=count))
    session.add_all([EventFigures(event_id=event.id, scope="kpr", scope_key=str(t.id), registrations=1,
                                  confirmed=1, attended=1) for t in tenants])
    session.add_all([EventFigures(event_id=event.id, scope="district", scope_key=f"Landkreis {n}",
                                  registrations=count // 10) for n in range(10)])
    session.flush()


@pytest.mark.parametrize("kprs", [4, 400])
def test_dashboard_query_count_is_the_same_for_4_and_400_kprs(client_as, ctx, count_queries, kprs):
    client = client_as("land")
    with ctx() as session:
        _kprs_with_figures(session, kprs)
        session.commit()
    with count_queries() as n:
        page = client.get("/land/veranstaltungen/")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Beccaria-Modul 2" in body and "Gemeinde 0" in body  # the first page of KPRs, by name
    assert ("Seite 1 von 8" in body) == (kprs == 400)
    assert n.value <= 12, n.value


def test_dashboard_is_for_the_state_council_only(client_as):
    assert client_as("kontakt").get("/land/veranstaltungen/").status_code == 200
    for login in ("koordination.zwickau", "coach1", "mitglied.zittau"):
        assert client_as(login).get("/land/veranstaltungen/").status_code == 404


def test_recompute_on_demand_through_the_worker_with_progress(redis_worker, through_broker, live_client):
    assert live_client.login("land@demo.asskomm.de").status_code == 302
    assert "noch nicht berechnet" in live_client.get("/land/veranstaltungen/").get_data(as_text=True)
    assert run_job_from_page(live_client, "/land/veranstaltungen/", redis_worker.log)["done"] == 3
    assert "berechnet am" in live_client.get("/land/veranstaltungen/").get_data(as_text=True)


def test_direct_run_writes_event_scope_rows(ctx):
    with ctx() as session:
        aggregate_events_now()
        demo_events = session.scalar(sa.select(sa.func.count()).select_from(EventFigures)
                                     .filter_by(scope="event"))
        with_registrations = set(session.scalars(sa.select(Event.id).join(
            db.Model.metadata.tables["registration"])))
        with_replies = set(session.scalars(sa.select(KprInvitation.event_id).filter_by(reply=InvitationReply.yes)))
        assert with_replies - with_registrations  # the demo's invite-only meeting has KPR replies only
        assert demo_events == len(with_registrations | with_replies)
        invited = session.scalar(sa.select(EventFigures).join(Event, Event.id == EventFigures.event_id).where(
            Event.title == "Vernetzungstreffen der KPR in der Oberlausitz", EventFigures.scope == "event"))
        assert invited.kpr_participants == 3
