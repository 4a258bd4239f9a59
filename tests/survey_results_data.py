"""Surveys with answers built straight from records, for the tests of the results: a round, a survey
with bank items (and own questions), and responses given as {bank key or question: answer}."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from asskomm.prevention.models import PreventionCycle
from asskomm.prevention.survey import bank
from asskomm.prevention.survey.models import (
    Channel,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
    SurveyStatus,
)
from asskomm.prevention.survey.surveys import add_bank_question, new_public_key
from asskomm.timeutil import today
from tenants import db, tenant_context

from .helpers import tenant

SLUG = "bautzen"
BASE = f"/k/{SLUG}/praevention/befragungen"
YEAR = today().year
DISTRICTS = ["Altstadt", "Neustadt", "Gesundbrunnen"]
Answer = str | list[str]


@dataclass(frozen=True)
class Own:
    """An own question: kind, text, option labels (keys o1, o2, …)."""

    kind: str
    text: str
    options: tuple[str, ...] = ()


def open_round() -> PreventionCycle:
    cycle = db.session.scalars(sa.select(PreventionCycle).where(PreventionCycle.closed_on.is_(None))).first()
    if cycle is None:
        number = (db.session.scalar(sa.select(sa.func.max(PreventionCycle.number))) or 0) + 1
        cycle = PreventionCycle(number=number, analysis_started_on=date(YEAR, 1, 10), first_year=YEAR - 5,
                                last_year=YEAR - 1)
        db.session.add(cycle)
        db.session.flush()
    return cycle


def make_survey(keys: Iterable[str], districts: list[str] | None = None, own: Iterable[Own] = (),
                status: SurveyStatus = SurveyStatus.open, sample_size: int | None = None,
                cycle: PreventionCycle | None = None) -> Survey:
    """A survey of the current KPR with the bank items `keys` (in their sections) and own questions."""
    survey = Survey(cycle=cycle or open_round(), title=f"Bürgerbefragung {YEAR}", public_key=new_public_key(),
                    sample_size=sample_size)
    db.session.add(survey)
    sections: dict[str, SurveySection] = {}
    for key in keys:
        item = bank.BY_KEY[key]
        if item.section not in sections:
            sections[item.section] = SurveySection(survey=survey, position=len(sections) + 1, title=item.section)
            db.session.add(sections[item.section])
            db.session.flush()
        add_bank_question(survey, sections[item.section], item, districts if key == "district" else None)
    if own:
        section = SurveySection(survey=survey, position=len(sections) + 1, title="Eigene Fragen")
        db.session.add(section)
        for position, spec in enumerate(own, start=1):
            question = SurveyQuestion(survey=survey, section=section, position=position, kind=QuestionKind(spec.kind),
                                      text=spec.text)
            question.options = [SurveyOption(position=i, key=f"o{i}", label=label)
                                for i, label in enumerate(spec.options, start=1)]
            db.session.add(question)
        db.session.flush()
        db.session.expire(survey, ["questions"])
    if status != SurveyStatus.draft:
        survey.status, survey.opened_on = status, date(YEAR, 3, 1)
        if status == SurveyStatus.closed:
            survey.closed_on = date(YEAR, 5, 1)
    db.session.flush()
    return survey


def question_of(survey: Survey, name: str) -> SurveyQuestion:
    """By bank key, else by the own question's text."""
    return next(q for q in survey.questions if q.bank_key == name or (q.bank_key is None and q.text == name))


def respond(survey: Survey, people: Iterable[Mapping[str, Answer]]) -> int:
    """One response per mapping {bank key or own question's text: option key, [option keys] or text}."""
    questions = {}
    for q in survey.questions:
        questions[q.bank_key or q.text] = (q, {o.key: o.id for o in q.options})
    made = 0
    for person in people:
        response = SurveyResponse(survey_id=survey.id, submitted_on=date(YEAR, 3, 15), channel=Channel.online)
        for name, answer in person.items():
            question, options = questions[name]
            if question.kind == QuestionKind.text:
                response.answers.append(SurveyAnswer(question_id=question.id, text=answer))
            else:
                for key in [answer] if isinstance(answer, str) else answer:
                    response.answers.append(SurveyAnswer(question_id=question.id, option_id=options[key]))
        db.session.add(response)
        made += 1
    db.session.flush()
    return made


def random_people(survey: Survey, count: int, seed: int = 7, skip: float = 0.1) -> list[dict[str, Answer]]:
    """Random answers to every question; each question skipped now and then."""
    rng = random.Random(seed)
    people = []
    for _ in range(count):
        person: dict[str, Answer] = {}
        for q in survey.questions:
            if rng.random() < skip:
                continue
            name = q.bank_key or q.text
            keys = [o.key for o in q.options]
            if q.kind == QuestionKind.text:
                person[name] = rng.choice(["Mehr Licht am Bahnhof", "Lärm nachts am Markt", "Parkende Autos"])
            elif q.kind == QuestionKind.multiple:
                person[name] = rng.sample(keys, rng.randint(1, min(3, len(keys))))
            else:
                person[name] = rng.choice(keys)
        people.append(person)
    return people


def in_bautzen():
    return tenant_context(tenant(SLUG).id)
