"""Indicator series (Ordnungswidrigkeiten, socio-demographic data) through HTTP: created with unit and
source, values added, changed and removed (after asking), demo series labelled, constant queries."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from asskomm.prevention.statistics.models import IndicatorSeries, IndicatorValue
from tenants import tenant_context

from .helpers import tenant
from .prevention_statistics_data import BASE

LIST = f"{BASE}/kennzahlen"


def _values(ctx, series_id: int) -> list[tuple[int, Decimal]]:
    with ctx() as session, tenant_context(tenant("zwickau").id):
        return [tuple(row) for row in session.execute(
            sa.select(IndicatorValue.year, IndicatorValue.value).filter_by(series_id=series_id)
            .order_by(IndicatorValue.year))]


def test_a_series_with_values_added_changed_and_removed(client_as, ctx):
    coordinator = client_as("koordination.zwickau")
    created = coordinator.submit(f"{LIST}/neu", {"name": "Ordnungswidrigkeiten Lärm", "unit": "Anzahl",
                                                 "source": "Ordnungsamt"})
    assert created.status_code == 302
    url = created.headers["Location"]
    series_id = int(url.rstrip("/").rsplit("/", 1)[1])
    assert coordinator.submit(url, {"year": "2022", "value": "1.234"}).status_code == 302
    assert coordinator.submit(url, {"year": "2023", "value": "12,5"}).status_code == 302
    assert coordinator.submit(url, {"year": "2023", "value": "13,75"}).status_code == 302  # changed
    assert _values(ctx, series_id) == [(2022, Decimal("1234")), (2023, Decimal("13.75"))]
    page = coordinator.get(url).get_data(as_text=True)
    assert "1.234" in page and "13,75" in page and "Ordnungsamt" in page and "Demo-Zahlen" not in page
    for form, message in (({"year": "2023", "value": "viel"}, "ist keine Zahl"),
                          ({"year": "2023", "value": "1,234"}, "höchstens zwei Nachkommastellen"),
                          ({"year": "1970", "value": "1"}, "Das Jahr muss zwischen 1990"),
                          ({"year": "", "value": "1"}, "Bitte geben Sie das Jahr an")):
        refused = coordinator.submit(url, form)
        assert refused.status_code == 422 and message in refused.get_data(as_text=True), message
    remove = f"{url}/werte/2022/entfernen"
    assert "Das kann nicht rückgängig gemacht werden" in coordinator.get(remove).get_data(as_text=True)
    assert len(_values(ctx, series_id)) == 2
    assert coordinator.submit(remove, {}).status_code == 302
    assert _values(ctx, series_id) == [(2023, Decimal("13.75"))]
    assert coordinator.submit(f"{url}/bearbeiten", {"name": "OWi Lärm", "unit": "je 1.000 EW",
                                                    "source": "Ordnungsamt"}).status_code == 302
    assert "OWi Lärm" in coordinator.get(LIST).get_data(as_text=True)
    assert coordinator.submit(f"{LIST}/neu", {"name": "", "unit": "", "source": ""}).status_code == 422
    assert coordinator.submit(f"{url}/loeschen", {}).status_code == 302
    assert _values(ctx, series_id) == []


def test_members_read_the_series_and_demo_series_are_labelled(client_as, ctx):
    with ctx() as session, tenant_context(tenant("zwickau").id):
        series = IndicatorSeries(name="Arbeitslosenquote Test", unit="%", source="BA", demo=True,
                                 values=[IndicatorValue(year=2022, value=Decimal("7.1"))])
        session.add(series)
        session.commit()
        series_id = series.id
    member = client_as("mitglied.zwickau")
    assert "Demo-Zahlen (erfunden)" in member.get(LIST).get_data(as_text=True)
    page = member.get(f"{LIST}/{series_id}").get_data(as_text=True)
    assert "Demo-Zahlen (erfunden)" in page and "7,1" in page and "/entfernen" not in page
    assert member.submit(f"{LIST}/{series_id}", {"year": "2023", "value": "1"}).status_code == 403
    assert member.get(f"{LIST}/neu").status_code == 403
    assert member.submit(f"{LIST}/{series_id}/werte/2022/entfernen", {}).status_code == 403
    assert _values(ctx, series_id) == [(2022, Decimal("7.10"))]


def test_the_indicator_pages_read_the_same_number_of_queries_for_1_and_50(client_as, ctx, count_queries):
    coordinator = client_as("koordination.zwickau")
    counts = []
    for number in (1, 50):
        with ctx() as session, tenant_context(tenant("zwickau").id):
            session.execute(sa.delete(IndicatorValue))
            session.execute(sa.delete(IndicatorSeries))
            many = [IndicatorSeries(name=f"Reihe {i:02d}", values=[IndicatorValue(year=1990 + j, value=j)
                                                                   for j in range(number)]) for i in range(number)]
            session.add_all(many)
            session.commit()
            series_id = many[0].id
        coordinator.get(LIST)
        with count_queries() as listing:
            assert coordinator.get(LIST).get_data(as_text=True).count("Reihe ") == number
        with count_queries() as detail:
            assert coordinator.get(f"{LIST}/{series_id}").get_data(as_text=True).count("/entfernen") == number
        counts.append((listing.value, detail.value))
    assert counts[0] == counts[1], counts
