"""Shared by the tests of the questionnaire editor: Zwickau's open demo round, a survey made through
the editor's pages, and a plain picture of a survey (sections, questions, answers) to compare before
and after a request."""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa

from asskomm.prevention.cycles import current_cycle
from asskomm.prevention.survey.models import Channel, Survey, SurveyResponse, SurveySection
from tenants import tenant_context

from .helpers import tenant

SLUG = "zwickau"
BASE = f"/k/{SLUG}/praevention"
COORDINATOR = f"koordination.{SLUG}"
MEMBER = f"mitglied.{SLUG}"
COACH = "coach1"


def round_id(ctx) -> int:
    with ctx(), tenant_context(tenant(SLUG).id):
        return current_cycle().id


def survey_url(survey_id: int, tail: str = "") -> str:
    return f"{BASE}/befragungen/{survey_id}{tail}"


def new_survey(client, ctx, title: str = "Bürgerbefragung Zwickau") -> int:
    """A survey of the open round, created as a coordinator does it; returns its id."""
    response = client.submit(f"{BASE}/runden/{round_id(ctx)}/befragung/neu", {"title": title})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(re.search(r"/befragungen/(\d+)", response.headers["Location"]).group(1))


def picture(ctx, survey_id: int) -> dict:
    """The survey as plain data: its settings, and per section (in order) its questions in order."""
    with ctx() as session, tenant_context(tenant(SLUG).id):
        survey = session.get(Survey, survey_id)
        if survey is None:
            return {}
        sections = session.scalars(sa.select(SurveySection).where(SurveySection.survey_id == survey_id)
                                   .order_by(SurveySection.position, SurveySection.id)).all()
        return {
            "status": survey.status.value, "title": survey.title, "introduction": survey.introduction,
            "open_link": survey.open_link, "sample_size": survey.sample_size,
            "share_for_benchmark": survey.share_for_benchmark, "public_key": survey.public_key,
            "opened_on": survey.opened_on, "closed_on": survey.closed_on,
            "sections": [{"id": section.id, "position": section.position, "title": section.title,
                          "questions": [{"id": q.id, "position": q.position, "bank_key": q.bank_key,
                                         "kind": q.kind.value, "text": q.text, "help_text": q.help_text,
                                         "required": q.required,
                                         "options": [(o.position, o.key, o.label) for o in q.options]}
                                        for q in section.questions]}
                         for section in sections]}


def section_titled(shown: dict, title: str) -> dict:
    return next(section for section in shown["sections"] if section["title"] == title)


def questions(shown: dict) -> dict[str, dict]:
    """Every question of a picture by bank key (own questions by text)."""
    return {q["bank_key"] or q["text"]: q for section in shown["sections"] for q in section["questions"]}


def add_responses(ctx, survey_id: int, count: int) -> None:
    """Filled-in questionnaires without answers: enough for counting responses."""
    with ctx() as session, tenant_context(tenant(SLUG).id):
        session.add_all([SurveyResponse(survey_id=survey_id, submitted_on=date(2026, 11, 20), channel=Channel.paper)
                         for _ in range(count)])
        session.commit()
