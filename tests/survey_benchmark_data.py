"""Surveys with answers built straight from records, for the benchmark's tests: KPRs of chosen sizes,
a survey per KPR with the bank items asked and the answers each respondent gave."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from asskomm.prevention.models import PreventionCycle
from asskomm.prevention.survey.bank import BY_KEY
from asskomm.prevention.survey.models import (
    Survey,
    SurveyAnswer,
    SurveyResponse,
    SurveySection,
    SurveyStatus,
)
from asskomm.prevention.survey.surveys import add_bank_question, new_public_key
from asskomm.timeutil import today
from tenants import Tenant, TenantKind, db, tenant_context

YEAR = today().year
# An answer: one option key, a tuple of keys (multiple choice), or None (the item left out).
Answer = str | tuple[str, ...] | None


def given(**counts: int) -> list[str]:
    """`given(very_safe=3, very_unsafe=2)`: five respondents' answers to one item, in that order."""
    return [key for key, count in counts.items() for _ in range(count)]


def new_kpr(number: int, population: int | None, name: str | None = None) -> Tenant:
    tenant = Tenant(slug=f"vergleichsort-{number}", name=name or f"Vergleichsort {number:03d}",
                    kind=TenantKind.municipality, ags=f"{14900000 + number:08d}", district="Landkreis Test",
                    population=population)
    db.session.add(tenant)
    db.session.flush()
    return tenant


def no_demo_sharing() -> None:
    """The demo's surveys leave the benchmark, so a test knows every participant (Core: test setup
    across KPRs, rolled back with the test)."""
    db.session.execute(sa.update(Survey.__table__).values(share_for_benchmark=False))


def build_survey(tenant_id: int, answers: dict[str, list[Answer]], *, closed_on: date | None = None,
                 shared: bool = True, status: SurveyStatus = SurveyStatus.closed, title: str = "Bürgerbefragung",
                 opened_on: date | None = None) -> int:
    """A survey of the KPR asking the bank items named in `answers`; respondent i answers each item
    with its i-th entry (lists of different lengths: items answered by fewer people)."""
    with tenant_context(tenant_id):
        number = (db.session.scalar(sa.select(sa.func.max(PreventionCycle.number))) or 0) + 1
        cycle = PreventionCycle(number=number, analysis_started_on=date(YEAR - 2, 1, 10), first_year=YEAR - 6,
                                last_year=YEAR - 2)
        survey = Survey(cycle=cycle, title=title, public_key=new_public_key())
        section = SurveySection(survey=survey, position=1, title="Fragen")
        db.session.add_all([cycle, survey, section])
        db.session.flush()
        questions = {key: add_bank_question(survey, section, BY_KEY[key]) for key in answers}
        survey.status = status
        survey.opened_on = opened_on or date(YEAR - 1, 3, 1)
        if status == SurveyStatus.closed:
            survey.closed_on = closed_on or date(YEAR - 1, 5, 31)
        survey.share_for_benchmark = shared
        options = {key: {option.key: option.id for option in question.options} for key, question in questions.items()}
        for index in range(max((len(given) for given in answers.values()), default=0)):
            response = SurveyResponse(survey_id=survey.id, submitted_on=survey.opened_on)
            db.session.add(response)
            for key, given in answers.items():
                chosen = given[index] if index < len(given) else None
                for option_key in (chosen,) if isinstance(chosen, str) else chosen or ():
                    response.answers.append(SurveyAnswer(question_id=questions[key].id,
                                                         option_id=options[key][option_key]))
        db.session.flush()
        return survey.id
