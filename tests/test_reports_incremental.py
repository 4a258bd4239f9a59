"""The incremental report run gives exactly the rows of a full run: after a random series of
changes across a few KPRs (refreshing after some of them), the table equals the one a full run
from scratch writes. A second full run changes nothing; the run clears only the marks it read;
the pages' reads of one place's series use the index."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from asskomm.agreements.models import CooperationAgreement
from asskomm.coaching.models import Consultation, ConsultationTopic
from asskomm.funding.models import FundingApplication, FundingStatus
from asskomm.meetings.models import ActionItem, ActionStatus, Meeting, MeetingStatus
from asskomm.reports.models import ReportFigure, ReportPlacement, StaleFigures
from asskomm.structure.models import Body, BodyKind
from asskomm.timeutil import now, today
from bench.query_plans import report_plans
from tenants import Tenant, cross_tenant, db, tenant_context
from workers.reports import compute_reports_now, refresh_stale_reports_now

from .helpers import tenant, user

SLUGS = ["zwickau", "zittau", "meissen", "landkreis-rostock"]
YEAR = today().year
FIGURE = ReportFigure.__table__


def _rows(session) -> set[tuple]:
    return {tuple(row) for row in session.execute(sa.select(*FIGURE.c))}


def _moment(rng: random.Random) -> datetime:
    """A moment within the last two years or the next months, sometimes near New Year in Berlin."""
    if rng.random() < 0.3:
        return datetime(YEAR - rng.randint(0, 1), 12, 31, 23, 30, tzinfo=UTC)  # next year in Berlin
    return now() + timedelta(days=rng.randint(-700, 90), minutes=rng.randint(0, 1440))


def _in(slug: str):
    return tenant_context(tenant(slug).id)


def _some(model, rng: random.Random, *where):
    ids = db.session.scalars(sa.select(model.id).where(*where).order_by(model.id)).all()
    return db.session.get(model, rng.choice(ids)) if ids else None


def _consultation(rng, slug):
    coach = user(rng.choice(["coach1", "coach2"]))
    db.session.add(Consultation(coach_id=coach.id, held_on=_moment(rng).date(), hours=Decimal(rng.choice(["1.5", "2"])),
                                topic=rng.choice(list(ConsultationTopic)), notes="Zufall"))


def _withdraw(rng, slug):
    if found := _some(Consultation, rng, Consultation.withdrawn_at.is_(None)):
        found.withdrawn_at = now()


def _meeting(rng, slug):
    if body := _some(Body, rng):
        meeting = Meeting(body_id=body.id, title="Zufallssitzung", starts_at=_moment(rng),
                          status=rng.choice([MeetingStatus.planned, MeetingStatus.held]))
        db.session.add(meeting)
        db.session.flush()
        db.session.add(ActionItem(meeting_id=meeting.id, title="Zufallsaufgabe", status=ActionStatus.open))


def _cancel(rng, slug):
    if found := _some(Meeting, rng, Meeting.status != MeetingStatus.cancelled):
        found.status = MeetingStatus.cancelled


def _close_item(rng, slug):
    if found := _some(ActionItem, rng, ActionItem.status == ActionStatus.open):
        found.status, found.done_on = ActionStatus.done, today()


def _agreement(rng, slug):
    db.session.add(CooperationAgreement(signed_on=_moment(rng).date(), police_directorate="Polizeidirektion Zufall"))


def _funding(rng, slug):
    granted = rng.random() < 0.5
    db.session.add(FundingApplication(year=YEAR - rng.randint(0, 2), purpose="Zufall", applied_on=date(YEAR, 1, 2),
                                      status=FundingStatus.granted if granted else FundingStatus.applied,
                                      amount_applied=Decimal("500.00"),
                                      amount_granted=Decimal("400.00") if granted else None,
                                      decided_on=date(YEAR, 1, 3) if granted else None))


def _working_group(rng, slug):
    db.session.add(Body(kind=BodyKind.working_group, name=f"AG Zufall {rng.randint(1, 10**6)}",
                        topic=rng.choice(["Sucht", "Graffiti", "", None])))


def _move(rng, slug):
    """The KPR changes its district: to another KPR's, or to one no KPR was in."""
    kpr = db.session.get(Tenant, tenant(slug).id)
    kpr.district = rng.choice([tenant(other).district for other in SLUGS if other != slug] + ["Testkreis"])


