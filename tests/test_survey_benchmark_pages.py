"""The benchmark's pages: a participating KPR sees its own share beside the alliance's and its size
class's distribution (never another KPR's figure), a KPR that does not take part is told why and
how to; the state council sees every item's summary and one item's KPR figures, 50 to a page with
a name filter; both pages send a fixed number of queries however many KPRs take part."""

from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa

from asskomm.prevention.survey.models import Survey, SurveyStatus
from tenants import tenant_context
from workers.survey_benchmark import compute_survey_benchmark_now

from .helpers import tenant
from .survey_benchmark_data import YEAR, build_survey, given, new_kpr, no_demo_sharing

KPR_PAGE = "/k/{}/praevention/befragung/vergleich"
LAND_PAGE = "/land/befragungen"
KPR_ROW = re.compile(r'<tr><th scope="row">([^<]+)</th><td>')  # a row of the state page's KPR list
# The night-time item in six KPRs of 20,000 to 100,000 inhabitants: (answers) -> share.
NIGHT = {
    "zwickau": given(very_safe=4, fairly_unsafe=3),  # 42.9
    "meissen": given(very_safe=9, very_unsafe=1),  # 10.0
    "bautzen": given(very_safe=6, fairly_unsafe=2),  # 25.0
    "plauen": given(very_safe=2, very_unsafe=7),  # 77.8
    "freiberg": given(very_safe=5, fairly_unsafe=1),  # 16.7
    "zittau": given(very_safe=1, very_unsafe=8),  # 88.9
}
FOREIGN = {"meissen": "10,0 %", "bautzen": "25,0 %", "plauen": "77,8 %", "freiberg": "16,7 %", "zittau": "88,9 %"}


def _six_kprs(session) -> None:
    no_demo_sharing()
    for slug, answers in NIGHT.items():
        build_survey(tenant(slug).id, {"safety_night": answers}, title=f"Befragung {slug}",
                     closed_on=date(YEAR, 1, 15))
    compute_survey_benchmark_now()
    session.commit()


def _text(page) -> str:
    assert page.status_code == 200, page.status_code
    return re.sub(r"\s+", " ", page.get_data(as_text=True).replace("\u00a0", " "))


def test_a_participating_kpr_sees_its_share_beside_the_alliance_and_its_size_class(client_as, ctx):
    with ctx() as session:
        _six_kprs(session)
    body = _text(client_as("koordination.zwickau").get(KPR_PAGE.format("zwickau")))
    assert "Stand: berechnet am" in body
    assert "Befragung zwickau" in body and "20.000 bis unter 100.000 Einwohner:innen" in body
    assert "Wie viel Prozent der Befragten fühlen sich nachts allein in der Wohngegend unsicher?" in body
    assert '<th scope="row">Ihr KPR</th> <td class="num">42,9 %' in body
    # six KPRs: median and quartiles between the shares (inclusive method, half up)
    assert '<th scope="row">Alle teilnehmenden KPR</th> <td class="num">34,0 %</td> <td>18,8 % bis 69,1 %</td>' in body
    assert "KPR Ihrer Größenklasse (20.000 bis unter 100.000 Einwohner:innen)</th> <td class=\"num\">34,0 %" in body
    assert 'role="img"' in body
    assert "Diagramm: fühlen sich nachts allein in der Wohngegend unsicher – Ihr KPR 42,9 %" in body
    assert "<circle" in body and 'class="bench-box"' in body
    # never another KPR's single figure (the extremes and the inner shares are no quartile here)
    for slug, share in FOREIGN.items():
        assert share not in body, slug
    assert "Befragung meissen" not in body


def test_another_kprs_coordinator_sees_only_their_own_figure(client_as, ctx):
    with ctx() as session:
        _six_kprs(session)
    body = _text(client_as("koordination.zittau").get(KPR_PAGE.format("zittau")))
    assert '<td class="num">88,9 %' in body and "34,0 %" in body
    assert "42,9 %" not in body and "Befragung zwickau" not in body
    assert client_as("koordination.zittau").get(KPR_PAGE.format("zwickau")).status_code == 404


