"""The KPR's crime figures through HTTP: the table with the Häufigkeitszahl computed from the
population, changes in words, the Land beside; one figure by form with German refusals; the
populations; who may do what; constant queries for 1 and 50 figures."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.prevention.statistics.models import CrimeFigure, LandCrimeFigure, LandPopulation, Population
from asskomm.prevention.statistics.services import crime_table
from asskomm.timeutil import today
from tenants import tenant_context

from .helpers import tenant
from .prevention_statistics_data import BASE, figures_of, hz, replace_figures

TABLE = f"{BASE}/kriminalstatistik"
KNOWN = [
    {"offence_key": "674000", "year": 2002, "cases": 1000, "cleared": 250},
    {"offence_key": "674000", "year": 2003, "cases": 1234, "attempts": 12, "cleared": 617, "suspects": 580},
    {"offence_key": "892000", "year": 2003, "cases": 87},
]


def _form(**changes) -> dict:
    form = {"offence_key": "435*00", "year": "2004", "cases": "1.234", "attempts": "", "cleared": "", "suspects": ""}
    form.update(changes)
    return form


def test_the_rate_on_the_page_is_cases_times_100000_by_the_population_of_that_year(client_as, ctx):
    replace_figures(ctx, KNOWN, {2003: 87_516})
    page = client_as("mitglied.zwickau").get(f"{TABLE}?von=2002&bis=2003").get_data(as_text=True)
    assert hz(1234, 87_516) == "1.410,0" and hz(1234, 87_516) in page and hz(87, 87_516) in page
    assert "1.234" in page and "gestiegen: +234 (+23,4 %)" in page  # the change in words and figures
    # 2002 has no population: a dash and why
    assert "Für 2002 ist keine Einwohnerzahl eingetragen" in page and "keine Einwohnerzahl für 2002" in page
    # attempts, cleared cases with the Aufklärungsquote, suspects
    assert "50,0 %" in page and ">580<" in page and ">12<" in page
    # catalogue keys indented by hierarchy, sum keys in their own group, invented figures not shown as such
    assert 'class="offence-2"><span class="stamp">674000' in page
    assert page.index("Summenschlüssel</th>") < page.index("892000")
    assert "Demo-Zahlen (erfunden)" not in page


def test_the_demo_figures_are_labelled_and_the_default_is_the_last_five_years_with_figures(client_as):
    page = client_as("koordination.zwickau").get(TABLE).get_data(as_text=True)
    assert "Demo-Zahlen (erfunden)" in page
    assert "Fallzahlen 2017–2021" in page  # Zwickau's demo figures run from 2017 to 2021


def test_the_lands_rate_appears_beside_the_kprs(client_as, ctx):
    replace_figures(ctx, KNOWN, {2003: 87_516})
    land = client_as("kontakt")
    form = {"inhabitants": "4.000.000", "k15": "30.000", "k19": "2.500"}  # 674000 and 892000 in the catalogue
    assert land.submit("/land/kriminalstatistik?land=Sachsen&jahr=2003", form).status_code == 302
    page = client_as("mitglied.zwickau").get(f"{TABLE}?von=2002&bis=2003").get_data(as_text=True)
    assert "HZ</abbr> Sachsen" in page and hz(30_000, 4_000_000) in page and hz(2_500, 4_000_000) in page
    with ctx() as session:
        assert session.get(LandCrimeFigure, ("Sachsen", 2003, "674000")).cases == 30_000
        assert session.get(LandPopulation, ("Sachsen", 2003)).inhabitants == 4_000_000


def test_land_figures_refuse_bad_input_and_are_for_the_state_council_only(client_as, ctx):
    land = client_as("land")
    page = land.get("/land/kriminalstatistik").get_data(as_text=True)
    assert page.index('value="Sachsen"') < page.index('value="Baden-Württemberg"')  # Saxony first
    refused = land.submit("/land/kriminalstatistik?land=Sachsen&jahr=2003", {"inhabitants": "0", "k15": "viele"})
    assert refused.status_code == 422 and "„viele“ ist keine ganze Zahl" in refused.get_data(as_text=True)
    with ctx() as session:
        assert session.get(LandCrimeFigure, ("Sachsen", 2003, "674000")) is None
    assert land.submit("/land/kriminalstatistik?land=Sachsen&jahr=2003", {"inhabitants": "0"}).status_code == 422
    coordinator = client_as("koordination.zwickau")
    assert coordinator.get("/land/kriminalstatistik").status_code == 404
    assert coordinator.submit("/land/kriminalstatistik?land=Sachsen&jahr=2003", {"k15": "5"}).status_code == 404
    assert client_as("mitglied.zwickau").get("/land/kriminalstatistik").status_code == 404


def test_area_two_reads_the_same_table_for_a_rounds_years(fresh, ctx):
    replace_figures(ctx, KNOWN, {2003: 87_516})
    with fresh.app_context(), tenant_context(tenant("zwickau").id):
        table = crime_table(2003, 2003, "Sachsen")
    assert [row.key for row in table.rows] == ["674000"] and [row.key for row in table.sum_rows] == ["892000"]
    cell = table.rows[0].cells[0]
    assert cell.rate == hz(1234, 87_516) and cell.change.difference == 234 and cell.clearance_rate == "50,0"


def test_a_coordinator_enters_changes_and_deletes_a_figure(client_as, ctx):
    replace_figures(ctx, [])
    coordinator = client_as("koordination.zwickau")
    assert coordinator.submit(f"{TABLE}/neu", _form(attempts="500", cleared="12", suspects="1.100")).status_code == 302
    assert figures_of(ctx) == [("435*00", 2004, 1234, 500, 12, 1100, False)]
    with ctx() as session, tenant_context(tenant("zwickau").id):
        figure_id = session.scalar(sa.select(CrimeFigure.id))
    assert coordinator.submit(f"{TABLE}/{figure_id}/bearbeiten", _form(cases="1300")).status_code == 302
    assert figures_of(ctx) == [("435*00", 2004, 1300, None, None, None, False)]
    question = coordinator.get(f"{TABLE}/{figure_id}/loeschen").get_data(as_text=True)
    assert "Das kann nicht rückgängig gemacht werden" in question and "Fallzahl löschen" in question
    assert figures_of(ctx) != []
    assert coordinator.submit(f"{TABLE}/{figure_id}/loeschen", {"reason": "doppelt"}).status_code == 302
    assert figures_of(ctx) == []


def test_bad_figures_get_a_german_message_and_change_nothing(client_as, ctx):
    replace_figures(ctx, [{"offence_key": "435*00", "year": 2004, "cases": 10}])
    coordinator = client_as("koordination.zwickau")
    before = figures_of(ctx)
    refusals = {
        "können nicht mehr sein als die Fälle": _form(cleared="2.000", year="2005"),
        "Versuche (1300) können nicht mehr sein": _form(attempts="1300", year="2005"),
        "Die Zahl darf nicht negativ sein.": _form(cases="-5", year="2005"),
        "Das Jahr muss zwischen 1990 und": _form(year="1980"),
        "ist keine Jahreszahl": _form(year="zweitausend"),
        "„viele“ ist keine ganze Zahl": _form(cases="viele", year="2005"),
        "Bitte geben Sie die Zahl der Fälle an": _form(cases="", year="2005"),
        "Bitte wählen Sie einen Eintrag aus der Liste.": _form(offence_key="999999", year="2005"),
        "ist 2004 schon eine Zahl eingetragen": _form(),  # one figure per key and year, not an IntegrityError
        f"Das Jahr muss zwischen 1990 und {today().year}": _form(year=str(today().year + 1)),
    }
    for message, form in refusals.items():
        response = coordinator.submit(f"{TABLE}/neu", form)
        assert response.status_code == 422, message
        assert message in response.get_data(as_text=True), message
    assert figures_of(ctx) == before


def test_populations_are_entered_changed_and_checked(client_as, ctx):
    replace_figures(ctx, [], {})
    coordinator = client_as("koordination.zwickau")
    url = f"{BASE}/einwohnerzahlen"
    assert coordinator.submit(url, {"year": "2003", "inhabitants": "87.516", "source": "StaLa"}).status_code == 302
    assert coordinator.submit(url, {"year": "2003", "inhabitants": "87600", "source": "StaLa"}).status_code == 302
    refused = coordinator.submit(url, {"year": "2003", "inhabitants": "0", "source": ""})
    assert refused.status_code == 422 and "muss größer als 0 sein" in refused.get_data(as_text=True)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert [(p.year, p.inhabitants) for p in session.scalars(sa.select(Population))] == [(2003, 87_600)]
    page = coordinator.get(f"{url}?jahr=2003").get_data(as_text=True)
    assert "87.600" in page and 'value="87600"' in page


def test_members_read_and_coordinators_edit(client_as, ctx):
    replace_figures(ctx, KNOWN, {2003: 87_516})
    member = client_as("mitglied.zwickau")
    page = member.get(f"{TABLE}?von=2002&bis=2003").get_data(as_text=True)
    assert "Fallzahl eintragen" not in page and "/bearbeiten" not in page
    assert member.get(f"{TABLE}/neu").status_code == 403
    assert member.submit(f"{TABLE}/neu", _form()).status_code == 403
    assert member.submit(f"{BASE}/einwohnerzahlen", {"year": "2003", "inhabitants": "5"}).status_code == 403
    assert member.get(f"{TABLE}/import").status_code == 403
    with ctx() as session, tenant_context(tenant("zwickau").id):
        figure_id = session.scalar(sa.select(CrimeFigure.id).filter_by(year=2003, offence_key="674000"))
    assert member.submit(f"{TABLE}/{figure_id}/loeschen").status_code == 403
    assert len(figures_of(ctx)) == 3
    for login in ("coach1", "kontakt", "land"):  # everyone with a role reads the figures
        assert client_as(login).get(TABLE).status_code == 200, login
    coordinator_page = client_as("koordination.zwickau").get(f"{TABLE}?von=2002&bis=2003").get_data(as_text=True)
    assert "Fallzahl eintragen" in coordinator_page and f"{figure_id}/bearbeiten" in coordinator_page


def test_a_bad_year_range_says_so_and_shows_the_default(client_as):
    coordinator = client_as("koordination.zwickau")
    for query, message in (("von=2021&bis=2017", "muss vor „Bis Jahr“ liegen"),
                           ("von=1990&bis=2020", "höchstens 15 Jahre"), ("von=abc", "ist keine Jahreszahl")):
        response = coordinator.get(f"{TABLE}?{query}")
        assert response.status_code == 422 and message in response.get_data(as_text=True), query
        assert "Gezeigt werden die Jahre 2017–2021" in response.get_data(as_text=True)


def _many(count: int) -> list[dict]:
    keys = ["------", "220000", "435*00", "510000", "674000", "730000", "891000", "892000", "899000", "100000"]
    return [{"offence_key": keys[i % 10], "year": 2011 + i // 10, "cases": 100 + i, "cleared": 10, "suspects": 5}
            for i in range(count)]


def test_the_table_reads_the_same_number_of_queries_for_1_and_50_figures(client_as, ctx, count_queries):
    coordinator = client_as("koordination.zwickau")
    counts, sizes = [], []
    for number in (1, 50):
        replace_figures(ctx, _many(number), {year: 90_000 for year in range(2011, 2016)})
        coordinator.get(TABLE)  # warm: the session's roles are read once
        with count_queries() as queries:
            page = coordinator.get(TABLE).get_data(as_text=True)
        counts.append(queries.value)
        sizes.append(page.count("/bearbeiten"))
    assert sizes == [1, 50]
    assert counts[0] == counts[1], counts
