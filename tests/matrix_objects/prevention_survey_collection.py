"""The citizen survey's collection for the isolation matrix: each KPR's running survey, named by its
public key, for the respondents' public pages. The collection tests build their surveys with
`running_survey` too."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.prevention.survey.bank import BY_KEY, NIGHT
from asskomm.prevention.survey.models import (
    QuestionKind,
    Survey,
    SurveyCode,
    SurveyOption,
    SurveyQuestion,
    SurveySection,
    SurveyStatus,
)
from asskomm.prevention.survey.surveys import add_bank_question, new_public_key
from tenants import tenant_context

from ..helpers import tenant
from .prevention_measures import open_round

SCALE = ("Wie gut fühlen Sie sich über die Arbeit des Präventionsrates informiert?", 5)
TEXT = "Wo fühlen Sie sich besonders unsicher?"


def running_survey(session, title: str, *, open_link: bool = True, codes: tuple[str, ...] = (),
                   extra_questions: int = 0, status: SurveyStatus = SurveyStatus.open) -> Survey:
    """An open survey in the current KPR's open round: the night-time item (required), the protection
    item (multiple), an own scale and an own text question, the age band in a second section, and
    `extra_questions` more own single choices; with the given one-time codes. Flushes."""
    survey = Survey(cycle=open_round(session), title=title, public_key=new_public_key(), open_link=open_link,
                    introduction="Wie sicher fühlen Sie sich in Ihrer Wohngegend?")
    first = SurveySection(survey=survey, position=1, title="Sicherheit in Ihrer Wohngegend")
    second = SurveySection(survey=survey, position=2, title="Angaben zu Ihrer Person")
    session.add_all([survey, first, second])
    session.flush()
    add_bank_question(survey, first, NIGHT)
    add_bank_question(survey, first, BY_KEY["protection"])
    scale = SurveyQuestion(survey=survey, section=first, position=3, kind=QuestionKind.scale, text=SCALE[0])
    scale.options = [SurveyOption(position=step, key=str(step), label=str(step)) for step in range(1, SCALE[1] + 1)]
    text = SurveyQuestion(survey=survey, section=first, position=4, kind=QuestionKind.text, text=TEXT)
    session.add_all([scale, text])
    for number in range(extra_questions):
        extra = SurveyQuestion(survey=survey, section=first, position=10 + number, kind=QuestionKind.single,
                               text=f"Zusatzfrage {number + 1}?")
        extra.options = [SurveyOption(position=1, key="yes", label="ja"),
                         SurveyOption(position=2, key="no", label="nein")]
        session.add(extra)
    session.flush()
    add_bank_question(survey, second, BY_KEY["age_band"])
    session.add_all(SurveyCode(survey_id=survey.id, code=code) for code in codes)
    survey.codes_issued = len(codes)
    survey.status = status
    session.flush()
    session.expire(survey, ["questions", "sections"])
    return survey


def _public_key(session, slug: str) -> str:
    title = f"Matrix-Befragung (läuft) {slug}"
    with tenant_context(tenant(slug).id):
        key = session.scalar(sa.select(Survey.public_key).filter_by(title=title))
        return key or running_survey(session, title).public_key


# Public pages: the matrix gives them its positive control only (a KPR's survey is open to everyone
# who has its link); that another KPR's key is a 404 under this KPR's address is tested in
# tests/test_survey_collection.py.
CATALOG = {"public_key": _public_key}