@pytest.mark.parametrize("login", ["mitglied.zwickau", "coach1"])
def test_members_and_the_coach_read_their_kprs_page(client_as, ctx, login):
    with ctx() as session:
        _six_kprs(session)
    body = _text(client_as(login).get(KPR_PAGE.format("zwickau")))
    assert '<td class="num">42,9 %' in body and "34,0 %" in body
    assert "77,8 %" not in body


def test_the_state_council_uses_its_own_page_not_the_kprs(client_as):
    assert client_as("land").get(KPR_PAGE.format("zwickau")).status_code == 403


def test_a_kpr_without_a_survey_is_told_how_to_take_part(client_as, ctx):
    with ctx() as session, tenant_context(tenant("plauen").id):
        assert not session.scalars(sa.select(Survey)).all()  # the demo gives Plauen no survey
    body = _text(client_as("koordination.plauen").get(KPR_PAGE.format("plauen")))
    assert "Ihr KPR nimmt nicht am Vergleich teil" in body and "noch keine Bürgerbefragung" in body
    assert 'href="/k/plauen/praevention/befragungen"' in body


def test_a_closed_survey_not_shared_links_its_coordinators_to_the_settings(client_as, ctx):
    with ctx() as session:
        survey_id = build_survey(tenant("zwickau").id, {"safety_night": given(very_safe=9)}, shared=False,
                                 title="Bürgerbefragung Zwickau", closed_on=date(YEAR, 2, 1))
        session.commit()
    body = _text(client_as("koordination.zwickau").get(KPR_PAGE.format("zwickau")))
    assert "„Bürgerbefragung Zwickau“ ist nicht für den Vergleich freigegeben" in body
    assert f'href="/k/zwickau/praevention/befragungen/{survey_id}/bearbeiten"' in body
    assert "Für den Vergleich im Bündnis freigeben" in body
    member = _text(client_as("mitglied.zwickau").get(KPR_PAGE.format("zwickau")))
    assert "bearbeiten" not in member and "Die Koordinator:innen Ihres KPR können" in member


def test_a_survey_still_running_says_it_counts_once_closed(client_as, ctx):
    with ctx() as session:
        build_survey(tenant("zwickau").id, {"safety_night": given(very_safe=9)}, status=SurveyStatus.open,
                     title="Bürgerbefragung Zwickau läuft")
        session.commit()
    body = _text(client_as("koordination.zwickau").get(KPR_PAGE.format("zwickau")))
    assert "ist noch nicht abgeschlossen (läuft)" in body and "/bearbeiten" in body


def test_a_kpr_that_shared_after_the_last_run_is_told_when_its_figures_come(client_as, ctx):
    with ctx() as session:
        compute_survey_benchmark_now()
        build_survey(tenant("zwickau").id, {"safety_night": given(very_safe=9)}, closed_on=date(YEAR, 2, 1))
        session.commit()
    body = _text(client_as("koordination.zwickau").get(KPR_PAGE.format("zwickau")))
    assert "noch keine Werte vor" in body and "Ihr KPR nimmt nicht" not in body


def _many_kprs(session, count: int) -> None:
    no_demo_sharing()
    build_survey(tenant("zwickau").id, {"safety_night": given(very_safe=4, fairly_unsafe=3),
                                        "victim": [("none",), ("theft",)] * 3})
    for number in range(count):
        build_survey(new_kpr(200 + number, 1_000 + 7_000 * number).id,
                     {"safety_night": given(very_safe=3 + number % 4, very_unsafe=2),
                      "victim": [("none",), ("theft",), ("damage", "fraud")] * 2})
    compute_survey_benchmark_now()
    session.commit()


@pytest.mark.parametrize("kprs", [3, 60])
@pytest.mark.parametrize(("login", "url", "bound"), [("koordination.zwickau", KPR_PAGE.format("zwickau"), 10),
                                                     ("land", LAND_PAGE, 7)], ids=["kpr", "land"])
