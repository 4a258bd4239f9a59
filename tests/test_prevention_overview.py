"""Where a KPR stands in the prevention cycle: the stage follows the records through every
transition; the start page draws the cycle with a text equivalent naming the current stage, shows
the round's figures with links, the next step and the earlier rounds, to each role what it may read,
in a fixed number of queries; the workspace start page shows the stage too."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from asskomm.prevention.analysis.services import close_cycle
from asskomm.prevention.models import (
    ActionField,
    Goal,
    GoalMeasurement,
    IndicatorKind,
    Measure,
    PreventionCycle,
    PreventionOffer,
    Problem,
)
from asskomm.prevention.overview.diagram import COLOURS, LINE, cycle_diagram
from asskomm.prevention.stage import CYCLE, Stage, stage_of, stages
from tenants import db, tenant_context

from .helpers import tenant
from .prevention_rounds import YEAR, build_round

SLUG = "bautzen"  # no demo rounds; coach1 and kontakt2 are assigned to it


def _in_bautzen(build) -> int:
    """Run `build()` in Bautzen's scope; returns its result's id where it has one."""
    with tenant_context(tenant(SLUG).id):
        made = build()
        db.session.flush()
        return getattr(made, "id", None)


# --- the stage rules --------------------------------------------------------------------------------------------


def test_the_stage_follows_the_records_through_every_transition(ctx):
    with ctx() as session:
        kpr = tenant(SLUG).id
        with tenant_context(kpr):
            assert stage_of(kpr) == Stage.not_started
            cycle = PreventionCycle(number=1, analysis_started_on=date(YEAR, 1, 5), first_year=YEAR - 5,
                                    last_year=YEAR - 1)
            problem = Problem(cycle=cycle, title="Graffiti", priority=1)
            session.add_all([cycle, problem])
            session.flush()
            assert stage_of(kpr) == Stage.analysis
            cycle.analysis_finished_on = date(YEAR, 3, 1)
            session.flush()
            assert stage_of(kpr) == Stage.resources
            offer = PreventionOffer(cycle=cycle, title="Legale Wände")
            session.add(offer)
            session.flush()
            assert stage_of(kpr) == Stage.resources, "an offer not held against a problem is no analysis yet"
            offer.problems = [problem]
            session.flush()
            assert stage_of(kpr) == Stage.strategy
            field = ActionField(cycle=cycle, title="Graffiti")
            session.add(field)
            cycle.strategy_adopted_on = date(YEAR, 5, 1)
            session.flush()
            assert stage_of(kpr) == Stage.strategy, "a strategy without a measurable goal"
            goal = Goal(action_field=field, title="Weniger Graffiti", indicator_kind=IndicatorKind.crime_cases,
                        offence_key="674300", baseline_year=YEAR - 1, baseline_value=Decimal(120),
                        target_value=Decimal(80), target_year=YEAR + 2)
            session.add(goal)
            cycle.strategy_adopted_on = None
            session.flush()
            assert stage_of(kpr) == Stage.strategy, "goals, but not adopted"
            cycle.strategy_adopted_on = date(YEAR, 5, 1)
            session.flush()
            assert stage_of(kpr) == Stage.measures
            measure = Measure(cycle=cycle, action_field=field, goal=goal, title="Legale Wände")
            session.add(measure)
            session.flush()
            assert stage_of(kpr) == Stage.measures, "a measure not evaluated yet"
            measure.evaluated_on = date(YEAR, 9, 1)
            session.flush()
            assert stage_of(kpr) == Stage.evaluation
            measure.evaluated_on = None
            session.add(GoalMeasurement(goal=goal, year=YEAR, value=Decimal(100)))
            session.flush()
            assert stage_of(kpr) == Stage.evaluation, "a measured goal is evaluation too"

            following = close_cycle(cycle)
            assert stage_of(kpr) == Stage.analysis, "closing a round opens the next at the analysis"
            assert following.offers, "the inventory was carried into the new round"
            following.analysis_finished_on = date(YEAR, 10, 1)
            session.flush()
            assert stage_of(kpr) == Stage.resources, "carried offers meet no problem of the new round yet"
            session.add(ActionField(cycle=following, title="Sucht"))
            session.flush()
            assert stage_of(kpr) == Stage.strategy, "strategy work has begun: past the inventory"


def test_stages_answers_for_many_kprs_in_a_fixed_number_of_queries(ctx, count_queries):
    with ctx():
        ids = [tenant(slug).id for slug in ("bautzen", "plauen", "freiberg")]
        for kpr, stage in zip(ids, (Stage.measures, Stage.analysis, Stage.evaluation), strict=True):
            with tenant_context(kpr):
                build_round(stage)
        with count_queries() as n:
            found = stages(ids)
        assert found == {ids[0]: Stage.measures, ids[1]: Stage.analysis, ids[2]: Stage.evaluation}
        assert n.value == 1
        assert all(stage_of(kpr) == found[kpr] for kpr in ids)


# --- the diagram ------------------------------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_diagram_colours_have_enough_contrast_and_the_stage_shows_without_colour():
    for state, (fill, border, ink) in COLOURS.items():
        assert _contrast(ink, fill) >= 4.5, state  # text in the boxes
        assert _contrast(border, "#ffffff") >= 3, state  # the box against the page
    assert _contrast(COLOURS["current"][0], "#ffffff") >= 3  # the filled current box
    assert _contrast(LINE, "#ffffff") >= 3
    diagram = cycle_diagram(Stage.strategy)
    words = {n.stage: n.words for n in diagram.nodes}
    assert words == {Stage.analysis: "✓ erledigt", Stage.resources: "✓ erledigt", Stage.strategy: "▶ aktuell",
                     Stage.measures: "offen", Stage.evaluation: "offen"}
    assert [n.stage for n in diagram.nodes] == CYCLE and len(diagram.arrows) == 5
    assert diagram.arrows[-1].label == "von vorn"  # from the evaluation back to the analysis
    assert all(n.state == "open" for n in cycle_diagram(Stage.not_started).nodes)


class _Page(HTMLParser):
    """The SVG's role, labels and texts, and the items of the ordered list `zyklus-schritte`."""

    def __init__(self) -> None:
        super().__init__()
        self.svg: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        self.steps: list[str] = []
        self._open: list[str] = []
        self._in_steps = False
        self._item: list[str] | None = None
        self.current_boxes = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg" and "cycle-diagram" in (attrs.get("class") or ""):
            self.svg = attrs
        if tag == "g" and "cycle-current" in (attrs.get("class") or ""):
            self.current_boxes += 1
        if attrs.get("id"):
            self._open.append(attrs["id"])
            self.ids.setdefault(attrs["id"], "")
        if tag == "ol" and attrs.get("id") == "zyklus-schritte":
            self._in_steps = True
        if tag == "li" and self._in_steps:
            self._item = []

    def handle_endtag(self, tag):
        if tag in ("title", "desc") and self._open:
            self._open.pop()
        if tag == "li" and self._item is not None:
            self.steps.append(" ".join("".join(self._item).split()))
            self._item = None
        if tag == "ol":
            self._in_steps = False

    def handle_data(self, data):
        if self._open:
            self.ids[self._open[-1]] += data
        if self._item is not None:
            self._item.append(data)


