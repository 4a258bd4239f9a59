"""The adopting KPR's own measure page names the practice it took over from the exchange, with a link
to it, in a fixed number of queries; the measures feature learns of it only through the exchange's
template global."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.exchange.demo import MEISSEN_MEASURE
from asskomm.exchange.models import Adoption
from asskomm.prevention.demo_measures import GRAFFITI
from asskomm.prevention.models import Measure
from tenants import cross_tenant, db, tenant_context

from .exchange_data import demo_ids, kpr_with_measure, measure_id
from .helpers import tenant

LINE = "Übernommen aus dem Praxisaustausch: "


def _meissen_page(ctx) -> str:
    with ctx():
        return f"/k/meissen/praevention/massnahmen/{measure_id(MEISSEN_MEASURE, 'meissen')}"


def test_the_adopting_measure_names_the_practice_and_its_kpr_with_a_link(client_as, ctx):
    ids, url = demo_ids(ctx), _meissen_page(ctx)
    expected = (f'{LINE}<a href="/praxis/{ids["graffiti"]}">{GRAFFITI.title}</a>, KPR Stadt Zwickau')
    for login in ("koordination.meissen", "mitglied.meissen", "coach2"):
        response = client_as(login).get(url)
        assert response.status_code == 200, login
        assert expected in response.get_data(as_text=True), login
    zwickau = client_as("koordination.zwickau")
    assert LINE not in zwickau.get(f"/k/zwickau/praevention/massnahmen/{ids['graffiti']}").get_data(as_text=True)
    practice = client_as("koordination.meissen").get(f"/praxis/{ids['graffiti']}")
    assert practice.status_code == 200  # the link leads to a page the reader may read


def test_a_practice_no_longer_shared_or_an_adoption_withdrawn_is_not_named(client_as, ctx):
    ids, url = demo_ids(ctx), _meissen_page(ctx)
    meissen = client_as("koordination.meissen")
    with ctx() as session, tenant_context(tenant("zwickau").id):
        session.get(Measure, ids["graffiti"]).shareable = False
        session.commit()
    page = meissen.get(url).get_data(as_text=True)
    assert LINE not in page and GRAFFITI.title not in page
    with ctx() as session, tenant_context(tenant("zwickau").id):
        session.get(Measure, ids["graffiti"]).shareable = True
        session.commit()
    assert LINE in meissen.get(url).get_data(as_text=True)
    with ctx(), tenant_context(tenant("meissen").id):
        adoption_id = db.session.scalar(sa.select(Adoption.id))
    withdraw = f"/praxis/uebernahmen/{adoption_id}/zurueckziehen"
    assert meissen.submit(withdraw, page=withdraw).status_code == 302
    assert LINE not in meissen.get(url).get_data(as_text=True)


def test_the_measure_page_takes_the_same_queries_for_one_and_many_adopted_practices(client_as, ctx, count_queries):
    url = _meissen_page(ctx)
    client = client_as("koordination.meissen")
    client.get(url)  # warm the caches that are not the page's own queries
    with count_queries() as one:
        assert client.get(url).status_code == 200
    with ctx() as session:
        meissen_id, own = tenant("meissen").id, measure_id(MEISSEN_MEASURE, "meissen")
        practices = [kpr_with_measure(session, n, f"Geteilte Praxis {n:03d}")[1] for n in range(20)]
        with tenant_context(meissen_id):
            session.add_all(Adoption(practice_id=p, measure_id=own) for p in practices)
            session.flush()
        session.commit()
    with count_queries() as many:
        body = client.get(url).get_data(as_text=True)
    assert many.value == one.value, (one.value, many.value)
    assert body.count(LINE) == 21
    with ctx(), cross_tenant("test: the adoptions written"):
        assert db.session.scalar(sa.select(sa.func.count(Adoption.id))) == 21
