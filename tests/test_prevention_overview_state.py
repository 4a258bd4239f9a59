"""The state overview (/land/) shows each KPR's stage in the prevention cycle in a column and filters
by it, in the same number of queries for 2 and 30 KPRs; its district view counts the KPRs per stage
per district, and those counts sum to Saxony's and to the alliance's (Landkreis Rostock, of the MV alliance,
is not counted)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from html.parser import HTMLParser

import sqlalchemy as sa

from asskomm.prevention.stage import Stage, stage_of
from tenants import FIRST_ALLIANCE_ID, Tenant, TenantKind, TenantStatus, cross_tenant, tenant_context
from tenants.districts import BY_NAME, SAXONY

from .helpers import tenant
from .prevention_rounds import YEAR, build_round

LABELS = [s.label for s in Stage]


class _Tables(HTMLParser):
    """Rows of every table on the page, by the id of its caption (or of the table)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(attrs.get("id") or f"table-{len(self.tables)}", [])
        elif tag == "caption" and attrs.get("id") and self._table is not None:
            self.tables[attrs["id"]] = self._table
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            self._table[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def _kpr_rows(html: str) -> dict[str, str]:
    """KPR name -> the text in its column "Präventionszyklus"."""
    rows = _tables(html)["alle-kpr"]
    header = rows[0]
    column = header.index("Präventionszyklus")
    return {row[0]: row[column] for row in rows[1:] if len(row) == len(header)}


def _rounds(stages: dict[str, Stage]) -> None:
    for slug, stage in stages.items():
        with tenant_context(tenant(slug).id):
            build_round(stage)


def test_the_column_shows_each_kprs_stage_and_the_filter_keeps_those_at_one(client_as, ctx):
    with ctx() as session:
        _rounds({"bautzen": Stage.measures, "plauen": Stage.analysis, "freiberg": Stage.measures})
        session.commit()
        names = {slug: tenant(slug).official_name for slug in ("bautzen", "plauen", "freiberg", "zwickau")}
        with cross_tenant("test: every KPR's stage"):
            expected = {t.official_name: stage_of(t.id).label
                        for t in session.scalars(sa.select(Tenant).where(Tenant.archived_at.is_(None),
                                                                         Tenant.alliance_id == FIRST_ALLIANCE_ID))}
    client = client_as("land")
    html = client.get("/land/").get_data(as_text=True)
    shown = _kpr_rows(html)
    assert shown == expected
    assert shown[names["bautzen"]] == "Maßnahmen" and shown[names["plauen"]] == "Sicherheitsanalyse"

    filtered = client.get("/land/?zyklus=measures").get_data(as_text=True)
    assert "(gefiltert)" in filtered
    at_measures = _kpr_rows(filtered)
    assert set(at_measures) == {name for name, label in expected.items() if label == "Maßnahmen"}
    assert {names["bautzen"], names["freiberg"]} <= set(at_measures) and names["plauen"] not in at_measures
    assert '<option value="measures" selected>Maßnahmen</option>' in filtered
    combined = _kpr_rows(client.get("/land/", query_string={"zyklus": "measures",
                                                          "landkreis": "Landkreis Bautzen"}).get_data(as_text=True))
    assert set(combined) == {names["bautzen"]}
    sorted_rows = list(_kpr_rows(client.get("/land/?sortierung=zyklus").get_data(as_text=True)).values())
    assert sorted_rows == sorted(sorted_rows, key=LABELS.index)
    # an unknown stage filters nothing away and breaks nothing
    assert _kpr_rows(client.get("/land/?zyklus=gibt-es-nicht").get_data(as_text=True)) == expected


def _generated(session, count: int, start: int) -> None:
    stages = [Stage.analysis, Stage.resources, Stage.strategy, Stage.measures, Stage.evaluation]
    for n in range(start, start + count):
        place = Tenant(slug=f"zyklus-{n}", name=f"Zyklusgemeinde {n}", kind=TenantKind.municipality,
                       ags=f"{14900000 + n:08d}", district="Landkreis Görlitz", status=TenantStatus.active,
                       contacted_on=date(YEAR - 2, 3, 1), active_on=date(YEAR - 1, 5, 1))
        session.add(place)
        session.flush()
        with tenant_context(place.id):
            build_round(stages[n % len(stages)], measures=n % 4, goals=1 + n % 2)


def test_the_overview_takes_the_same_queries_for_2_and_30_kprs_with_rounds(client_as, ctx, count_queries):
    client = client_as("land")
    counts: dict[str, list[int]] = {}
    pages = ("/land/", "/land/?zyklus=strategy", "/land/?sortierung=zyklus&landkreis=Landkreis+Görlitz")
    for added, start in ((2, 0), (28, 2)):
        with ctx() as session:
            _generated(session, added, start)
            session.commit()
        for url in pages:
            with count_queries() as n:
                response = client.get(url)
            assert response.status_code == 200
            counts.setdefault(url, []).append(n.value)
        assert f"Zyklusgemeinde {start + added - 1}" in client.get("/land/").get_data(as_text=True)
    for url, (few, many) in counts.items():
        assert few == many, (url, few, many)


def test_the_stages_per_district_sum_to_saxonys_and_the_alliances(client_as, ctx):
    with ctx() as session:
        # (Landkreis Rostock, in the MV alliance, has its demo round: it must not show here)
        _rounds({"bautzen": Stage.measures, "plauen": Stage.analysis, "freiberg": Stage.evaluation})
        _generated(session, 3, 100)
        # a KPR of Saxony's alliance outside Saxony (Landkreis Rostock moved to the MV alliance)
        outside_place = Tenant(slug="spremberg", name="Stadt Spremberg", kind=TenantKind.city, ags="12071372",
                               district="Landkreis Spree-Neiße", federal_state="Brandenburg",
                               status=TenantStatus.active, contacted_on=date(YEAR - 2, 3, 1),
                               active_on=date(YEAR - 1, 5, 1))
        session.add(outside_place)
        session.flush()
        with tenant_context(outside_place.id):
            build_round(Stage.strategy)
        session.commit()
        with cross_tenant("test: stages by place"):
            places = session.execute(sa.select(Tenant.id, Tenant.federal_state, Tenant.district)
                                     .where(Tenant.archived_at.is_(None),
                                            Tenant.alliance_id == FIRST_ALLIANCE_ID)).all()  # Saxony's alliance
            saxony = Counter(stage_of(t).label for t, land, district in places
                             if land == SAXONY and district in BY_NAME)
            everywhere = Counter(stage_of(t).label for t, _, _ in places)
    html = client_as("land").get("/land/").get_data(as_text=True)
    tables = _tables(html)
    districts = tables["zyklus-je-landkreis"]
    assert districts[0] == ["Landkreis"] + LABELS
    body, total = districts[1:-1], districts[-1]
    assert len(body) == 13 and total[0] == "Sachsen"
    for index, label in enumerate(LABELS, 1):
        assert sum(int(row[index]) for row in body) == int(total[index]) == saxony[label], label
    goerlitz = next(row for row in body if row[0] == "Landkreis Görlitz")
    assert sum(int(cell) for cell in goerlitz[1:]) == 1 + 3  # Zittau and the three generated KPRs

    summary = tables["zyklus-summe"]
    assert summary[0] == LABELS
    assert [int(cell.split()[0]) for cell in summary[1]] == [everywhere[label] for label in LABELS]
    outside = tables["zyklus-ausserhalb"]
    assert not any("Rostock" in cell for row in outside for cell in row)  # another alliance's KPR
    for index, label in enumerate(LABELS, 2):
        assert int(total[index - 1]) + sum(int(row[index]) for row in outside[1:]) == everywhere[label]
    assert sum(everywhere.values()) == len(places)
