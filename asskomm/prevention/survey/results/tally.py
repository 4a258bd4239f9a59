"""Counting a survey's answers in the database: a fixed number of GROUP BY queries, however many
responses and questions there are. Counts are of respondents (distinct responses), so a multiple
choice counts each person once per option."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import aliased, contains_eager, selectinload

from tenants import db

from ..bank import BREAKDOWNS, BY_KEY
from ..models import (
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
)

NONE = 0  # the breakdown row of those who did not answer the breakdown question ("ohne Angabe")


@dataclass
class Tally:
    survey: Survey
    responses: int
    questions: list[SurveyQuestion]  # in questionnaire order, options loaded
    breakdowns: list[SurveyQuestion]  # the Ortsteil and age band questions the survey has, in BREAKDOWNS order
    answered: dict[int, int] = field(default_factory=dict)  # question -> respondents who answered it (n)
    counts: dict[tuple[int, int], int] = field(default_factory=dict)  # (question, option) -> respondents
    headline: dict[int, int] = field(default_factory=dict)  # question -> respondents choosing a headline answer
    # (question, breakdown question, breakdown option or NONE, option) -> respondents
    cross: dict[tuple[int, int, int, int], int] = field(default_factory=dict)
    # (question, breakdown question, breakdown option or NONE) -> respondents who answered the question
    row_answered: dict[tuple[int, int, int], int] = field(default_factory=dict)
    # (question, breakdown question, breakdown option or NONE) -> respondents choosing a headline answer
    row_headline: dict[tuple[int, int, int], int] = field(default_factory=dict)

    def tabulated(self) -> list[SurveyQuestion]:
        return [q for q in self.questions if q.kind != QuestionKind.text]


def headline_keys(question: SurveyQuestion) -> frozenset[str]:
    item = BY_KEY.get(question.bank_key or "")
    return item.headline if item is not None else frozenset()


def is_breakdown(question: SurveyQuestion) -> bool:
    item = BY_KEY.get(question.bank_key or "")
    return item is not None and item.demographic in BREAKDOWNS


def load_questions(survey: Survey) -> list[SurveyQuestion]:
    """The survey's questions in questionnaire order, each with its section and options (two queries)."""
    return list(db.session.scalars(
        sa.select(SurveyQuestion).join(SurveyQuestion.section).where(SurveyQuestion.survey_id == survey.id)
        .options(contains_eager(SurveyQuestion.section), selectinload(SurveyQuestion.options))
        .order_by(SurveySection.position, SurveySection.id, SurveyQuestion.position, SurveyQuestion.id)))


def count_responses(survey: Survey) -> int:
    return db.session.scalar(sa.select(sa.func.count(SurveyResponse.id)).where(SurveyResponse.survey_id == survey.id))


def tally(survey: Survey) -> Tally:
    questions = load_questions(survey)
    order = {demographic: index for index, demographic in enumerate(BREAKDOWNS)}
    breakdowns = sorted((q for q in questions if is_breakdown(q)), key=lambda q: order[BY_KEY[q.bank_key].demographic])
    result = Tally(survey, count_responses(survey), questions, breakdowns)
    ids = [q.id for q in questions]
    if not ids:
        return result
    respondents = sa.func.count(sa.distinct(SurveyAnswer.response_id))
    result.answered = dict(db.session.execute(
        sa.select(SurveyAnswer.question_id, respondents).where(SurveyAnswer.question_id.in_(ids))
        .group_by(SurveyAnswer.question_id)).all())
    result.counts = {(q, o): n for q, o, n in db.session.execute(
        sa.select(SurveyAnswer.question_id, SurveyAnswer.option_id, respondents)
        .where(SurveyAnswer.question_id.in_(ids), SurveyAnswer.option_id.is_not(None))
        .group_by(SurveyAnswer.question_id, SurveyAnswer.option_id))}
    chooses_headline = _chooses_headline(SurveyAnswer, SurveyOption, questions)
    if chooses_headline is not None:
        result.headline = dict(db.session.execute(
            sa.select(SurveyAnswer.question_id, respondents)
            .join(SurveyOption, SurveyOption.id == SurveyAnswer.option_id).where(chooses_headline)
            .group_by(SurveyAnswer.question_id)).all())
    tabulated = [q.id for q in result.tabulated()]
    for breakdown in breakdowns:
        _cross(result, breakdown, [q for q in tabulated if q != breakdown.id], questions)
    return result


def _chooses_headline(answer, option, questions: list[SurveyQuestion]):
    """An answer of one of the questions with a headline, for one of its headline options."""
    conditions = [sa.and_(answer.question_id == q.id, option.key.in_(sorted(headline_keys(q))))
                  for q in questions if headline_keys(q) and q.kind != QuestionKind.text]
    return sa.or_(*conditions) if conditions else None


def _cross(result: Tally, breakdown: SurveyQuestion, ids: list[int], questions: list[SurveyQuestion]) -> None:
    """Each question's answers by the respondents' answer to `breakdown` (three queries)."""
    if not ids:
        return
    answer, by = aliased(SurveyAnswer), aliased(SurveyAnswer)
    respondents = sa.func.count(sa.distinct(answer.response_id))
    row = by.option_id  # None: no answer to the breakdown question
    joined = sa.select(answer.question_id, row).outerjoin(
        by, sa.and_(by.response_id == answer.response_id, by.question_id == breakdown.id, by.option_id.is_not(None)))
    chosen = answer.option_id.is_not(None)
    b = breakdown.id
    result.cross.update({(q, b, r or NONE, o): n for q, r, o, n in db.session.execute(
        joined.add_columns(answer.option_id, respondents).where(answer.question_id.in_(ids), chosen)
        .group_by(answer.question_id, row, answer.option_id))})
    result.row_answered.update({(q, b, r or NONE): n for q, r, n in db.session.execute(
        joined.add_columns(respondents).where(answer.question_id.in_(ids)).group_by(answer.question_id, row))})
    option = aliased(SurveyOption)
    chooses_headline = _chooses_headline(answer, option, [q for q in questions if q.id in ids])
    if chooses_headline is not None:
        result.row_headline.update({(q, b, r or NONE): n for q, r, n in db.session.execute(
            joined.add_columns(respondents).join(option, option.id == answer.option_id).where(chooses_headline)
            .group_by(answer.question_id, row))})


def texts(survey: Survey, questions: list[SurveyQuestion]) -> dict[int, list[str]]:
    """The short-text answers per question, shuffled: their order must not follow the order in
    which they came in (one query)."""
    ids = [q.id for q in questions if q.kind == QuestionKind.text]
    found: dict[int, list[str]] = {q: [] for q in ids}
    if ids:
        for question_id, text in db.session.execute(
                sa.select(SurveyAnswer.question_id, SurveyAnswer.text)
                .where(SurveyAnswer.question_id.in_(ids), SurveyAnswer.text.is_not(None))):
            if text.strip():
                found[question_id].append(text.strip())
    for answers in found.values():
        random.shuffle(answers)
    return found
