"""The jobs and windows of several alliances (issue 17): a state council's run of the reports or the
survey benchmark computes its own alliance and shows its own "Stand:"; the reports count each
alliance's KPRs, and together all of them; the survey benchmark compares across alliances only
where they chose so, and only under the suppression rules; each alliance has its funding window."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from asskomm.funding.reminders import window_of
from asskomm.prevention.survey.benchmark import compute
from asskomm.prevention.survey.models import BenchmarkSummary
from asskomm.reports.models import ReportFigure
from asskomm.snapshots.models import SnapshotRun, latest_run
from asskomm.timeutil import today
from tenants import FIRST_ALLIANCE_ID, Alliance, Tenant, alliance_context
from workers.reports import compute_alliance_reports_now, compute_reports_now
from workers.survey_benchmark import compute_survey_benchmark_now

from .survey_benchmark_data import build_survey, given, new_kpr, no_demo_sharing

YEAR = today().year


def _mv_id(session) -> int:
    return session.scalar(sa.select(Alliance.id).filter_by(slug="mv"))


def _lifecycle(session, scope: str) -> dict[str, Decimal]:
    """scope key -> the number of KPRs in the alliance this year (the lifecycle figure's categories summed)."""
    rows = session.execute(sa.select(ReportFigure.scope_key, sa.func.sum(ReportFigure.value)).where(
        ReportFigure.year == YEAR, ReportFigure.scope == scope, ReportFigure.metric == "lifecycle")
        .group_by(ReportFigure.scope_key))
    return dict(rows.all())


def test_each_alliances_reports_count_its_kprs_and_together_the_installations(ctx, client_as):
    with ctx() as session:
        compute_reports_now()
        session.commit()
        states = _lifecycle(session, "state")
        kprs = _lifecycle(session, "kpr")
        mv_ids = {str(i) for i in session.scalars(sa.select(Tenant.id).where(Tenant.alliance_id == _mv_id(session)))}
    assert set(states) == {"Sachsen", "Mecklenburg-Vorpommern"}
    assert states["Mecklenburg-Vorpommern"] == sum(v for k, v in kprs.items() if k in mv_ids) > 0
    assert states["Sachsen"] + states["Mecklenburg-Vorpommern"] == sum(kprs.values())

    export = "/berichte/export?tabelle=aufschluesselung&format=csv"
    saxony = client_as("land").get(export).data.decode("utf-8-sig")
    assert "Landkreis Zwickau" in saxony and "Landkreis Rostock" not in saxony
    assert "Landkreis Rostock" in client_as("land-mv").get(export).data.decode("utf-8-sig")
    assert "Landkreis Rostock" not in client_as("land").get("/berichte/").get_data(as_text=True)
    assert client_as("land").get("/berichte/?land=Mecklenburg-Vorpommern").status_code == 404
    mecklenburg = client_as("land-mv").get("/berichte/").get_data(as_text=True)
    assert "Landkreis Rostock" in mecklenburg and "Landkreis Zwickau" not in mecklenburg
    assert client_as("land-mv").get("/berichte/?landkreis=Landkreis+Zwickau").status_code == 404


def test_a_state_councils_run_computes_its_alliance_and_shows_its_own_stand(ctx, client_as):
    with ctx() as session:
        mv = _mv_id(session)
        compute_alliance_reports_now(mv)
        session.commit()
        scopes = set(session.execute(sa.select(ReportFigure.scope, ReportFigure.scope_key).distinct()).all())
        mv_ids = {str(i) for i in session.scalars(sa.select(Tenant.id).where(Tenant.alliance_id == mv))}
        assert {key for scope, key in scopes if scope == "kpr"} <= mv_ids
        assert ("state", "Mecklenburg-Vorpommern") in scopes and ("state", "Sachsen") not in scopes
        assert ("district", "Landkreis Rostock") in scopes and ("district", "Landkreis Zwickau") not in scopes
        assert session.scalar(sa.select(SnapshotRun.alliance_id).filter_by(job="reports")) == mv
        with alliance_context(FIRST_ALLIANCE_ID):
            assert latest_run("reports") is None
        with alliance_context(mv):
            assert latest_run("reports").alliance_id == mv
    assert "Stand: berechnet am" in client_as("land-mv").get("/berichte/").get_data(as_text=True)
    assert "Noch nicht berechnet" in client_as("land").get("/berichte/").get_data(as_text=True)

    with ctx() as session:
        compute_reports_now()  # the nightly run covers every alliance
        session.commit()
        with alliance_context(FIRST_ALLIANCE_ID):
            assert latest_run("reports").alliance_id is None
    assert "Stand: berechnet am" in client_as("land").get("/berichte/").get_data(as_text=True)


def _figure(alliance_id: int, tenant_id: int, share: str, size: str = "lt5k") -> dict:
    return {"alliance_id": alliance_id, "tenant_id": tenant_id, "item_key": "safety_night", "share": Decimal(share),
            "answers": 10, "size_class": size}


def test_the_benchmark_summarises_each_alliance_and_across_only_where_two_chose_it():
    rows = [_figure(1, 1, "10.0"), _figure(1, 2, "20.0"), _figure(1, 3, "30.0"), _figure(2, 4, "40.0"),
            _figure(2, 5, "50.0"), _figure(3, 6, "90.0")]
    found = {(s["alliance_id"], s["size_class"]): s for s in compute.summaries(rows, frozenset({1, 2}))}
    assert found[(1, "")]["median"] == Decimal("20.0") and found[(1, "")]["kprs"] == 3
    assert (2, "") not in found and (3, "") not in found  # fewer than three KPRs of its own
    across = found[(compute.ACROSS, "")]
    assert across["kprs"] == 5 and across["median"] == Decimal("30.0")  # not alliance 3's KPR: it did not choose
    assert (compute.ACROSS, "lt5k") in found
    # One alliance alone is no comparison across alliances, however many KPRs it has.
    alone = compute.summaries(rows, frozenset({1}))
    assert not [s for s in alone if s["alliance_id"] == compute.ACROSS]
    assert not [s for s in compute.summaries(rows) if s["alliance_id"] == compute.ACROSS]


def _shared_survey(kpr_id: int, unsafe: int) -> None:
    build_survey(kpr_id, {"safety_night": given(very_safe=10 - unsafe, very_unsafe=unsafe)})


def test_the_benchmark_run_of_one_alliance_keeps_the_others_figures_and_compares_across(ctx, client_as):
    with ctx() as session:
        no_demo_sharing()
        mv = _mv_id(session)
        for number, unsafe in enumerate((2, 4, 6), start=1):
            _shared_survey(new_kpr(number, 3_000).id, unsafe)
        rostock = session.scalar(sa.select(Tenant).filter_by(slug="landkreis-rostock"))
        _shared_survey(rostock.id, 8)
        compute_survey_benchmark_now()
        session.commit()
        summaries = {(s.alliance_id, s.size_class): s for s in session.scalars(
            sa.select(BenchmarkSummary).where(BenchmarkSummary.item_key == "safety_night"))}
        assert summaries[(FIRST_ALLIANCE_ID, "")].kprs == 3 and (mv, "") not in summaries
        assert summaries[(compute.ACROSS, "")].kprs == 4  # both demo alliances compare across

        guestrow = session.scalar(sa.select(Tenant).filter_by(slug="guestrow"))
        _shared_survey(guestrow.id, 1)
        compute_survey_benchmark_now(alliance_id=mv)
        session.commit()
        summaries = {(s.alliance_id, s.size_class): s for s in session.scalars(
            sa.select(BenchmarkSummary).where(BenchmarkSummary.item_key == "safety_night"))}
        assert summaries[(FIRST_ALLIANCE_ID, "")].kprs == 3  # Saxony's figures kept from its last run
        assert summaries[(compute.ACROSS, "")].kprs == 5
        assert session.scalar(sa.select(SnapshotRun.alliance_id).filter_by(job=compute.JOB)
                              .order_by(SnapshotRun.id.desc()).limit(1)) == mv

    page = client_as("land-mv").get("/land/befragungen").get_data(as_text=True)
    assert "Alle Bündnisse im Vergleich" in page
    assert "Vergleichsort" not in page  # Saxony's KPRs' figures never leave their alliance
    assert "Landkreis Rostock" in page
    saxon = client_as("land").get("/land/befragungen").get_data(as_text=True)
    assert "Landkreis Rostock" not in saxon and "Vergleichsort 001" in saxon
    own = client_as("koordination.landkreis-rostock").get("/k/landkreis-rostock/praevention/befragung/vergleich")
    assert "Alle Bündnisse im Vergleich" in own.get_data(as_text=True)


def test_each_alliance_has_its_funding_window(ctx, client_as):
    with ctx() as session:
        mv = _mv_id(session)
        with alliance_context(mv):
            assert (window_of(2030).opens, window_of(2030).closes) == (date(2030, 8, 31), date(2030, 11, 30))
        with alliance_context(FIRST_ALLIANCE_ID):
            assert window_of(2030).closes == date(2030, 10, 15)
    assert "30.11." in client_as("land-mv").get("/land/").get_data(as_text=True)
    assert "15.10." in client_as("land").get("/land/").get_data(as_text=True)
