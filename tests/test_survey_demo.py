"""The survey demo (issue 12, item 6): Zittau's finished Bürgerbefragung with about 400 generated
answers whose headline figures reached the round, Meißen's running survey reachable from its public
page; loading again adds nothing."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa

from asskomm.demo.loader import load_demo
from asskomm.prevention.models import PreventionCycle
from asskomm.prevention.survey import models as survey_models
from asskomm.prevention.survey.bank import NIGHT
from asskomm.prevention.survey.models import Survey, SurveyAnswer, SurveyOption, SurveyResponse, SurveyStatus
from tenants import cross_tenant, db, tenant_context

from .helpers import tenant

TABLES = [model.__table__ for model in vars(survey_models).values()
          if isinstance(model, type) and issubclass(model, db.Model) and model.__module__ == survey_models.__name__
          and not model.__tablename__.startswith("survey_benchmark")]


def _survey(title: str) -> Survey:
    return db.session.scalar(sa.select(Survey).filter_by(title=title))


def test_zittau_finished_survey_carries_its_figures_into_the_round(ctx):
    with ctx(), tenant_context(tenant("zittau").id):
        survey = _survey("Bürgerbefragung Zittau 2025")
        assert survey.status == SurveyStatus.closed and survey.share_for_benchmark
        responses = db.session.scalar(sa.select(sa.func.count()).select_from(SurveyResponse)
                                      .filter_by(survey_id=survey.id))
        assert 380 <= responses <= 420
        night = next(q for q in survey.questions if q.bank_key == NIGHT.key)
        chosen = dict(db.session.execute(
            sa.select(SurveyOption.key, sa.func.count()).join(SurveyAnswer, SurveyAnswer.option_id == SurveyOption.id)
            .where(SurveyOption.question_id == night.id).group_by(SurveyOption.key)).all())
        unsafe = sum(chosen.get(key, 0) for key in NIGHT.headline)
        share = (Decimal(100) * unsafe / sum(chosen.values())).quantize(Decimal("0.1"), ROUND_HALF_UP)
        cycle = db.session.get(PreventionCycle, survey.cycle_id)
        assert (cycle.survey_year, cycle.survey_responses, cycle.survey_unsafe_share) == (2025, responses, share)
        assert cycle.survey_sample == survey.sample_size == 1000
        assert cycle.survey_problems.splitlines()[0]  # ranked problems, most named first


def test_meissen_running_survey_is_linked_from_its_public_page(client):
    page = client.get("/k/meissen/")
    assert page.status_code == 200
    assert "/k/meissen/befragung/demo-meissen-2026" in page.get_data(as_text=True)
    start = client.get("/k/meissen/befragung/demo-meissen-2026")
    assert start.status_code == 200 and "Bürgerbefragung Meißen 2026" in start.get_data(as_text=True)
    # Zittau's survey is finished: no link on its page, and its address is gone
    assert "/befragung/" not in client.get("/k/zittau/").get_data(as_text=True)
    assert client.get("/k/zittau/befragung/demo-zittau-2025").status_code == 404


def test_loading_the_demo_again_adds_no_survey_row(ctx):
    def counts() -> dict[str, int]:
        with cross_tenant("test: demo counts"):
            return {table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table)) for table in TABLES}

    with ctx() as session:
        before = counts()
        assert all(before.values()), before
        load_demo()
        session.flush()
        assert counts() == before
