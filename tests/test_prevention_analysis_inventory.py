"""The problems of a round and the inventory of offers held against them, through HTTP: entering,
changing and removing (after asking), German refusals that change nothing, the gap analysis
(gaps, overlaps, offers without a problem), and query counts that stay constant as they grow."""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa

from asskomm.prevention.models import PreventionOffer, Problem, Setting, TargetGroup
from asskomm.prevention.statistics.models import IndicatorSeries
from asskomm.timeutil import today
from tenants import tenant_context

from .helpers import tenant
from .test_prevention_analysis import _add_round as _round

BASE = "/k/bautzen/praevention"
YEAR = today().year


def _problems(ctx, slug: str = "bautzen") -> list[tuple]:
    with ctx() as session, tenant_context(tenant(slug).id):
        return [(p.cycle_id, p.title, p.description, p.priority, p.offence_key, p.series_id, p.from_survey)
                for p in session.scalars(sa.select(Problem).order_by(Problem.id))]


def _offers(ctx, slug: str = "bautzen") -> list[tuple]:
    with ctx() as session, tenant_context(tenant(slug).id):
        return [(o.cycle_id, o.title, o.provider, o.topic, o.target_group, o.setting, o.area, o.reach, o.funding,
                 o.contact, sorted(p.id for p in o.problems))
                for o in session.scalars(sa.select(PreventionOffer).order_by(PreventionOffer.id))]


def _add_problems(ctx, cycle_id: int, count: int, slug: str = "bautzen") -> list[int]:
    with ctx() as session, tenant_context(tenant(slug).id):
        made = [Problem(cycle_id=cycle_id, title=f"Problem {n}", priority=n + 1) for n in range(count)]
        session.add_all(made)
        session.commit()
        return [p.id for p in made]


def _series(ctx, slug: str, name: str) -> int:
    with ctx() as session, tenant_context(tenant(slug).id):
        series = IndicatorSeries(name=name, unit="Fälle")
        session.add(series)
        session.commit()
        return series.id


def _problem_form(**changes) -> dict:
    form = {"title": "Sachbeschädigung in der Innenstadt", "description": "Graffiti an Schulen", "priority": "2",
            "offence_key": "674000", "series_id": "", "from_survey": "y"}
    form.update(changes)
    return {k: v for k, v in form.items() if v is not None}


def _offer_form(**changes) -> dict:
    form = {"title": "Streetwork Innenstadt", "provider": "Stadt Bautzen", "topic": "aufsuchende Jugendarbeit",
            "target_group": "youth", "setting": "public_space", "area": "Innenstadt", "reach": "80 Jugendliche",
            "funding": "Stadt und Landkreis", "contact": "streetwork@bautzen.example"}
    form.update(changes)
    return form


# -- 4. problems ------------------------------------------------------------------------------------------------

