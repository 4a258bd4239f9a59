"""The practice exchange through HTTP: who finds what, the filters, the practice's page, the state
council's spread list, and the same number of queries for few and many shared measures."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from asskomm.exchange.models import Adoption
from asskomm.prevention.demo_measures import CYBERCRIME, GRAFFITI, SENIORS, TROUBLE
from asskomm.prevention.models import Measure
from config import DEMO_PASSWORD
from tenants import cross_tenant, db, tenant_context

from .exchange_data import demo_ids, kpr_with_measure, many_sharing
from .helpers import tenant

TITLES = re.compile(r'<h3><a href="/praxis/(\d+)">([^<]+)</a></h3>')


def _found(client, query: str = "") -> list[str]:
    response = client.get(f"/praxis/?{query}")
    assert response.status_code == 200, response.status_code
    return [title for _, title in TITLES.findall(response.get_data(as_text=True))]


def test_meissen_finds_zwickaus_graffiti_measure_and_no_unshared_one(client_as):
    meissen = client_as("koordination.meissen")
    assert _found(meissen, "q=graffiti") == [GRAFFITI.title]
    assert _found(meissen, "feld=Graffiti") == [GRAFFITI.title]
    everything = _found(meissen)
    assert sorted(everything) == sorted([GRAFFITI.title, CYBERCRIME.title, SENIORS.title])
    assert TROUBLE.title not in everything  # Zwickau did not share it
    assert _found(meissen, "q=Drogen") == []


def test_the_filters_narrow_the_list(client_as, ctx):
    with ctx() as session:
        kpr_with_measure(session, 1, "Faustlos an Grundschulen", district="Landkreis Bautzen", population=4_000,
                         field="Gewalt")
        kpr_with_measure(session, 2, "Nicht geteiltes Faustlos", shared=False, field="Gewalt")
        session.commit()
    client = client_as("mitglied.zittau")
    assert _found(client, "programm=faustlos") == ["Faustlos an Grundschulen"]
    assert _found(client, "evidenz=2") == ["Faustlos an Grundschulen"]  # Faustlos: level 2
    assert _found(client, "evidenz=3") == []
    assert _found(client, "landkreis=Landkreis+Bautzen") == ["Faustlos an Grundschulen"]
    assert _found(client, "groesse=lt5k") == ["Faustlos an Grundschulen"]
    assert _found(client, "groesse=20k-100k&status=finished") == sorted([CYBERCRIME.title, SENIORS.title])
    assert _found(client, "zielgruppe=seniors") == [SENIORS.title]
    assert _found(client, "setting=school&zielgruppe=youth") == ["Faustlos an Grundschulen"]
    assert _found(client, "q=gewalt") == ["Faustlos an Grundschulen"]  # the action field's title


@pytest.mark.parametrize("query", ["zielgruppe=aliens", "evidenz=9", "groesse=riesig", "landkreis=Atlantis",
                                   "q=" + "x" * 101, "status=bogus"])
def test_bad_filters_get_a_german_message_never_a_500(client_as, query):
    response = client_as("koordination.meissen").get(f"/praxis/?{query}")
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Bitte wählen Sie einen Eintrag aus der Liste." in body or "höchstens 100 Zeichen" in body


def test_a_page_number_out_of_range_shows_the_last_page(client_as, ctx):
    with ctx() as session:
        many_sharing(session, 25)
        session.commit()
    client = client_as("coach2")
    first = _found(client)
    assert len(first) == 20 and "Seite 1 von 2" in client.get("/praxis/").get_data(as_text=True)
    last = _found(client, "seite=99")
    assert len(last) == 28 - 20 and not set(first) & set(last)
    assert _found(client, "seite=abc") == first


def test_the_practice_page_shows_goal_worksheet_evaluation_and_public_contact(client_as, ctx):
    ids = demo_ids(ctx)
    page = client_as("koordination.zittau").get(f"/praxis/{ids['graffiti']}").get_data(as_text=True)
    assert "Sachbeschädigung: Häufigkeitszahl bis 2026 um ein Viertel senken" in page
    assert "1. Problembeschreibung" in page and "Illegale Graffiti an Hauswänden" in page
    assert "5 von 7 Schritten abgeschlossen" in page
    assert "Stadt Meißen" in page  # the demo adoption
    assert 'href="/k/zwickau/"' in page
    assert "24.000,00" not in page and "Verantwortlich" not in page  # internal: budget, responsible person
    cyber = client_as("koordination.zittau").get(f"/praxis/{_id(ctx, CYBERCRIME.title)}").get_data(as_text=True)
    assert "Evaluiert am 30.06.2022" in cyber and "Praktische Übungen wirken besser" in cyber


def _id(ctx, title: str, slug: str = "zwickau") -> int:
    with ctx(), tenant_context(tenant(slug).id):
        return db.session.scalar(sa.select(Measure.id).filter_by(title=title))


@pytest.mark.parametrize("login", ["koordination.meissen", "mitglied.zwickau", "coach2", "kontakt", "land"])
def test_an_unshared_measure_is_404_for_everyone(client_as, ctx, login):
    ids = demo_ids(ctx)
    client = client_as(login)
    for measure_id in (ids["trouble"], ids["fairplayer"]):
        for url in (f"/praxis/{measure_id}", f"/praxis/{measure_id}/frage", f"/praxis/{measure_id}/uebernehmen"):
            assert client.get(url).status_code == 404, url
            if not url.endswith(str(measure_id)):  # the page itself answers GET only
                assert client.submit(url, {"text": "Eine Frage zur Maßnahme", "measure_id": "1"}).status_code == 404


def test_sharing_and_unsharing_on_the_measure_form_shows_and_hides_it(client_as, ctx):
    ids = demo_ids(ctx)
    meissen = client_as("koordination.meissen")
    assert meissen.get(f"/praxis/{ids['graffiti']}").status_code == 200
    with ctx() as session, tenant_context(tenant("zwickau").id):
        session.get(Measure, ids["graffiti"]).shareable = False
        session.commit()
    assert meissen.get(f"/praxis/{ids['graffiti']}").status_code == 404
    assert _found(meissen, "q=graffiti") == []
    spread = client_as("land").get("/praxis/verbreitung").get_data(as_text=True)
    assert GRAFFITI.title not in spread


def test_people_without_a_kpr_role_and_the_public_do_not_see_the_exchange(client, client_as, ctx):
    from asskomm.accounts.models import User
    from asskomm.accounts.passwords import hash_password

    ids = demo_ids(ctx)
    with ctx() as session:
        session.add(User(email="ohne.rolle@example.org", name="Ohne Rolle",
                         password_hash=hash_password(DEMO_PASSWORD)))
        session.commit()
    outsider = client_as("ohne.rolle@example.org")
    for url in ("/praxis/", f"/praxis/{ids['graffiti']}", "/praxis/verbreitung"):
        assert outsider.get(url).status_code == 404, url
    assert "Praxisaustausch" not in outsider.get("/").get_data(as_text=True)
    assert client.get("/praxis/").status_code == 302  # to the login
    assert client.get(f"/praxis/{ids['graffiti']}").status_code == 302


def test_the_spread_list_counts_adopting_kprs_like_a_direct_count(client_as, ctx):
    ids = demo_ids(ctx)
    with ctx() as session:
        made = many_sharing(session, 4, adopt=ids["graffiti"])
        with tenant_context(made[0][0]):  # one of them also adopts Zwickau's Präventionstag
            session.add(Adoption(practice_id=_id_in(session, CYBERCRIME.title), measure_id=made[0][1]))
            session.flush()
        session.commit()
    page = client_as("kontakt").get("/praxis/verbreitung").get_data(as_text=True)
    rows = re.findall(r'<a href="/praxis/(\d+)">[^<]+</a></th>.*?<td class="num">(\d+) KPR</td>', page, re.S)
    shown = {int(m): int(n) for m, n in rows}
    with ctx(), cross_tenant("test: count the adoptions directly"):
        direct = dict(db.session.execute(sa.select(Adoption.practice_id, sa.func.count(sa.distinct(Adoption.tenant_id)))
                                         .group_by(Adoption.practice_id)).all())
    assert shown[ids["graffiti"]] == direct[ids["graffiti"]] == 5  # Meißen and the four
    assert shown[_id(ctx, CYBERCRIME.title)] == 1
    assert list(shown.values()) == sorted(shown.values(), reverse=True)
    assert client_as("koordination.zwickau").get("/praxis/verbreitung").status_code == 404
    assert client_as("coach1").get("/praxis/verbreitung").status_code == 404


def _id_in(session, title: str) -> int:
    with tenant_context(tenant("zwickau").id):
        return session.scalar(sa.select(Measure.id).filter_by(title=title))


# --- queries ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/praxis/", "/praxis/?q=Praxis&zielgruppe=youth", "/praxis/{graffiti}",
                                 "/praxis/verbreitung"])
def test_pages_take_the_same_queries_for_few_and_many_shared_measures(client_as, ctx, count_queries, url):
    ids = demo_ids(ctx)
    client = client_as("land" if "verbreitung" in url else "koordination.meissen")
    url = url.format(**ids)
    with ctx() as session:
        many_sharing(session, 1, adopt=ids["graffiti"])
        session.commit()
    client.get(url)  # warm the caches that are not the page's own queries
    with count_queries() as few:
        assert client.get(url).status_code == 200
    with ctx() as session:
        many_sharing(session, 50, adopt=ids["graffiti"], first=1)
        session.commit()
    with count_queries() as many:
        body = client.get(url).get_data(as_text=True)
    assert many.value == few.value, (few.value, many.value)
    if url.startswith("/praxis/?"):
        assert "Seite 1 von 3" in body
    if url.endswith(str(ids["graffiti"])):  # Meißen and the 51, of whom the first 50 are named
        assert "Auch umgesetzt von 52 KPR (hier die ersten 50 nach Namen)" in body
        assert body.count("<li>Gemeinde Austauschgemeinde ") == 50


def test_an_adoption_of_a_practice_no_longer_shared_is_listed_without_it_and_can_be_withdrawn(client_as, ctx):
    ids = demo_ids(ctx)
    meissen = client_as("koordination.meissen")
    listed = meissen.get("/praxis/").get_data(as_text=True)
    assert "Was Ihr KPR übernommen hat" in listed and f'href="/praxis/{ids["graffiti"]}">{GRAFFITI.title}' in listed
    with ctx() as session, tenant_context(tenant("zwickau").id):
        session.get(Measure, ids["graffiti"]).shareable = False
        session.commit()
    listed = meissen.get("/praxis/").get_data(as_text=True)
    assert "Eine Maßnahme, die nicht mehr geteilt wird" in listed and GRAFFITI.title not in listed
    with ctx(), tenant_context(tenant("meissen").id):
        adoption_id = db.session.scalar(sa.select(Adoption.id))
    url = f"/praxis/uebernahmen/{adoption_id}/zurueckziehen"
    question = meissen.get(url).get_data(as_text=True)
    assert "einer nicht mehr geteilten Maßnahme" in question and GRAFFITI.title not in question
    assert meissen.submit(url, page=url).status_code == 302
    assert "Was Ihr KPR übernommen hat" not in meissen.get("/praxis/").get_data(as_text=True)


def test_nothing_of_an_unshared_measure_shows_in_the_exchange(client_as, ctx):
    ids = demo_ids(ctx)
    client = client_as("koordination.meissen")
    for url in (f"/praxis/{ids['trouble']}", "/praxis/?q=Trouble", "/praxis/?q=Drogen"):
        assert TROUBLE.title not in client.get(url).get_data(as_text=True)
    assert TROUBLE.title not in client_as("land").get("/praxis/verbreitung").get_data(as_text=True)


def test_deleting_a_shared_measure_ends_its_adoptions(client_as, ctx):
    ids = demo_ids(ctx)
    url = f"/k/zwickau/praevention/massnahmen/{ids['graffiti']}/loeschen"
    assert client_as("koordination.zwickau").submit(url, page=url).status_code == 302
    with ctx(), cross_tenant("test: adoptions of the deleted measure"):
        assert db.session.scalar(sa.select(sa.func.count(Adoption.id))) == 0
    assert client_as("koordination.meissen").get(f"/praxis/{ids['graffiti']}").status_code == 404
