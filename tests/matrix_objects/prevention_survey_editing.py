"""The citizen survey's editor for the isolation matrix: in each KPR's open round a survey in
preparation (so that the composing routes answer its coordinator) with the standard night-time item
and, in a section of its own, an own question. The matrix posts to the routes in their order: deleting
the own question empties its section (deleted next), opening keeps the night-time item, and closing
leaves a closed survey that the delete route then refuses (302)."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.prevention.survey.bank import NIGHT
from asskomm.prevention.survey.models import QuestionKind, Survey, SurveyOption, SurveyQuestion, SurveySection
from asskomm.prevention.survey.surveys import add_bank_question, new_public_key
from tenants import tenant_context

from ..helpers import tenant
from .prevention_measures import open_round


def _survey(session, slug: str) -> Survey:
    title = f"Matrix-Befragung {slug}"
    survey = session.scalars(sa.select(Survey).filter_by(title=title)).first()
    if survey is None:
        survey = Survey(cycle=open_round(session), title=title, public_key=new_public_key())
        night = SurveySection(survey=survey, position=1, title=NIGHT.section, bank_section=NIGHT.section)
        own = SurveySection(survey=survey, position=2, title=f"Matrix-Abschnitt {slug}")
        session.add_all([survey, night, own])
        session.flush()
        add_bank_question(survey, night, NIGHT)
        question = SurveyQuestion(survey=survey, section=own, position=1, kind=QuestionKind.single,
                                  text=f"Matrix-Frage {slug}?")
        question.options = [SurveyOption(position=1, key="o1", label="ja"), SurveyOption(position=2, key="o2",
                                                                                            label="nein")]
        session.add(question)
        session.flush()
    return survey


def _survey_id(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        return _survey(session, slug).id


def _own_question(session, slug: str) -> SurveyQuestion:
    survey = _survey(session, slug)
    return session.scalars(sa.select(SurveyQuestion).where(SurveyQuestion.survey_id == survey.id,
                                                           SurveyQuestion.bank_key.is_(None))).first()


def _question_id(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        return _own_question(session, slug).id


def _section_id(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        return _own_question(session, slug).section_id


OBJECTS = {"survey_id": _survey_id, "question_id": _question_id, "section_id": _section_id}
