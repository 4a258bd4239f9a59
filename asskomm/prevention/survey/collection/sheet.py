"""The questionnaire of a running survey as plain, immutable data, read once per web process.

Once a survey is opened its questionnaire is frozen (editing.services: nothing about its sections,
questions or options changes afterwards), so every submission of it needs the same structure: read
it from the database once and keep it, instead of three queries and some thirty ORM objects in
every submission, inside the write transaction. The cache key holds the survey's random public
key, so a reused id (SQLite after a rollback) never meets another survey's entry. The objects have
the attributes the shared questionnaire macro and answers.py read, like the ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa

from tenants import db

from ..models import QuestionKind, Survey, SurveyOption, SurveyQuestion, SurveySection

OPEN_SURVEYS_KEPT = 256  # per web process; a KPR runs one survey at a time


@dataclass(frozen=True)
class Option:
    id: int
    key: str
    label: str


@dataclass(frozen=True)
class Question:
    id: int
    bank_key: str | None
    kind: QuestionKind
    text: str
    help_text: str
    required: bool
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Section:
    id: int
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Sheet:
    """A survey's questionnaire: its sections in order, each with its questions in order."""

    survey_id: int
    sections: tuple[Section, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        """Section by section, as they are numbered on screen and on paper."""
        return tuple(question for section in self.sections for question in section.questions)


def sheet_of(survey: Survey) -> Sheet:
    """The survey's questionnaire; kept once the survey is frozen, read afresh while it is a draft."""
    if not survey.frozen:
        return _read(survey.id)
    return _kept(survey.tenant_id, survey.id, survey.public_key)


@lru_cache(maxsize=OPEN_SURVEYS_KEPT)
def _kept(tenant_id: int, survey_id: int, public_key: str) -> Sheet:
    return _read(survey_id)


def _read(survey_id: int) -> Sheet:
    """Three queries however long the questionnaire is."""
    sections = db.session.execute(sa.select(SurveySection.id, SurveySection.title)
                                  .where(SurveySection.survey_id == survey_id)
                                  .order_by(SurveySection.position, SurveySection.id)).all()
    questions = db.session.execute(
        sa.select(SurveyQuestion.id, SurveyQuestion.section_id, SurveyQuestion.bank_key, SurveyQuestion.kind,
                  SurveyQuestion.text, SurveyQuestion.help_text, SurveyQuestion.required)
        .where(SurveyQuestion.survey_id == survey_id)
        .order_by(SurveyQuestion.position, SurveyQuestion.id)).all()
    options = db.session.execute(
        sa.select(SurveyOption.question_id, SurveyOption.id, SurveyOption.key, SurveyOption.label)
        .join(SurveyQuestion, SurveyQuestion.id == SurveyOption.question_id)
        .where(SurveyQuestion.survey_id == survey_id)
        .order_by(SurveyOption.position, SurveyOption.id)).all()
    of_question: dict[int, list[Option]] = {row.id: [] for row in questions}
    for row in options:
        of_question[row.question_id].append(Option(row.id, row.key, row.label))
    of_section: dict[int, list[Question]] = {row.id: [] for row in sections}
    for row in questions:
        of_section[row.section_id].append(Question(row.id, row.bank_key, row.kind, row.text, row.help_text or "",
                                                   row.required, tuple(of_question[row.id])))
    return Sheet(survey_id, tuple(Section(row.id, row.title, tuple(of_section[row.id])) for row in sections))
