"""Finding surveys, and putting an item of the bank into one: shared by the editor, the demo and
the tests, so that a bank item is copied the same way everywhere."""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from flask import abort

from tenants import db

from ...errors import DomainError
from .bank import BankItem
from .models import QuestionKind, Survey, SurveyOption, SurveyQuestion, SurveySection, SurveyStatus

DISTRICTS_MAX = 60


def survey_or_404(survey_id: int) -> Survey:
    return db.get_or_404(Survey, survey_id)


def open_survey_or_404(public_key: str) -> Survey:
    """The survey a respondent's link names, in the request's KPR; only while it runs."""
    survey = db.session.scalar(sa.select(Survey).filter_by(public_key=public_key))
    if survey is None or survey.status != SurveyStatus.open:
        abort(404)
    return survey


def surveys_of_cycle(cycle_id: int) -> list[Survey]:
    return list(db.session.scalars(sa.select(Survey).filter_by(cycle_id=cycle_id).order_by(Survey.id)))


def new_public_key() -> str:
    return secrets.token_urlsafe(12)


def add_bank_question(survey: Survey, section: SurveySection, item: BankItem,
                      districts: list[str] | None = None) -> SurveyQuestion:
    """Copy a bank item with its options into `section`; the Ortsteil item takes the KPR's list of
    Ortsteile as its options. Flushes; refuses a frozen survey and an item asked twice."""
    if survey.frozen:
        raise DomainError("Eine geöffnete Befragung kann nicht mehr geändert werden.")
    if any(question.bank_key == item.key for question in survey.questions):
        raise DomainError("Diese Frage ist schon Teil der Befragung.", "item")
    options = list(item.options)
    if item.demographic == "district":
        names = [name.strip() for name in districts or [] if name.strip()]
        if len(names) < 2 or len(names) > DISTRICTS_MAX or len(set(names)) != len(names):
            raise DomainError(f"Bitte zwei bis {DISTRICTS_MAX} verschiedene Ortsteile angeben, einen je Zeile.",
                              "districts")
        options = [(f"d{index}", name[:200]) for index, name in enumerate(names, start=1)]
    position = 1 + max((question.position for question in section.questions), default=0)
    question = SurveyQuestion(survey=survey, section=section, position=position, bank_key=item.key,
                              kind=QuestionKind(item.kind), text=item.text, help_text=item.help_text,
                              required=item.required)
    question.options = [SurveyOption(position=index, key=key, label=label)
                        for index, (key, label) in enumerate(options, start=1)]
    db.session.add(question)
    db.session.flush()
    db.session.expire(survey, ["questions"])
    return question
