"""Practices shared beyond the alliance (issue 17): another alliance's practice its KPR shared
beyond its alliance is found, read and listed by the API, marked with its Land; one shared only
within its alliance is absent and 404. Across alliances a practice is read only (no question, no
adoption). Unsharing withdraws it from everyone. The pages' queries stay constant."""

from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa

from asskomm.errors import DomainError
from asskomm.exchange.demo import ROSTOCK_BEYOND, ROSTOCK_WITHIN
from asskomm.exchange.models import Adoption, PracticeQuestion
from asskomm.mail.models import OutboxMessage
from asskomm.prevention.demo_measures import GRAFFITI
from asskomm.prevention.measures.services import MeasureInput, save_measure
from asskomm.prevention.models import ActionField, Measure, MeasureStatus, PreventionCycle
from tenants import Alliance, Tenant, TenantKind, TenantStatus, cross_tenant, db, tenant_context

from .api_helpers import bearer, token_for
from .exchange_data import measure_id
from .fixtures.clients import make_client
from .helpers import tenant
from .prevention_measures_data import BASE, make_round, measure_form, measures

LAND = "aus Mecklenburg-Vorpommern"
ROW = re.compile(r'<h3><a href="/praxis/(\d+)">([^<]+)</a>(?: <span class="badge">([^<]+)</span>)?</h3>')


def _rows(client, query: str = "") -> dict[str, str | None]:
    """title -> badge of the exchange's list."""
    response = client.get(f"/praxis/?{query}")
    assert response.status_code == 200, response.status_code
    return {title: badge or None for _, title, badge in ROW.findall(response.get_data(as_text=True))}


def _rostock(ctx) -> dict[str, int]:
    with ctx():
        return {"beyond": measure_id(ROSTOCK_BEYOND, "landkreis-rostock"),
                "within": measure_id(ROSTOCK_WITHIN, "landkreis-rostock"),
                "graffiti": measure_id(GRAFFITI.title)}


def test_saxony_finds_rostocks_practice_shared_beyond_marked_with_its_land_not_the_other(client_as, ctx):
    ids = _rostock(ctx)
    zwickau = client_as("koordination.zwickau")
    rows = _rows(zwickau)
    assert rows[ROSTOCK_BEYOND] == LAND
    assert ROSTOCK_WITHIN not in rows
    assert rows[GRAFFITI.title] is None  # its own alliance's: no badge
    assert _rows(zwickau, "zielgruppe=seniors&q=Sprechstunde") == {ROSTOCK_BEYOND: LAND}
    assert _rows(zwickau, "q=Schulweg") == {}
    page = zwickau.get(f"/praxis/{ids['beyond']}")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and LAND in body and "Landkreis Rostock" in body
    assert 'href="http://mv.localhost/k/landkreis-rostock/"' in body  # its public page, on its alliance's host
    assert zwickau.get(f"/praxis/{ids['within']}").status_code == 404


def test_the_district_filter_offers_the_district_of_a_practice_shared_beyond(client_as):
    body = client_as("koordination.zwickau").get("/praxis/").get_data(as_text=True)
    assert '<option value="Landkreis Rostock">' in body


def test_mv_sees_both_of_its_practices_unmarked_and_no_saxon_one_kept_in_saxony(client_as, ctx):
    ids = _rostock(ctx)
    guestrow = client_as("koordination.guestrow")
    rows = _rows(guestrow)
    assert rows[ROSTOCK_BEYOND] is None and rows[ROSTOCK_WITHIN] is None
    assert GRAFFITI.title not in rows  # Zwickau shared it within Saxony only
    assert guestrow.get(f"/praxis/{ids['graffiti']}").status_code == 404
    assert guestrow.get(f"/praxis/{ids['within']}").status_code == 200


def test_an_anonymous_reader_on_either_host_gets_nothing(fresh, ctx):
    ids = _rostock(ctx)
    for host in ("localhost", "mv.localhost"):
        response = make_client(fresh, host).get(f"/praxis/{ids['beyond']}")
        assert response.status_code in (302, 401, 404), response.status_code