def _founded(rng, slug):
    kpr = db.session.get(Tenant, tenant(slug).id)
    kpr.founded_on = date(YEAR - rng.randint(0, 3), rng.randint(1, 12), 1)


CHANGES = [_consultation, _withdraw, _meeting, _cancel, _close_item, _agreement, _funding, _working_group,
           _move, _founded]


def test_incremental_runs_give_the_rows_of_a_full_run(ctx):
    rng = random.Random(15)
    with ctx() as session:
        compute_reports_now()
        for step in range(30):
            change, slug = (_move, "zittau") if step == 0 else (rng.choice(CHANGES), rng.choice(SLUGS))
            with _in(slug):
                change(rng, slug)
                session.commit()  # the savepoint: records_changed marks the KPR stale
            if step == 0:
                assert session.scalars(sa.select(StaleFigures.tenant_id)).all() == [tenant("zittau").id]
            if rng.random() < 0.4:
                refresh_stale_reports_now()
                assert session.scalar(sa.select(sa.func.count()).select_from(StaleFigures)) == 0
        refresh_stale_reports_now()
        incremental = _rows(session)

        session.execute(sa.delete(ReportFigure))
        session.execute(sa.delete(ReportPlacement))
        compute_reports_now()
        full = _rows(session)
        assert incremental - full == set() and full - incremental == set()
        assert len(full) > 300
        assert compute_reports_now() == 0  # a second full run writes nothing


def test_a_moved_kpr_leaves_its_old_district(ctx):
    with ctx() as session:
        compute_reports_now()
        moved = tenant("zittau")
        old = moved.district
        others = session.scalar(sa.select(sa.func.count()).select_from(Tenant).where(
            Tenant.district == old, Tenant.id != moved.id))
        kpr = session.get(Tenant, moved.id)
        kpr.district = "Testkreis"
        session.commit()
        changes = refresh_stale_reports_now()
        assert changes.inserted > 0 and changes.deleted > 0
        lifecycle = sa.select(sa.func.sum(ReportFigure.value)).where(
            ReportFigure.year == YEAR, ReportFigure.scope == "district", ReportFigure.metric == "lifecycle")
        assert session.scalar(lifecycle.where(ReportFigure.scope_key == "Testkreis")) == 1
        assert (session.scalar(lifecycle.where(ReportFigure.scope_key == old)) or 0) == others


def test_a_refresh_clears_only_the_marks_it_read(ctx):
    with ctx() as session:
        compute_reports_now()
        session.execute(sa.delete(StaleFigures))
        session.add(StaleFigures(tenant_id=tenant("zwickau").id, since=now() - timedelta(minutes=5)))
        session.add(StaleFigures(tenant_id=tenant("zittau").id, since=now() + timedelta(minutes=5)))
        session.flush()
        assert refresh_stale_reports_now().total == 0  # nothing changed since the full run
        assert session.scalars(sa.select(StaleFigures.tenant_id)).all() == [tenant("zittau").id]
        assert refresh_stale_reports_now().total == 0  # the newer mark waits: no work, no error


def test_a_kpr_series_is_read_through_the_index(ctx, backend):
    if backend == "sqlite":
        pytest.skip("the plans that matter are PostgreSQL's, as in production")
    with ctx() as session, cross_tenant("test: many figure rows"):
        kprs = session.scalars(sa.select(Tenant.id)).all()
        session.execute(sa.insert(ReportFigure), [
            {"year": year, "scope": "kpr", "scope_key": str(10**6 + n), "metric": "consultations", "category": "",
             "value": 1} for n in range(400) for year in range(YEAR - 9, YEAR + 1)])
        session.execute(sa.text("ANALYZE report_figure"))
        plans = report_plans(session.connection(), kpr_key=str(kprs[0]))
        assert set(plans) >= {"state", "district", "kpr", "breakdown"}
        assert "ix_report_figure_scope_key_year" in str(plans["kpr"])


def test_a_commit_that_marks_kprs_stale_starts_one_refresh_soon(ctx, app, monkeypatch):
    celery = app.extensions["celery"]
    sent = []
    monkeypatch.setitem(celery.conf, "task_always_eager", False)
    monkeypatch.setattr(celery, "send_task", lambda name, **options: sent.append((name, options)))
    with ctx() as session:
        with _in("zwickau"):
            _working_group(random.Random(1), "zwickau")
            session.commit()
        assert sent == [("workers.refresh_stale_reports", {"countdown": 1, "retry": False})]
        session.commit()  # nothing marked: nothing sent
        assert len(sent) == 1
