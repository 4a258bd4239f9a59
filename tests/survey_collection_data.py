"""Shared by the collection tests: a running survey in Zwickau, its URLs, the form a respondent sends,
and a count of what is stored."""

from __future__ import annotations

import re
from contextlib import contextmanager

import sqlalchemy as sa

from asskomm.prevention.survey.models import Survey, SurveyAnswer, SurveyCode, SurveyResponse, SurveyStatus
from tenants import db, tenant_context

from .helpers import tenant
from .matrix_objects.prevention_survey_collection import SCALE, TEXT, running_survey

SLUG = "zwickau"
COORDINATOR = f"koordination.{SLUG}"


class Made:
    """What a test needs of a survey it made, read while its session was open."""

    def __init__(self, survey: Survey):
        self.id, self.key = survey.id, survey.public_key
        questions = [q for section in survey.sections for q in section.questions]
        self.questions = {q.bank_key or {SCALE[0]: "scale", TEXT: "text"}.get(q.text, q.text): q.id for q in questions}
        self.options = {q.bank_key or {SCALE[0]: "scale"}.get(q.text, q.text): {o.key: o.id for o in q.options}
                        for q in questions}
        self.order = [q.id for q in questions]

    def url(self, tail: str = "") -> str:
        return f"/k/{SLUG}/befragung/{self.key}{tail}"

    def workspace(self, tail: str) -> str:
        return f"/k/{SLUG}/praevention/befragungen/{self.id}{tail}"

    def field(self, name: str) -> str:
        return f"q{self.questions[name]}"

    def answer(self, night: str = "fairly_unsafe", **more) -> dict:
        """A respondent's form: the night-time item and whatever else is named (option keys, or text)."""
        data = {self.field("safety_night"): str(self.options["safety_night"][night])}
        for name, value in more.items():
            if name == "text":
                data[self.field("text")] = value
            elif isinstance(value, list):
                data[self.field(name)] = [str(self.options[name][key]) for key in value]
            else:
                data[self.field(name)] = str(self.options[name][value])
        return data


@contextmanager
def session_of(app, slug: str = SLUG):
    """A session in `slug`'s KPR, on the `fresh` or the `committed` app."""
    with app.app_context(), tenant_context(tenant(slug).id):
        try:
            yield db.session
        finally:
            db.session.remove()


def make(app, title: str = "Bürgerbefragung Zwickau 2026", slug: str = SLUG, **kwargs) -> Made:
    """A running survey (see running_survey), committed."""
    with session_of(app, slug) as session:
        made = Made(running_survey(session, title, **kwargs))
        session.commit()
        return made


def stored(app, made: Made) -> dict:
    """Responses and answers of the survey, and its unused codes (a used code's row is deleted)."""
    with session_of(app) as session:
        responses = session.scalars(sa.select(SurveyResponse).filter_by(survey_id=made.id)).all()
        answers = session.scalars(sa.select(SurveyAnswer).where(
            SurveyAnswer.response_id.in_([r.id for r in responses]))).all()
        codes = sorted(session.scalars(sa.select(SurveyCode.code).filter_by(survey_id=made.id)))
        return {"responses": [(r.submitted_on, r.channel.value) for r in responses],
                "answers": sorted((a.question_id, a.option_id or 0, a.text or "") for a in answers), "codes": codes}


def set_status(app, made: Made, status: SurveyStatus) -> None:
    with session_of(app) as session:
        session.get(Survey, made.id).status = status
        session.commit()


def csrf(client, page: str) -> str:
    html = client.get(page).get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)