def test_the_api_lists_and_shows_the_practice_shared_beyond_and_404s_the_other(fresh, ctx):
    ids = _rostock(ctx)
    client = make_client(fresh)
    headers = bearer(token_for(fresh, "koordination.zwickau"))
    listed = client.get("/api/v1/practices?per_page=100", headers=headers)
    assert listed.status_code == 200
    items = {item["title"]: item for item in listed.get_json()["items"]}
    assert items[ROSTOCK_BEYOND]["federal_state"] == "Mecklenburg-Vorpommern"
    assert items[GRAFFITI.title]["federal_state"] is None
    assert ROSTOCK_WITHIN not in items
    shown = client.get(f"/api/v1/practices/{ids['beyond']}", headers=headers)
    assert shown.status_code == 200 and shown.get_json()["federal_state"] == "Mecklenburg-Vorpommern"
    assert client.get(f"/api/v1/practices/{ids['within']}", headers=headers).status_code == 404


def test_across_alliances_a_practice_is_read_only(client_as, ctx):
    ids = _rostock(ctx)
    zwickau = client_as("koordination.zwickau")
    body = zwickau.get(f"/praxis/{ids['beyond']}").get_data(as_text=True)
    assert "Frage an den KPR stellen" not in body and "Wir setzen das auch um" not in body
    for url in (f"/praxis/{ids['beyond']}/frage", f"/praxis/{ids['beyond']}/uebernehmen"):
        assert zwickau.get(url).status_code == 404
        assert zwickau.submit(url, {"kpr_id": "1", "text": "Wie erreichen Sie die Dörfer?", "senden": "1",
                                    "measure_id": "1"}).status_code == 404
    with ctx(), cross_tenant("test: nothing written"):
        assert db.session.scalar(sa.select(sa.func.count(PracticeQuestion.id))) == 0
        assert db.session.scalar(sa.select(sa.func.count(Adoption.id)).filter_by(practice_id=ids["beyond"])) == 0
        assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id)).filter_by(kind="mail_question")) == 0


def test_within_its_alliance_the_practice_shared_beyond_is_asked_about_as_before(client_as, ctx):
    ids = _rostock(ctx)
    body = client_as("koordination.guestrow").get(f"/praxis/{ids['beyond']}").get_data(as_text=True)
    assert "Frage an den KPR stellen" in body and "Wir setzen das auch um" in body


def _input(measure: Measure, shareable: bool, beyond: bool) -> MeasureInput:
    return MeasureInput(action_field_id=measure.action_field_id, title=measure.title,
                        description=measure.description, status=measure.status.value, shareable=shareable,
                        shared_beyond_alliance=beyond)


def test_unsharing_clears_beyond_and_beyond_needs_sharing(ctx, client_as):
    ids = _rostock(ctx)
    with ctx() as session, tenant_context(tenant("landkreis-rostock").id):
        other = session.get(Measure, ids["within"])
        with pytest.raises(DomainError, match="nur eine für den Praxisaustausch freigegebene Maßnahme"):
            save_measure(other.cycle, other, _input(other, shareable=False, beyond=True))
        assert other.shareable is True and other.shared_beyond_alliance is False  # unchanged
        measure = session.get(Measure, ids["beyond"])
        save_measure(measure.cycle, measure, _input(measure, shareable=False, beyond=True))
        assert measure.shared_beyond_alliance is False and measure.shareable is False
        save_measure(other.cycle, other, _input(other, shareable=True, beyond=True))
        assert other.shared_beyond_alliance is True
        session.commit()
    rows = _rows(client_as("koordination.zwickau"))
    assert ROSTOCK_BEYOND not in rows and rows[ROSTOCK_WITHIN] == LAND


def test_the_measure_form_offers_the_choice_with_its_hint(client_as, ctx):
    ids = _rostock(ctx)
    client = client_as("koordination.landkreis-rostock")
    url = f"/k/landkreis-rostock/praevention/massnahmen/{ids['within']}/bearbeiten"
    form = client.get(url)
    body = form.get_data(as_text=True)
    assert form.status_code == 200
    assert "Auch mit den Präventionsräten anderer Bundesländer teilen" in body
    assert 'aria-describedby="shared_beyond_alliance-hint"' in body and 'id="shared_beyond_alliance-hint"' in body


