"""The coordinators' side of the collection: one-time codes (generate, count, print) and the batch
entry of paper questionnaires."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from tenants import db

from ....formats import format_number
from ....forms import form_page, on_refusal
from ....mail.services import public_link
from ....policy import can, requires
from ...blueprint import bp
from ..models import Channel, Survey, SurveyResponse
from ..surveys import survey_or_404
from . import answers, codes
from .forms import GenerateCodesForm, PaperForm
from .sheet import sheet_of

TEMPLATES = "prevention/survey/collection/"
BASE = "/praevention/befragungen/<int:survey_id>"


def _survey(survey_id: int) -> Survey:
    return survey_or_404(survey_id)


def survey_address(survey: Survey) -> str:
    """The survey's full public address, as printed on letters and slips."""
    return public_link("survey_public.start", tenant_slug=g.tenant.slug, public_key=survey.public_key)


@bp.route(f"{BASE}/codes", methods=["GET", "POST"], endpoint="survey_codes")
@requires("survey.manage", load=_survey)
def survey_codes(obj: Survey):
    form = GenerateCodesForm()
    issued, used = codes.counts(obj)

    def save():
        made = codes.generate(obj, form.count.number)
        flash(f"{format_number(made)} neue Codes erzeugt.", "success")
        return redirect(url_for("prevention.survey_codes", survey_id=obj.id))

    return form_page(form, TEMPLATES + "codes.html", save, survey=obj, issued=issued, used=used,
                     batch_max=codes.BATCH_MAX, survey_max=codes.SURVEY_MAX, sheet_size=codes.SHEET_SIZE,
                     address=survey_address(obj), example=codes.EXAMPLE)


@bp.get(f"{BASE}/codes/druck", endpoint="survey_codes_print")
@requires("survey.manage", load=_survey)
def survey_codes_print(obj: Survey):
    sheet = max(1, request.args.get("bogen", 1, type=int) or 1)
    unused, sheets = codes.unused_page(obj, sheet)
    return render_template(TEMPLATES + "print.html", survey=obj, codes=[codes.grouped(c) for c in unused],
                           sheet=min(sheet, sheets), sheets=sheets, address=survey_address(obj))


def _paper_count(survey: Survey) -> int:
    return db.session.scalar(sa.select(sa.func.count(SurveyResponse.id))
                             .where(SurveyResponse.survey_id == survey.id, SurveyResponse.channel == Channel.paper))


def _paper_page(survey: Survey, reading: answers.Reading | None = None, status: int = 200):
    reading = reading or answers.Reading()
    questions = sheet_of(survey).questions
    first = next((q for q in questions if q.id in reading.errors), questions[0] if questions else None)
    return render_template(TEMPLATES + "paper.html", survey=survey, questions=questions, form=PaperForm(),
                           values=reading.values if reading.errors else {}, errors=reading.errors,
                           focus=first.id if first else None, entered=_paper_count(survey)), status


@bp.route(f"{BASE}/papier", methods=["GET", "POST"], endpoint="survey_paper")
@requires("survey.manage", load=_survey)
def survey_paper(obj: Survey):
    if not can(current_user, "survey.collect", obj):  # not running: the page says why, nothing is entered
        return render_template(TEMPLATES + "paper_closed.html", survey=obj), 200 if request.method == "GET" else 422
    form = PaperForm()
    if request.method == "GET":
        return _paper_page(obj)
    if not form.validate_on_submit():
        return _paper_page(obj, status=422)
    reading = answers.read_paper(sheet_of(obj), request.form)
    if not reading.ok:
        return _paper_page(obj, reading, 422)
    # An empty sheet is refused by record(); its message is flashed above the form, nothing is stored.
    on_refusal(lambda: _paper_page(obj, status=422))
    answers.record(obj, reading, Channel.paper)
    flash(f"Bogen {format_number(_paper_count(obj))} gespeichert.", "success")
    return redirect(url_for("prevention.survey_paper", survey_id=obj.id))
