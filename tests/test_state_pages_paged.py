"""The state overview (/land/), the public alliance index (/kpr/) and the event dashboard
(/land/veranstaltungen/) show a page of 50 KPRs at a time, in the same number of statements with the
demo's KPRs as with 60 more (inserted in bulk, some with a coach and a round of the cycle, so the
counts go through the joins), and filter, search and sort in SQL."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from asskomm.accounts.models import Assignment, AssignmentKind
from asskomm.events.models import Event, EventKind, EventSession
from asskomm.prevention.models import PreventionCycle
from asskomm.snapshots.models import EventFigures
from asskomm.timeutil import now, today
from tenants import Tenant, TenantKind, TenantStatus

from .helpers import user

ADDED = 60
ROW = re.compile(r'<tr>\s*<(?:td|th)[^>]*><a href="/k/massen-')


def _add_kprs(session, count: int = ADDED) -> None:
    """`count` KPRs named "Massengemeinde NN" in Landkreis Bautzen; every third with coach1 and a
    round at the Sicherheitsanalyse, every fifth founded; each with event figures."""
    session.execute(sa.insert(Tenant), [
        {"slug": f"massen-{n:02d}", "name": f"Massengemeinde {n:02d}", "kind": TenantKind.municipality,
         "ags": f"{14625900 + n:08d}", "district": "Landkreis Bautzen", "federal_state": "Sachsen",
         "status": TenantStatus.founded if n % 5 == 0 else TenantStatus.contacted} for n in range(count)])
    ids = dict(session.execute(sa.select(Tenant.slug, Tenant.id).where(Tenant.slug.like("massen-%"))).all())
    coach = user("coach1").id
    chosen = [ids[f"massen-{n:02d}"] for n in range(0, count, 3)]
    session.execute(sa.insert(Assignment), [
        {"tenant_id": t, "user_id": coach, "kind": AssignmentKind.coach, "starts_on": today() - timedelta(days=30)}
        for t in chosen])
    session.execute(sa.insert(PreventionCycle.__table__), [
        {"tenant_id": t, "number": 1, "analysis_started_on": date(today().year, 1, 5), "first_year": 2019,
         "last_year": 2023} for t in chosen])
    starts = now() - timedelta(days=3)
    event = Event(kind=EventKind.training, title="Massenschulung", capacity=500,
                  registration_closes_at=starts - timedelta(days=1))
    event.sessions.append(EventSession(starts_at=starts, ends_at=starts + timedelta(hours=5)))
    session.add(event)
    session.flush()
    session.execute(sa.insert(EventFigures), [{"event_id": event.id, "scope": "event", "scope_key": ""}] + [
        {"event_id": event.id, "scope": "kpr", "scope_key": str(t), "registrations": 1} for t in ids.values()])
    session.commit()


def _rows(body: str) -> int:
    return len(ROW.findall(body))


PAGES = {  # who, URL
    "land": ["/land/", "/land/?zyklus=analysis&sortierung=zyklus&absteigend=1", "/land/?q=massen&sortierung=status",
             "/land/?sortierung=aktivitaet&seite=2", "/land/veranstaltungen/", "/land/veranstaltungen/?q=massen"],
    None: ["/kpr/", "/kpr/?q=massen&seite=2"],
}


def test_the_three_pages_take_the_same_statements_with_few_and_many_kprs(client_as, client, ctx, count_queries):
    signed_in = client_as("land")
    counts: dict[str, list[int]] = {}

    def measure():
        for who, urls in PAGES.items():
            for url in urls:
                with count_queries() as n:
                    response = (signed_in if who else client).get(url)
                assert response.status_code == 200, url
                assert _rows(response.get_data(as_text=True)) <= 50, url
                counts.setdefault(url, []).append(n.value)

    measure()
    with ctx() as session:
        _add_kprs(session)
    measure()
    assert {url: few for url, (few, _) in counts.items()} == {url: many for url, (_, many) in counts.items()}
    for url in ("/land/?q=massen", "/kpr/?q=massen", "/land/veranstaltungen/?q=massen"):
        body = (client if url.startswith("/kpr/") else signed_in).get(url).get_data(as_text=True)
        assert "Seite 1 von 2" in body and "Nächste Seite" in body, url
        assert "Massengemeinde 00" in body and "Massengemeinde 59" not in body, url


@pytest.fixture
def many(ctx) -> int:
    """The id of coach1, who coaches every third of the KPRs added."""
    with ctx() as session:
        _add_kprs(session)
        return user("coach1").id


def test_the_overview_searches_filters_and_sorts_in_sql(client_as, many):
    client = client_as("land")
    searched = client.get("/land/?q=MASSENgemeinde 1").get_data(as_text=True)
    assert "10 KPR gefunden" in searched and "Massengemeinde 19" in searched and "Massengemeinde 20" not in searched
    assert "1 KPR gefunden" in client.get("/land/?q=14625907").get_data(as_text=True)  # by AGS
    assert "0 KPR gefunden" in client.get("/land/?q=50%25").get_data(as_text=True)  # "%" is no wildcard
    coached = client.get(f"/land/?q=massen&coach={many}").get_data(as_text=True)
    assert "20 KPR gefunden" in coached and "Massengemeinde 03" in coached and "Massengemeinde 01" not in coached
    started = client.get("/land/?q=massen&zyklus=analysis").get_data(as_text=True)
    assert "20 KPR gefunden" in started and "Massengemeinde 57" in started
    founded = client.get("/land/?q=massen&status=founded&sortierung=name&absteigend=1").get_data(as_text=True)
    assert "12 KPR gefunden" in founded
    assert founded.index("Massengemeinde 55") < founded.index("Massengemeinde 50") < founded.index("Massengemeinde 00")
    second = client.get("/land/?q=massen&sortierung=zyklus&absteigend=1&seite=2").get_data(as_text=True)
    assert "Seite 2 von 2" in second and "Vorige Seite" in second
    assert 'href="/land/?q=massen&amp;sortierung=zyklus&amp;absteigend=1&amp;seite=1#alle-kpr"' in second
    # backwards: the 20 at the analysis, then the 40 not started, by name backwards too
    assert "Massengemeinde 01" in second and "Massengemeinde 59" not in second and "Massengemeinde 03" not in second


def test_the_alliance_index_pages_searches_and_keeps_its_filters(client, many):
    first = client.get("/kpr/?q=massen&status=contacted").get_data(as_text=True)
    assert "48 KPR (gefiltert)" in first and "Seite 1 von 1" not in first
    body = client.get("/kpr/?q=massen").get_data(as_text=True)
    assert 'href="/kpr/?q=massen&amp;seite=2#kpr-liste"' in body and 'for="q"' in body
    second = client.get("/kpr/?q=massen&seite=2").get_data(as_text=True)
    assert "Massengemeinde 59" in second and "Massengemeinde 00" not in second
    assert "Massengemeinde 00" not in client.get("/kpr/?q=gibt-es-nicht").get_data(as_text=True)


def test_the_event_dashboard_pages_events_and_kprs_apart(client_as, many):
    client = client_as("land")
    body = client.get("/land/veranstaltungen/?q=massengemeinde&seite=1").get_data(as_text=True)
    assert "60 KPR (gesucht" in body
    assert 'href="/land/veranstaltungen/?q=massengemeinde&amp;seite=1&amp;kpr_seite=2#je-kpr"' in body
    second = client.get("/land/veranstaltungen/?q=massengemeinde&kpr_seite=2").get_data(as_text=True)
    assert "Massengemeinde 59" in second and "Massengemeinde 00" not in second and "Massenschulung" in second