def _home(client) -> tuple[str, _Page]:
    response = client.get(f"/k/{SLUG}/praevention/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = _Page()
    page.feed(html)
    return html, page


def test_the_diagram_and_its_text_equivalent_name_the_current_stage(client_as, ctx):
    with ctx() as session:
        _in_bautzen(lambda: build_round(Stage.measures, measures=3, goals=2))
        session.commit()
    html, page = _home(client_as("mitglied.bautzen"))
    assert page.svg["role"] == "img"
    title_id, desc_id = page.svg["aria-labelledby"].split()
    assert page.ids[title_id] == "Präventionszyklus: Maßnahmen"
    assert "Aktueller Schritt: 4. Maßnahmen von 5" in page.ids[desc_id]
    assert page.svg["aria-describedby"] == "zyklus-schritte"
    assert page.current_boxes == 1
    assert [step.split(":")[0] for step in page.steps] == [s.label for s in CYCLE]
    assert page.steps[3].startswith("Maßnahmen: aktueller Schritt – 3 Maßnahmen")
    assert page.steps[0].startswith("Sicherheitsanalyse: erledigt")
    assert page.steps[4].startswith("Evaluation: noch offen")
    assert "Stand: <strong>Maßnahmen</strong>, in der 1. Runde" in html


# --- figures, links, the next step ------------------------------------------------------------------------------


def test_the_round_figures_match_the_records_and_link_to_the_areas(client_as, ctx):
    with ctx() as session:
        cycle_id = _in_bautzen(lambda: build_round(Stage.measures, measures=7, goals=3))
        session.commit()
    html, _ = _home(client_as("koordination.bautzen"))
    base = f"/k/{SLUG}/praevention"
    for href, text in ((f"{base}/runden/{cycle_id}/probleme", "1 Problem"),
                       (f"{base}/runden/{cycle_id}/angebote", "1 Angebot"),
                       (f"{base}/runden/{cycle_id}/strategie", "1 Handlungsfeld"),
                       (f"{base}/massnahmen", "7 Maßnahmen")):
        assert f'<a href="{href}">{text}</a>' in html
    assert f'href="{base}/runden/{cycle_id}"' in html
    assert "3 messbare Ziele – Ziel erreicht: 0, auf Kurs: 0, nicht auf Kurs: 0, noch kein Messwert: 3" in html
    assert "Idee: 2, geplant: 2, laufend: 1, abgeschlossen: 1, abgebrochen: 1" in html


NEXT_STEPS = [
    (Stage.analysis, "Ergebnisse der Sicherheitsanalyse eintragen und die Analyse abschließen", "/ergebnisse"),
    (Stage.resources, "Angebote erfassen und den Problemen zuordnen", "/angebote"),
    (Stage.strategy, "Handlungsfelder festlegen", "/handlungsfelder/neu"),
    (Stage.measures, "Maßnahmen umsetzen, evaluieren und die Wirkung auf die Ziele messen", "/massnahmen"),
    (Stage.evaluation, "Evaluation abschließen und die nächste Runde beginnen", "/abschliessen"),
]


@pytest.mark.parametrize(("stage", "text", "path"), NEXT_STEPS, ids=[s.value for s, _, _ in NEXT_STEPS])
def test_the_next_step_names_what_to_do_and_links_where_it_is_done(client_as, ctx, stage, text, path):
    with ctx() as session:
        _in_bautzen(lambda: build_round(stage))
        session.commit()
    html, _ = _home(client_as("koordination.bautzen"))
    step = re.search(r'<p class="next-step"><strong>Nächster Schritt:</strong>\s*<a href="([^"]+)">([^<]+)</a>', html)
    assert step and step.group(2) == text and step.group(1).endswith(path), html[html.find("next-step"):][:300]
    assert client_as("koordination.bautzen").get(step.group(1)).status_code == 200
    if stage in (Stage.analysis, Stage.strategy, Stage.evaluation):  # pages for those who edit
        member, _ = _home(client_as("mitglied.bautzen"))
        assert f"<strong>Nächster Schritt:</strong>\n  {text}</p>" in member


def test_without_a_round_the_coordinator_may_begin_the_analysis(client_as):
    html, page = _home(client_as("koordination.bautzen"))
    assert f'<a class="button" href="/k/{SLUG}/praevention/runden/neu">Sicherheitsanalyse beginnen</a>' in html
    assert page.ids[page.svg["aria-labelledby"].split()[0]] == "Präventionszyklus: noch nicht begonnen"
    assert all(": noch offen" in step for step in page.steps)
    member, _ = _home(client_as("mitglied.bautzen"))
    assert "Sicherheitsanalyse beginnen (durch die Koordinierungsstelle)" in member
    assert "/praevention/runden/neu" not in member


def test_the_state_council_sees_the_stage_and_only_what_the_kpr_shared(client_as, ctx):
    with ctx() as session:
        cycle_id = _in_bautzen(lambda: build_round(Stage.measures, measures=4))
        session.commit()
    for login in ("land", "kontakt2"):
        html, page = _home(client_as(login))
        assert page.steps[3] == "Maßnahmen: aktueller Schritt"
        assert "Die Sicherheitsanalyse dieser Runde ist nicht für den Landespräventionsrat freigegeben." in html
        assert "Die Präventionsstrategie dieser Runde ist nicht für den Landespräventionsrat freigegeben." in html
        assert "4 Maßnahmen</a>" not in html and "/probleme" not in html
    coach, _ = _home(client_as("coach1"))
    assert "4 Maßnahmen</a>" in coach
    assert client_as("coach2").get(f"/k/{SLUG}/praevention/").status_code == 404  # not Bautzen's coach
    with ctx() as session, tenant_context(tenant(SLUG).id):
        session.get(PreventionCycle, cycle_id).strategy_shared = True
        session.commit()
    html, _ = _home(client_as("land"))
    assert "4 Maßnahmen</a>" in html
    assert "Die Sicherheitsanalyse dieser Runde ist nicht für den Landespräventionsrat freigegeben." in html


def test_earlier_rounds_stay_listed_and_readable(client_as, ctx):
    with ctx() as session:
        first = _in_bautzen(lambda: build_round(Stage.evaluation, number=1, measures=2, closed=True))
        _in_bautzen(lambda: build_round(Stage.analysis, number=2))
        session.commit()
    client = client_as("mitglied.bautzen")
    html, _ = _home(client)
    assert "Frühere Runden" in html
    row = re.search(rf'<a href="/k/{SLUG}/praevention/runden/{first}">([^<]+)</a>.*?</tr>', html, re.S)
    assert row and row.group(1) == f"Sicherheitsanalyse, 1. Runde ({YEAR - 6}–{YEAR - 2})"
    assert '<td class="num">1</td><td class="num">2</td>' in row.group(0)  # its goal and measures
    assert client.get(f"/k/{SLUG}/praevention/runden/{first}").status_code == 200


def test_the_start_page_takes_the_same_queries_for_few_and_many_records(client_as, ctx, count_queries):
    client = client_as("koordination.bautzen")
    counts = []
    for number, measures, goals in ((1, 1, 1), (2, 50, 20), (3, 50, 20)):
        with ctx() as session:
            if number > 1:
                with tenant_context(tenant(SLUG).id):
                    for cycle in session.scalars(sa.select(PreventionCycle)):
                        cycle.closed_on = date(YEAR - 1, 12, 1)
                    session.flush()
            _in_bautzen(lambda n=number, m=measures, g=goals: build_round(Stage.measures, number=n, measures=m,
                                                                          goals=g))
            session.commit()
        with count_queries() as n:
            html, _ = _home(client)
        assert f"{measures} Maßnahme" in html
        counts.append(n.value)
    assert counts[0] == counts[1] == counts[2], counts


# --- the workspace start page -----------------------------------------------------------------------------------


def test_the_workspace_start_page_shows_the_stage_with_a_link_to_the_cycle(client_as, client, ctx):
    with ctx() as session:
        _in_bautzen(lambda: build_round(Stage.strategy))
        session.commit()
    html = client_as("mitglied.bautzen").get(f"/k/{SLUG}/").get_data(as_text=True)
    section = html[html.index('id="praeventionszyklus"'):]
    section = section[:section.index("</section>")]
    assert "Stand: <strong>Präventionsstrategie</strong> (Schritt 3 von 5)" in section
    assert 'class="cycle-diagram compact"' in section and 'role="img"' in section
    assert "<title id=\"zyklus-klein-titel\">Präventionszyklus: Präventionsstrategie</title>" in section
    assert f'<a href="/k/{SLUG}/praevention/">Zum Präventionszyklus</a>' in section
    public = client.get(f"/k/{SLUG}/").get_data(as_text=True)
    assert "praeventionszyklus" not in public and "cycle-diagram" not in public