def _mv_kprs_sharing_beyond(session, count: int, first: int) -> None:
    """`count` new MV KPRs with a practice each, shared beyond the alliance."""
    mv = session.scalar(sa.select(Alliance.id).filter_by(slug="mv"))
    for n in range(first, first + count):
        place = Tenant(slug=f"mv-austausch-{n}", name=f"Austauschamt {n}", kind=TenantKind.municipality,
                       ags=f"{13072900 + n:08d}", district="Landkreis Rostock", population=3_000,
                       status=TenantStatus.active, alliance_id=mv)
        session.add(place)
        session.flush()
        with tenant_context(place.id):
            cycle = PreventionCycle(number=1, analysis_started_on=date(2025, 1, 10), first_year=2020, last_year=2024)
            session.add(Measure(cycle=cycle, action_field=ActionField(cycle=cycle, title="Ländlicher Raum"),
                                title=f"Praxis aus MV {n:03d}", shareable=True, shared_beyond_alliance=True,
                                status=MeasureStatus.running))
            session.flush()


@pytest.mark.parametrize("url", ["/praxis/", "/praxis/?q=Praxis", "/praxis/{beyond}"])
def test_pages_take_the_same_queries_for_few_and_many_practices_of_another_alliance(client_as, ctx, count_queries,
                                                                                      url):
    url = url.format(**_rostock(ctx))
    client = client_as("koordination.meissen")
    with ctx() as session:
        _mv_kprs_sharing_beyond(session, 1, 0)
        session.commit()
    client.get(url)  # warm the caches that are not the page's own queries
    with count_queries() as few:
        assert client.get(url).status_code == 200
    with ctx() as session:
        _mv_kprs_sharing_beyond(session, 30, 1)
        session.commit()
    with count_queries() as many:
        body = client.get(url).get_data(as_text=True)
    assert many.value == few.value, (few.value, many.value)
    if url.startswith("/praxis/?"):
        assert "Seite 1 von 2" in body and LAND in body


def test_an_adoption_from_another_alliance_is_neither_counted_nor_named(client_as, ctx):
    """Not made through the exchange (adopting stays within the practice's alliance), but a KPR may
    have moved alliances since: a read beyond the alliance never names another alliance's KPR."""
    ids = _rostock(ctx)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        own = session.scalar(sa.select(Measure.id).filter_by(title=GRAFFITI.title))
        session.add(Adoption(practice_id=ids["beyond"], measure_id=own))
        session.commit()
    for login in ("koordination.meissen", "koordination.guestrow"):
        client = client_as(login)
        body = client.get(f"/praxis/{ids['beyond']}").get_data(as_text=True)
        assert "Noch kein anderer KPR hat eingetragen" in body and "Zwickau" not in body
        assert "auch umgesetzt von" not in client.get("/praxis/?q=Sprechstunde").get_data(as_text=True)


def test_through_the_form_beyond_is_saved_refused_without_sharing_and_cleared_by_unsharing(client_as, ctx):
    made = make_round(ctx)
    client = client_as("koordination.bautzen")
    refused = client.submit(f"{BASE}/neu", measure_form(made, shareable=None, shared_beyond_alliance="y"))
    assert refused.status_code == 422
    assert "nur eine für den Praxisaustausch freigegebene Maßnahme" in refused.get_data(as_text=True)
    assert measures(ctx) == []
    created = client.submit(f"{BASE}/neu", measure_form(made, shared_beyond_alliance="y"))
    assert created.status_code == 302
    [saved] = measures(ctx)
    assert (saved.shareable, saved.shared_beyond_alliance) == (True, True)
    shown = client.get(f"{BASE}/{saved.id}").get_data(as_text=True)
    assert "auch für die Präventionsräte anderer Bundesländer" in shown
    assert client.submit(f"{BASE}/{saved.id}/bearbeiten", measure_form(
        made, shareable=None, shared_beyond_alliance="y")).status_code == 302
    [saved] = measures(ctx)
    assert (saved.shareable, saved.shared_beyond_alliance) == (False, False)