def test_both_pages_send_the_same_queries_for_3_and_60_kprs(client_as, ctx, count_queries, kprs, login, url, bound):
    client = client_as(login)
    with ctx() as session:
        _many_kprs(session, kprs)
    with count_queries() as n:
        body = _text(client.get(url))
    if login == "land":
        assert f"<strong>{kprs + 1}</strong> KPR mit Werten im Vergleich" in body
        assert len(KPR_ROW.findall(body)) == min(kprs + 1, 50)
    else:
        assert f'<td class="num">{kprs + 1}</td></tr>' in body  # the alliance's number of KPRs
    assert n.value <= bound, n.value  # the same bound for both sizes


def test_the_state_page_lists_50_kprs_a_page_with_a_name_filter(client_as, ctx):
    client = client_as("kontakt")
    with ctx() as session:
        _many_kprs(session, 60)
    first = _text(client.get(LAND_PAGE + "?frage=victim"))
    assert "61 KPR, nach Namen – Seite 1 von 2" in first
    names = KPR_ROW.findall(first)
    assert len(names) == 50 and names[0] == "Stadt Zwickau"  # by name: "Stadt …" before "Vergleichsort …"
    assert names[1].endswith("Vergleichsort 200") and names[-1].endswith("Vergleichsort 248")
    second = _text(client.get(LAND_PAGE + "?frage=victim&seite=2"))
    names = KPR_ROW.findall(second)
    assert len(names) == 11 and names[-1].endswith("Vergleichsort 259")
    assert 'href="/land/befragungen?seite=1&amp;frage=victim#kpr-werte"' in second
    found = _text(client.get(LAND_PAGE + "?frage=victim&name=ort+25"))
    assert "10 KPR mit „ort 25“ im Namen" in found and len(KPR_ROW.findall(found)) == 10
    assert "Seite 1 von" not in found
    # the summary of every item: the alliance and the size classes ("." under 3 KPRs)
    assert "wurden in den letzten zwölf Monaten Opfer mindestens einer dieser Taten" in first
    assert "61 KPR, " in first and "Median" in first and "<td>.</td>" in first


def test_bad_input_on_the_state_page_gets_a_german_message_and_the_night_item(client_as):
    client = client_as("land")
    page = client.get(LAND_PAGE + "?frage=%3Cscript%3E&seite=abc&name=" + "x" * 300)
    assert page.status_code == 422
    body = re.sub(r"\s+", " ", page.get_data(as_text=True))
    assert "Bitte wählen Sie einen Eintrag aus der Liste." in body
    assert "Bitte höchstens 160 Zeichen." in body
    assert "fühlen sich nachts allein in der Wohngegend unsicher</h2>" in body
    assert "<script>" not in body


@pytest.mark.parametrize("login", ["koordination.zwickau", "mitglied.zwickau", "coach1"])
def test_the_state_page_and_its_run_button_are_404_for_kpr_roles(client_as, login):
    client = client_as(login)
    assert client.get(LAND_PAGE).status_code == 404
    assert client.submit(LAND_PAGE + "/berechnen").status_code == 404
    assert "Befragungen im Vergleich" not in client.get("/").get_data(as_text=True)


def test_the_state_navigation_links_the_page(client_as):
    # from another state page: on the page itself, its link carries aria-current
    assert 'href="/land/befragungen">Befragungen im Vergleich' in client_as("kontakt").get("/land/").get_data(
        as_text=True)


def test_run_button_with_the_broker_down_answers_in_german_and_keeps_the_figures(other_app, committed):
    app = other_app(REDIS_URL="redis://127.0.0.1:1/0")
    client = app.test_client()
    assert client.post("/login", data={"email": "land@demo.asskomm.de", "password": "asskomm-demo"}).status_code == 302
    response = client.post(LAND_PAGE + "/berechnen")
    assert response.status_code == 302 and response.headers["Location"] == LAND_PAGE  # no job to follow
    assert "Hintergrunddienst nicht erreichbar" in client.get(LAND_PAGE).get_data(as_text=True)
    progress = client.get(LAND_PAGE + "/berechnung/0e3c8f47-6a6c-4a8e-9d0d-6b1d7c2b0a11")
    assert progress.status_code == 503 and progress.get_json()["state"] == "UNAVAILABLE"