def test_problems_are_entered_with_their_evidence_listed_by_priority_changed_and_removed(client_as, ctx):
    cycle_id = _round(ctx)
    series_id = _series(ctx, "bautzen", "Ordnungswidrigkeiten Lärm")
    coordinator = client_as("koordination.bautzen")
    form = coordinator.get(f"{BASE}/runden/{cycle_id}/probleme/neu").get_data(as_text=True)
    assert 'value="674000"' in form and "Ordnungswidrigkeiten Lärm" in form and 'value="1"' in form  # priority 1
    assert coordinator.submit(f"{BASE}/runden/{cycle_id}/probleme/neu", _problem_form()).status_code == 302
    assert coordinator.submit(f"{BASE}/runden/{cycle_id}/probleme/neu", _problem_form(
        title="Ruhestörung", description="", priority="1", offence_key="", series_id=str(series_id),
        from_survey=None)).status_code == 302
    [first, second] = _problems(ctx)
    assert first == (cycle_id, "Sachbeschädigung in der Innenstadt", "Graffiti an Schulen", 2, "674000", None, True)
    assert second == (cycle_id, "Ruhestörung", "", 1, "", series_id, False)
    page = coordinator.get(f"{BASE}/runden/{cycle_id}/probleme").get_data(as_text=True)
    assert page.index("Ruhestörung") < page.index("Sachbeschädigung in der Innenstadt")  # by priority
    assert "Kennzahl: Ordnungswidrigkeiten Lärm" in page and "in der Bürgerbefragung genannt" in page
    assert "Sachbeschädigung</li>" in page
    with ctx() as session, tenant_context(tenant("bautzen").id):
        problem_id = session.scalar(sa.select(Problem.id).filter_by(title="Ruhestörung"))
    edit = f"{BASE}/probleme/{problem_id}/bearbeiten"
    assert "Ruhestörung" in coordinator.get(edit).get_data(as_text=True)
    assert coordinator.submit(edit, _problem_form(title="Lärm nachts", priority="3", offence_key="------",
                                                  series_id="")).status_code == 302
    assert _problems(ctx)[1] == (cycle_id, "Lärm nachts", "Graffiti an Schulen", 3, "------", None, True)
    # Removing asks first and says what happens.
    delete = f"{BASE}/probleme/{problem_id}/loeschen"
    question = coordinator.get(delete).get_data(as_text=True)
    assert "Problem „Lärm nachts“ entfernen?" in question and "Kein Angebot der Bestandsaufnahme" in question
    assert len(_problems(ctx)) == 2
    assert coordinator.submit(delete, {"reason": "doppelt"}).status_code == 302
    assert [p[1] for p in _problems(ctx)] == ["Sachbeschädigung in der Innenstadt"]


def test_bad_problems_are_refused_in_german_and_change_nothing(client_as, ctx):
    cycle_id = _round(ctx)
    [problem_id] = _add_problems(ctx, cycle_id, 1)
    foreign_series = _series(ctx, "zwickau", "Fremde Kennzahl")
    coordinator = client_as("koordination.bautzen")
    before = _problems(ctx)
    cases = [
        (_problem_form(title=""), "Bitte benennen Sie das Problem"),
        (_problem_form(title="x" * 201), "höchstens 200 Zeichen"),
        (_problem_form(priority=""), "Bitte geben Sie die Priorität an"),
        (_problem_form(priority="0"), "von 1 (am dringendsten) bis 99"),
        (_problem_form(priority="100"), "von 1 (am dringendsten) bis 99"),
        (_problem_form(priority="erste"), "keine ganze Zahl"),
        (_problem_form(offence_key="999999"), "Bitte wählen Sie einen Eintrag aus der Liste"),
        (_problem_form(series_id=str(foreign_series)), "Bitte wählen Sie einen Eintrag aus der Liste"),
        (_problem_form(series_id="x1"), "Bitte wählen Sie einen Eintrag aus der Liste"),
    ]
    for data, message in cases:
        for url in (f"{BASE}/runden/{cycle_id}/probleme/neu", f"{BASE}/probleme/{problem_id}/bearbeiten"):
            response = coordinator.submit(url, data)
            assert response.status_code == 422, (message, url)
            assert message in response.get_data(as_text=True), (message, url)
    assert _problems(ctx) == before


# -- 5. offers and the gap analysis -----------------------------------------------------------------------------

