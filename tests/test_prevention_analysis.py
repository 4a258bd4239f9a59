"""The rounds of the prevention cycle and their Sicherheitsanalyse through HTTP: starting the first
round (and no second while it runs), its master data, its page with the crime table, the indicator
series and the survey's figures, its results, who reads and who edits, closing it (read-only; the
next round opens with the offers), and the published summary on the KPR's public page."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa

from asskomm.documents import services as documents
from asskomm.documents.demo import pdf_bytes
from asskomm.prevention.models import ConductedBy, PreventionCycle, PreventionOffer, Problem, TargetGroup
from asskomm.prevention.statistics.models import CrimeFigure, IndicatorSeries, IndicatorValue, Population
from asskomm.timeutil import today
from tenants import tenant_context

from .helpers import tenant

BASE = "/k/bautzen/praevention"
YEAR = today().year


def _round_form(**changes) -> dict:
    form = {"analysis_started_on": (today() - timedelta(days=30)).isoformat(), "conducted_by": "kpr",
            "contractor": "", "first_year": str(YEAR - 5), "last_year": str(YEAR - 1)}
    form.update(changes)
    return form


def _results_form(**changes) -> dict:
    form = {"survey_year": str(YEAR - 1), "survey_sample": "2.000", "survey_responses": "612",
            "survey_unsafe_share": "41,2", "survey_problems": "Vandalismus\n\n  Parken vor Schulen  \n",
            "findings": "Sachbeschädigung über dem Landeswert.", "recommendations": "AG Schulwege bilden.",
            "report_document_id": "", "public_summary": "Die Analyse zeigt drei Schwerpunkte.",
            "summary_published": "y", "analysis_shared": "y", "analysis_finished_on": today().isoformat()}
    form.update(changes)
    return {k: v for k, v in form.items() if v is not None}


def _cycles(ctx, slug: str = "bautzen") -> list[PreventionCycle]:
    with ctx() as session, tenant_context(tenant(slug).id):
        rows = session.scalars(sa.select(PreventionCycle).order_by(PreventionCycle.number)).all()
        for row in rows:
            _ = [(o.title, [p.id for p in o.problems]) for o in row.offers]
        session.expunge_all()
        return rows


def _add_round(ctx, slug: str = "bautzen", **values) -> int:
    with ctx() as session, tenant_context(tenant(slug).id):
        cycle = PreventionCycle(**{"number": 1, "analysis_started_on": date(YEAR - 1, 3, 1), "first_year": YEAR - 5,
                                   "last_year": YEAR - 1, **values})
        session.add(cycle)
        session.commit()
        return cycle.id


def _snapshot(ctx, slug: str = "bautzen") -> list[tuple]:
    """Every column of every round, to show that a refusal changed nothing."""
    return [tuple(getattr(c, col.key) for col in PreventionCycle.__table__.columns) for c in _cycles(ctx, slug)]


# -- 1. starting a round and its master data ----------------------------------------------------------------------

def test_coordinator_starts_the_first_round_and_no_second_while_it_runs(client_as, ctx):
    coordinator = client_as("koordination.bautzen")
    page = coordinator.get(f"{BASE}/runden/neu")
    assert page.status_code == 200 and 'name="first_year"' in page.get_data(as_text=True)
    response = coordinator.submit(f"{BASE}/runden/neu", _round_form(conducted_by="contractor",
                                                                     contractor="Institut Beispiel"))
    assert response.status_code == 302
    [cycle] = _cycles(ctx)
    assert response.headers["Location"].endswith(f"/praevention/runden/{cycle.id}")
    assert (cycle.number, cycle.conducted_by, cycle.contractor, cycle.first_year, cycle.last_year) == (
        1, ConductedBy.contractor, "Institut Beispiel", YEAR - 5, YEAR - 1)
    shown = coordinator.get(f"{BASE}/runden/{cycle.id}").get_data(as_text=True)
    assert "Sicherheitsanalyse: 1. Runde" in shown and "durch einen Auftragnehmer: Institut Beispiel" in shown
    # A second round only begins by closing the first.
    again = coordinator.get(f"{BASE}/runden/neu").get_data(as_text=True)
    assert "Die 1. Runde läuft noch" in again and 'name="first_year"' not in again
    refused = coordinator.submit(f"{BASE}/runden/neu", _round_form())
    assert refused.status_code == 422 and "Die 1. Runde läuft noch" in refused.get_data(as_text=True)
    assert len(_cycles(ctx)) == 1


def test_bad_master_data_is_refused_in_german_and_changes_nothing(client_as, ctx):
    coordinator = client_as("koordination.bautzen")
    tomorrow = (today() + timedelta(days=1)).isoformat()
    cases = [
        (_round_form(conducted_by="contractor"), "Bitte nennen Sie den Auftragnehmer"),
        (_round_form(conducted_by="jemand"), "Bitte wählen Sie einen Eintrag aus der Liste"),
        (_round_form(first_year=str(YEAR - 1), last_year=str(YEAR - 3)), "Das erste Jahr kann nicht nach dem letzten"),
        (_round_form(first_year=str(YEAR - 25)), "höchstens 20 Jahre"),
        (_round_form(first_year="1980"), "Das erste Jahr muss zwischen 1990"),
        (_round_form(last_year="zwanzig"), "keine ganze Zahl"),
        (_round_form(first_year=""), "Bitte geben Sie das erste Jahr an"),
        (_round_form(analysis_started_on=tomorrow), "nicht in der Zukunft"),
        (_round_form(analysis_started_on=""), "gültiges Datum"),
    ]
    for data, message in cases:
        response = coordinator.submit(f"{BASE}/runden/neu", data)
        assert response.status_code == 422, (message, data)
        assert message in response.get_data(as_text=True), (message, data)
    assert _cycles(ctx) == []
    # Editing: the start cannot move behind the finished analysis.
    cycle_id = _add_round(ctx, analysis_finished_on=date(YEAR - 1, 6, 1))
    before = _snapshot(ctx)
    response = coordinator.submit(f"{BASE}/runden/{cycle_id}/bearbeiten",
                                  _round_form(analysis_started_on=date(YEAR - 1, 7, 1).isoformat()))
    assert response.status_code == 422 and "nicht nach dem Abschluss der Analyse" in response.get_data(as_text=True)
    assert _snapshot(ctx) == before


def test_editing_the_master_data(client_as, ctx):
    cycle_id = _add_round(ctx, conducted_by=ConductedBy.contractor, contractor="Institut")
    coordinator = client_as("koordination.bautzen")
    page = coordinator.get(f"{BASE}/runden/{cycle_id}/bearbeiten").get_data(as_text=True)
    assert 'value="Institut"' in page and '<option selected value="contractor">' in page
    response = coordinator.submit(f"{BASE}/runden/{cycle_id}/bearbeiten", _round_form(
        conducted_by="coach", contractor="Institut", first_year=str(YEAR - 3)))
    assert response.status_code == 302
    [cycle] = _cycles(ctx)
    # Carried out with the coach: a contractor's name is not kept.
    assert (cycle.conducted_by, cycle.contractor, cycle.first_year) == (ConductedBy.coach, "", YEAR - 3)


# -- 2. the round's page ----------------------------------------------------------------------------------------

def test_the_round_page_shows_the_crime_table_the_indicators_and_the_survey(client_as, ctx):
    cycle_id = _add_round(ctx, first_year=YEAR - 2, last_year=YEAR - 1, survey_year=YEAR - 1, survey_sample=2000,
                          survey_responses=612, survey_unsafe_share=Decimal("41.2"),
                          survey_problems="Vandalismus\nParken vor Schulen")
    with ctx() as session, tenant_context(tenant("bautzen").id):
        session.add_all([Population(year=YEAR - 1, inhabitants=37_500),
                         CrimeFigure(year=YEAR - 1, offence_key="674000", cases=412),
                         CrimeFigure(year=YEAR - 5, offence_key="674000", cases=999)])  # outside the round
        series = IndicatorSeries(name="Ordnungswidrigkeiten Lärm", unit="Fälle", source="Ordnungsamt", demo=True)
        series.values = [IndicatorValue(year=YEAR - 2, value=Decimal("125")),
                         IndicatorValue(year=YEAR - 1, value=Decimal("131.5")),
                         IndicatorValue(year=YEAR - 5, value=Decimal("777"))]
        session.add(series)
        session.commit()
    page = client_as("koordination.bautzen").get(f"{BASE}/runden/{cycle_id}").get_data(as_text=True)
    assert "674000" in page and "412" in page and "999" not in page
    assert "1.098,7" in page  # 412 × 100.000 ÷ 37.500, computed
    assert "Ordnungswidrigkeiten Lärm (Fälle)" in page and "125" in page and "131,50" in page and "777" not in page
    assert "Demo-Zahlen (erfunden)" in page
    assert "2.000" in page and "612" in page and "30,6 %" in page and "41,2 %" in page  # 612 / 2000, computed
    assert "<li>Vandalismus</li>" in page and "<li>Parken vor Schulen</li>" in page
    assert "Präventionsstrategie" in page and "Maßnahmen" in page and f"/runden/{cycle_id}/probleme" in page


# -- 3. the results ---------------------------------------------------------------------------------------------

def _document(ctx, slug: str, title: str) -> int:
    with ctx() as session, tenant_context(tenant(slug).id):
        upload = documents.check("bericht.pdf", io.BytesIO(pdf_bytes(title, ["Bericht"])))
        document_id = documents.create_document({"title": title, "category": "other", "visibility": "public"},
                                                upload, "", None).id
        session.commit()
        return document_id


def test_results_are_recorded_and_finish_the_analysis(client_as, ctx):
    cycle_id = _add_round(ctx)
    report = _document(ctx, "bautzen", "Abschlussbericht Sicherheitsanalyse Bautzen")
    coordinator = client_as("koordination.bautzen")
    form = coordinator.get(f"{BASE}/runden/{cycle_id}/ergebnisse").get_data(as_text=True)
    assert "Abschlussbericht Sicherheitsanalyse Bautzen" in form
    response = coordinator.submit(f"{BASE}/runden/{cycle_id}/ergebnisse",
                                  _results_form(report_document_id=str(report)))
    assert response.status_code == 302
    [cycle] = _cycles(ctx)
    assert (cycle.survey_sample, cycle.survey_responses, cycle.survey_unsafe_share, cycle.response_rate) == (
        2000, 612, Decimal("41.2"), Decimal("30.6"))
    assert cycle.survey_problems == "Vandalismus\nParken vor Schulen"
    assert (cycle.report_document_id, cycle.summary_published, cycle.analysis_shared) == (report, True, True)
    assert cycle.analysis_finished_on == today()
    page = coordinator.get(f"{BASE}/runden/{cycle_id}").get_data(as_text=True)
    assert f'href="/k/bautzen/dokumente/{report}"' in page
    assert '<dd class="breakable">für den Landespräventionsrat freigegeben' in page
    assert "Veröffentlicht auf der öffentlichen Seite" in page
    assert f"/runden/{cycle_id}/abschliessen" in page


def test_bad_results_are_refused_in_german_and_change_nothing(client_as, ctx):
    cycle_id = _add_round(ctx, analysis_started_on=today() - timedelta(days=10))
    foreign = _document(ctx, "zwickau", "Fremdes Dokument")
    coordinator = client_as("koordination.bautzen")
    before = _snapshot(ctx)
    cases = [
        (_results_form(survey_responses="2.001"), "mehr Antworten"),
        (_results_form(survey_sample="0"), "Die Stichprobe muss mindestens 1 sein"),
        (_results_form(survey_sample="", survey_responses="10"), "Bitte geben Sie auch die Stichprobe an"),
        (_results_form(survey_unsafe_share="120"), "zwischen 0 und 100"),
        (_results_form(survey_unsafe_share="-1"), "zwischen 0 und 100"),
        (_results_form(survey_unsafe_share="23,55"), "höchstens einer Nachkommastelle"),
        (_results_form(survey_unsafe_share="viel"), "keine Zahl"),
        (_results_form(survey_year=str(YEAR + 1)), "nicht in der Zukunft"),
        (_results_form(analysis_finished_on=(today() - timedelta(days=11)).isoformat()), "nicht vor dem Beginn"),
        (_results_form(analysis_finished_on=(today() + timedelta(days=1)).isoformat()), "nicht in der Zukunft"),
        (_results_form(public_summary=""), "bevor Sie sie veröffentlichen"),
        (_results_form(analysis_finished_on=""), "wenn die Analyse abgeschlossen ist"),
        (_results_form(report_document_id=str(foreign)), "Bitte wählen Sie einen Eintrag aus der Liste"),
        (_results_form(report_document_id="abc"), "Bitte wählen Sie einen Eintrag aus der Liste"),
    ]
    for data, message in cases:
        response = coordinator.submit(f"{BASE}/runden/{cycle_id}/ergebnisse", data)
        assert response.status_code == 422, (message, data)
        assert message in response.get_data(as_text=True), (message, data)
    assert _snapshot(ctx) == before


# -- 6. closing a round -----------------------------------------------------------------------------------------

def _with_inventory(ctx, cycle_id: int) -> None:
    with ctx() as session, tenant_context(tenant("bautzen").id):
        problem = Problem(cycle_id=cycle_id, title="Vandalismus", priority=1)
        session.add_all([problem, PreventionOffer(cycle_id=cycle_id, title="Streetwork", provider="Stadt",
                                                  target_group=TargetGroup.youth, problems=[problem]),
                         PreventionOffer(cycle_id=cycle_id, title="Seniorensicherheitstag", provider="Polizei")])
        session.commit()


def test_a_round_closes_only_once_its_analysis_is_finished(client_as, ctx):
    cycle_id = _add_round(ctx)
    coordinator = client_as("koordination.bautzen")
    page = coordinator.get(f"{BASE}/runden/{cycle_id}/abschliessen")
    assert page.status_code == 200 and "erst abgeschlossen werden, wenn ihre Sicherheitsanalyse abgeschlossen ist" \
        in page.get_data(as_text=True) and 'name="reason"' not in page.get_data(as_text=True)
    before = _snapshot(ctx)
    refused = coordinator.submit(f"{BASE}/runden/{cycle_id}/abschliessen", {"reason": ""})
    assert refused.status_code == 302 and refused.headers["Location"].endswith(f"/runden/{cycle_id}")
    shown = coordinator.get(refused.headers["Location"]).get_data(as_text=True)
    assert "erst abgeschlossen werden" in shown
    assert _snapshot(ctx) == before


def test_closing_a_round_makes_it_read_only_and_opens_the_next_with_the_offers(client_as, ctx):
    cycle_id = _add_round(ctx, first_year=YEAR - 5, last_year=YEAR - 1, analysis_finished_on=today(),
                          conducted_by=ConductedBy.coach)
    _with_inventory(ctx, cycle_id)
    coordinator = client_as("koordination.bautzen")
    question = coordinator.get(f"{BASE}/runden/{cycle_id}/abschliessen").get_data(as_text=True)
    assert "1. Runde abschließen?" in question and "schreibgeschützt" in question
    assert f"Die 2. Runde beginnt heute ({today():%d.%m.%Y})" in question and f"{YEAR}–{YEAR + 4}" in question
    assert "Die 2 Angebote der Bestandsaufnahme werden in die neue Runde übernommen" in question
    assert len(_cycles(ctx)) == 1  # asking changed nothing
    response = coordinator.submit(f"{BASE}/runden/{cycle_id}/abschliessen", {"reason": "Analyse fertig"})
    old, new = _cycles(ctx)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/runden/{new.id}")
    assert old.closed_on == today() and new.closed_on is None
    assert (new.number, new.analysis_started_on, new.analysis_finished_on, new.first_year, new.last_year,
            new.conducted_by) == (2, today(), None, YEAR, YEAR + 4, ConductedBy.coach)
    # The offers are carried into the new round, without the old round's problems; the old round keeps its own.
    carried = sorted((o.title, o.provider, o.target_group, len(o.problems)) for o in new.offers)
    assert carried == [("Seniorensicherheitstag", "Polizei", None, 0), ("Streetwork", "Stadt", TargetGroup.youth, 0)]
    assert sorted((o.title, len(o.problems)) for o in old.offers) == [("Seniorensicherheitstag", 0), ("Streetwork", 1)]
    # The closed round reads, read-only, and links to the next; the new one links back.
    page = coordinator.get(f"{BASE}/runden/{old.id}").get_data(as_text=True)
    assert "abgeschlossen und ist schreibgeschützt" in page and f"/runden/{new.id}" in page
    assert "/bearbeiten" not in page and "/ergebnisse" not in page and "/abschliessen" not in page
    assert f"/runden/{old.id}\"" in coordinator.get(f"{BASE}/runden/{new.id}").get_data(as_text=True)
    for url in (f"/runden/{old.id}/bearbeiten", f"/runden/{old.id}/ergebnisse", f"/runden/{old.id}/abschliessen",
                f"/runden/{old.id}/probleme/neu", f"/runden/{old.id}/angebote/neu"):
        assert coordinator.get(f"{BASE}{url}").status_code == 404, url
    before = _snapshot(ctx)
    assert coordinator.submit(f"{BASE}/runden/{old.id}/ergebnisse", _results_form()).status_code == 404
    assert coordinator.submit(f"{BASE}/runden/{old.id}/abschliessen", {"reason": ""}).status_code == 404
    assert _snapshot(ctx) == before
    # Only one round runs at a time.
    assert "Die 2. Runde läuft noch" in coordinator.get(f"{BASE}/runden/neu").get_data(as_text=True)


# -- 7. who reads -----------------------------------------------------------------------------------------------

def test_the_state_contact_reads_the_analysis_only_once_it_is_shared(client_as, ctx):
    cycle_id = _add_round(ctx)
    _with_inventory(ctx, cycle_id)
    contact = client_as("kontakt2")  # the fixed contact of Bautzen
    pages = [f"{BASE}/runden/{cycle_id}", f"{BASE}/runden/{cycle_id}/probleme", f"{BASE}/runden/{cycle_id}/angebote"]
    for url in pages:
        assert contact.get(url).status_code == 404, url
    with ctx() as session, tenant_context(tenant("bautzen").id):
        session.get(PreventionCycle, cycle_id).analysis_shared = True
        session.commit()
    for url in pages:
        assert contact.get(url).status_code == 200, url
    assert contact.get(f"{BASE}/runden/{cycle_id}/ergebnisse").status_code == 404


def test_a_member_reads_but_cannot_edit(client_as, ctx):
    cycle_id = _add_round(ctx, analysis_finished_on=today())
    _with_inventory(ctx, cycle_id)
    member = client_as("mitglied.bautzen")
    for url in (f"/runden/{cycle_id}", f"/runden/{cycle_id}/probleme", f"/runden/{cycle_id}/angebote"):
        page = member.get(f"{BASE}{url}")
        assert page.status_code == 200, url
        body = page.get_data(as_text=True)
        assert "/bearbeiten" not in body and "/neu" not in body and "/abschliessen" not in body, url
    assert member.get(f"{BASE}/runden/neu").status_code == 403
    before = _snapshot(ctx)
    for url in (f"/runden/{cycle_id}/bearbeiten", f"/runden/{cycle_id}/ergebnisse", f"/runden/{cycle_id}/abschliessen",
                f"/runden/{cycle_id}/probleme/neu", f"/runden/{cycle_id}/angebote/neu"):
        assert member.get(f"{BASE}{url}").status_code == 404, url
        assert member.submit(f"{BASE}{url}", _results_form()).status_code == 404, url
    assert _snapshot(ctx) == before


# -- 7. the published summary on the public page --------------------------------------------------------------------

def test_zittaus_public_page_shows_its_published_summary(client):
    page = client.get("/k/zittau/").get_data(as_text=True)
    assert '<h2 id="sicherheitsanalyse">Sicherheitsanalyse</h2>' in page
    assert "Mit seiner ersten Sicherheitsanalyse hat der Kommunale Präventionsrat Zittau" in page


def test_the_public_page_shows_the_newest_published_summary_only(client, ctx):
    assert "sicherheitsanalyse" not in client.get("/k/bautzen/").get_data(as_text=True)
    _add_round(ctx, analysis_finished_on=date(YEAR - 1, 6, 1), public_summary="Erste Runde: Vandalismus.",
               summary_published=True, closed_on=date(YEAR - 1, 7, 1))
    _add_round(ctx, number=2, analysis_started_on=date(YEAR - 1, 7, 1), public_summary="Zweite Runde, Entwurf.")
    page = client.get("/k/bautzen/").get_data(as_text=True)
    assert "Erste Runde: Vandalismus." in page and "Entwurf" not in page
    with ctx() as session, tenant_context(tenant("bautzen").id):
        second = session.scalar(sa.select(PreventionCycle).filter_by(number=2))
        second.analysis_finished_on, second.summary_published = today(), True
        session.commit()
    page = client.get("/k/bautzen/").get_data(as_text=True)
    assert "Zweite Runde, Entwurf." in page and "Erste Runde" not in page and "2. Sicherheitsanalyse" in page
