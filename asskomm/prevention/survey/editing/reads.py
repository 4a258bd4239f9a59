"""What the editor's pages read, in a fixed number of queries however many surveys, sections and
questions there are."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tenants import db

from .. import bank
from ..models import Survey, SurveyQuestion, SurveyResponse, SurveySection


@dataclass(frozen=True)
class SurveyRow:
    survey: Survey
    questions: int
    responses: int


def survey_rows() -> list[SurveyRow]:
    """The KPR's surveys of all rounds, newest first, with their counts (three queries)."""
    surveys = db.session.scalars(sa.select(Survey).options(selectinload(Survey.cycle))
                                 .order_by(Survey.id.desc())).all()
    questions = dict(db.session.execute(sa.select(SurveyQuestion.survey_id, sa.func.count())
                                        .group_by(SurveyQuestion.survey_id)).all())
    responses = dict(db.session.execute(sa.select(SurveyResponse.survey_id, sa.func.count())
                                        .group_by(SurveyResponse.survey_id)).all())
    return [SurveyRow(survey, questions.get(survey.id, 0), responses.get(survey.id, 0)) for survey in surveys]


def load_questionnaire(survey: Survey) -> Survey:
    """The survey with its sections, their questions and the questions' answers loaded (four queries),
    so that its page and the questionnaire read them without a query per section or question."""
    return db.session.scalars(
        sa.select(Survey).where(Survey.id == survey.id)
        .options(selectinload(Survey.sections).selectinload(SurveySection.questions)
                 .selectinload(SurveyQuestion.options))
        .execution_options(populate_existing=True)).one()


def response_count(survey: Survey) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(SurveyResponse)
                             .where(SurveyResponse.survey_id == survey.id)) or 0


@dataclass(frozen=True)
class BankGroup:
    section: str
    items: list[bank.BankItem]


def bank_groups() -> list[BankGroup]:
    return [BankGroup(name, [item for item in bank.ITEMS if item.section == name]) for name in bank.SECTIONS]


def bank_keys_in(survey: Survey) -> set[str]:
    return set(db.session.scalars(sa.select(SurveyQuestion.bank_key).where(
        SurveyQuestion.survey_id == survey.id, SurveyQuestion.bank_key.is_not(None))))