def _rows(page: str, caption: str) -> list[list[str]]:
    """The body rows of the table with this caption, as text per cell."""
    table = page[page.index(caption):]
    body = table[table.index("<tbody>"):table.index("</tbody>")]
    return [[re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
             for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def test_offers_are_entered_and_held_against_the_problems(client_as, ctx):
    cycle_id = _round(ctx)
    gap, single, double = _add_problems(ctx, cycle_id, 3)
    coordinator = client_as("koordination.bautzen")
    new = f"{BASE}/runden/{cycle_id}/angebote/neu"
    form = coordinator.get(new).get_data(as_text=True)
    assert "1. Problem 0" in form and 'value="youth"' in form
    for data in (_offer_form(problem_ids=[str(single), str(double)]),
                 _offer_form(title="Schulsozialarbeit", target_group="", setting="", problem_ids=[str(double)]),
                 _offer_form(title="Seniorensicherheitstag", provider="Polizei")):
        assert coordinator.submit(new, data).status_code == 302
    offers = _offers(ctx)
    assert offers[0] == (cycle_id, "Streetwork Innenstadt", "Stadt Bautzen", "aufsuchende Jugendarbeit",
                         TargetGroup.youth, Setting.public_space, "Innenstadt", "80 Jugendliche",
                         "Stadt und Landkreis", "streetwork@bautzen.example", sorted([single, double]))
    assert offers[1][4:6] == (None, None) and offers[2][-1] == []
    page = coordinator.get(f"{BASE}/runden/{cycle_id}/angebote").get_data(as_text=True)
    coverage = _rows(page, "Angebote je Problem, nach Priorität")
    assert [(row[1], row[2]) for row in coverage] == [
        ("Problem 0", "keine Angebote – Lücke"), ("Problem 1", "ein Angebot"),
        ("Problem 2", "mehrere Angebote – Überschneidung prüfen")]
    assert "Streetwork Innenstadt" in coverage[2][3] and "Schulsozialarbeit" in coverage[2][3]
    assert "1 von 3 Problemen ohne Angebot (Lücke), 1 mit mehreren Angeboten" in page
    unassigned = page[page.index("Angebote ohne Bezug"):page.index("Bestandsaufnahme: vorhandene")]
    assert "Seniorensicherheitstag" in unassigned and "Streetwork" not in unassigned
    inventory = _rows(page, "3 Angebote")
    assert inventory[2][:9] == ["Streetwork Innenstadt", "Stadt Bautzen", "aufsuchende Jugendarbeit", "Jugendliche",
                                "öffentlicher Raum", "Innenstadt", "80 Jugendliche", "Stadt und Landkreis",
                                "streetwork@bautzen.example"]
    assert sorted(inventory[2][9].split("; ")) == ["Problem 1", "Problem 2"] and inventory[1][9] == "keinem"
    # Changing an offer moves it in the analysis; removing it asks first.
    with ctx() as session, tenant_context(tenant("bautzen").id):
        offer_id = session.scalar(sa.select(PreventionOffer.id).filter_by(title="Seniorensicherheitstag"))
    edit = f"{BASE}/angebote/{offer_id}/bearbeiten"
    assert 'value="Polizei"' in coordinator.get(edit).get_data(as_text=True)
    assert coordinator.submit(edit, _offer_form(title="Seniorensicherheitstag", problem_ids=[str(gap)])).status_code \
        == 302
    page = coordinator.get(f"{BASE}/runden/{cycle_id}/angebote").get_data(as_text=True)
    assert _rows(page, "Angebote je Problem, nach Priorität")[0][2] == "ein Angebot"
    assert "Angebote ohne Bezug" not in page
    delete = f"{BASE}/angebote/{offer_id}/loeschen"
    assert "Angebot „Seniorensicherheitstag“ entfernen?" in coordinator.get(delete).get_data(as_text=True)
    assert len(_offers(ctx)) == 3
    assert coordinator.submit(delete, {"reason": ""}).status_code == 302
    assert [o[1] for o in _offers(ctx)] == ["Streetwork Innenstadt", "Schulsozialarbeit"]
    page = coordinator.get(f"{BASE}/runden/{cycle_id}/angebote").get_data(as_text=True)
    assert _rows(page, "Angebote je Problem, nach Priorität")[0][2] == "keine Angebote – Lücke"


def test_bad_offers_are_refused_in_german_and_change_nothing(client_as, ctx):
    cycle_id = _round(ctx)
    [own] = _add_problems(ctx, cycle_id, 1)
    other_round = _round(ctx, number=2)
    [elsewhere] = _add_problems(ctx, other_round, 1)
    foreign_round = _round(ctx, slug="plauen")
    [foreign] = _add_problems(ctx, foreign_round, 1, slug="plauen")
    coordinator = client_as("koordination.bautzen")
    assert coordinator.submit(f"{BASE}/runden/{cycle_id}/angebote/neu", _offer_form(title="Bestand")).status_code \
        == 302
    with ctx() as session, tenant_context(tenant("bautzen").id):
        offer_id = session.scalar(sa.select(PreventionOffer.id))
    before = _offers(ctx)
    cases = [
        (_offer_form(title=""), "Bitte geben Sie den Namen des Angebots an"),
        (_offer_form(provider="x" * 201), "höchstens 200 Zeichen"),
        (_offer_form(target_group="kleinkinder"), "Bitte wählen Sie einen Eintrag aus der Liste"),
        (_offer_form(setting="mond"), "Bitte wählen Sie einen Eintrag aus der Liste"),
        (_offer_form(problem_ids=[str(own), str(elsewhere)]), "Bitte wählen Sie einen Eintrag aus der Liste"),
        (_offer_form(problem_ids=[str(foreign)]), "Bitte wählen Sie einen Eintrag aus der Liste"),
        (_offer_form(problem_ids=["eins"]), "Bitte wählen Sie einen Eintrag aus der Liste"),
    ]
    for data, message in cases:
        for url in (f"{BASE}/runden/{cycle_id}/angebote/neu", f"{BASE}/angebote/{offer_id}/bearbeiten"):
            response = coordinator.submit(url, data)
            assert response.status_code == 422, (message, url)
            assert message in response.get_data(as_text=True), (message, url)
    assert _offers(ctx) == before


def test_a_closed_rounds_problems_and_offers_are_read_only(client_as, ctx):
    cycle_id = _round(ctx, analysis_finished_on=date(YEAR - 1, 6, 1), closed_on=date(YEAR - 1, 7, 1))
    [problem_id] = _add_problems(ctx, cycle_id, 1)
    with ctx() as session, tenant_context(tenant("bautzen").id):
        offer = PreventionOffer(cycle_id=cycle_id, title="Alt")
        session.add(offer)
        session.commit()
        offer_id = offer.id
    coordinator = client_as("koordination.bautzen")
    for url in (f"/runden/{cycle_id}/probleme", f"/runden/{cycle_id}/angebote"):
        page = coordinator.get(f"{BASE}{url}").get_data(as_text=True)
        assert "schreibgeschützt" in page and "/bearbeiten" not in page and "/loeschen" not in page
    before = (_problems(ctx), _offers(ctx))
    for url in (f"/probleme/{problem_id}/bearbeiten", f"/probleme/{problem_id}/loeschen",
                f"/angebote/{offer_id}/bearbeiten", f"/angebote/{offer_id}/loeschen"):
        assert coordinator.get(f"{BASE}{url}").status_code == 404, url
        assert coordinator.submit(f"{BASE}{url}", _offer_form()).status_code == 404, url
    assert (_problems(ctx), _offers(ctx)) == before


# -- query counts ----------------------------------------------------------------------------------------------

def _grow(ctx, cycle_id: int, count: int) -> None:
    """`count` problems and offers more, each offer addressing two problems (where there are two), each
    problem with a series."""
    with ctx() as session, tenant_context(tenant("bautzen").id):
        series = IndicatorSeries(name=f"Kennzahl {count}")
        problems = [Problem(cycle_id=cycle_id, title=f"P{count}-{n}", priority=n % 99 + 1, series=series,
                            offence_key="674000") for n in range(count)]
        offers = [PreventionOffer(cycle_id=cycle_id, title=f"A{count}-{n}", target_group=TargetGroup.youth,
                                  problems=list({problems[n], problems[(n + 1) % count]})) for n in range(count)]
        session.add_all(problems + offers)
        session.commit()


def test_query_counts_stay_constant_at_1_and_50_problems_and_offers(client_as, ctx, count_queries):
    cycle_id = _round(ctx, analysis_finished_on=date(YEAR - 1, 6, 1))
    coordinator = client_as("koordination.bautzen")
    pages = [f"{BASE}/runden/{cycle_id}", f"{BASE}/runden/{cycle_id}/probleme", f"{BASE}/runden/{cycle_id}/angebote"]
    counts = {}
    for size in (1, 49):  # 1, then 50 of each
        _grow(ctx, cycle_id, size)
        for url in pages:
            coordinator.get(url)  # warm up the session's caches
            with count_queries() as queries:
                assert coordinator.get(url).status_code == 200
            counts.setdefault(url, []).append(queries.value)
    assert all(small == large for small, large in counts.values()), counts
