"""The respondents' pages, without sign-in, in the survey's KPR: the start page, the code, the
questionnaire, thanks, and what is stored. A code someone typed is kept only in their signed
session cookie until they submit; nothing about them is stored on the server, the rate limit counts
a keyed hash of their address (never the address itself, never beside the answers)."""

from __future__ import annotations

import hashlib
import hmac
import math

from flask import current_app, flash, redirect, render_template, request, session, url_for

from ....errors import DomainError
from ....extensions import limiter
from ....forms import form_page, on_refusal
from ....policy import public
from ...blueprint import public_bp
from ..models import Channel, Survey
from ..surveys import open_survey_or_404
from . import answers, codes
from .forms import CodeForm
from .sheet import Sheet, sheet_of

TEMPLATES = "prevention/survey/collection/"
SESSION_KEY = "survey_code"
SECONDS_PER_QUESTION = 25
CODE_NEEDED = "Diese Befragung öffnet sich mit dem Zugangscode aus Ihrem Brief. Bitte geben Sie ihn hier ein."


def _address_key() -> str:
    """The client's address as a keyed hash: enough to count its submissions, useless to anyone
    reading the limiter's store or its log lines."""
    secret = current_app.config["SECRET_KEY"].encode()
    return "survey|" + hmac.new(secret, (request.remote_addr or "").encode(), hashlib.sha256).hexdigest()[:32]


# Submissions (and code attempts) per address; SURVEY_RATE_LIMIT's windows are at most an hour (config.py).
_limited = limiter.limit(lambda: current_app.config["SETTINGS"].survey_rate_limit, key_func=_address_key,
                         methods=["POST"])


@public_bp.errorhandler(429)
def _too_many(error):
    return render_template(TEMPLATES + "too_many.html"), 429


def _held_code(survey: Survey) -> str | None:
    held = session.get(SESSION_KEY)
    if isinstance(held, dict) and held.get("survey") == survey.public_key and isinstance(held.get("code"), str):
        return held["code"]
    return None


def _start_context(survey: Survey) -> dict:
    count = len(sheet_of(survey).questions)
    return {"survey": survey, "questions": count, "held": _held_code(survey) is not None,
            "minutes": max(2, math.ceil(count * SECONDS_PER_QUESTION / 60)),
            "code_field": not survey.open_link or codes.has_codes(survey)}


@public_bp.get("/befragung/<public_key>")
@public
def start(public_key: str):
    survey = open_survey_or_404(public_key)
    return render_template(TEMPLATES + "start.html", form=CodeForm(), **_start_context(survey))


@public_bp.post("/befragung/<public_key>/code")
@public
@_limited
def code(public_key: str):
    survey = open_survey_or_404(public_key)
    form = CodeForm()

    def save():
        found = codes.unused_code(survey, form.code.data)
        session[SESSION_KEY] = {"survey": survey.public_key, "code": found.code}
        return redirect(url_for("survey_public.questionnaire", public_key=public_key))

    return form_page(form, TEMPLATES + "start.html", save, **_start_context(survey))


def _back_to_start(survey: Survey, message: str | None):
    session.pop(SESSION_KEY, None)
    if message:
        flash(message, "error")
    return redirect(url_for("survey_public.start", public_key=survey.public_key))


def _page(survey: Survey, sheet: Sheet, reading: answers.Reading | None = None, message: str | None = None,
          status: int = 200):
    reading = reading or answers.Reading()
    has_text = any(question.kind == "text" for question in sheet.questions)
    return render_template(TEMPLATES + "questionnaire.html", survey=survey, sheet=sheet, values=reading.values,
                           errors=reading.errors, message=message, has_text=has_text), status


@public_bp.route("/befragung/<public_key>/fragebogen", methods=["GET", "POST"])
@public
@_limited
def questionnaire(public_key: str):
    survey = open_survey_or_404(public_key)
    held = _held_code(survey)
    if held is None and not survey.open_link:
        return _back_to_start(survey, CODE_NEEDED)
    if held is not None and request.method == "GET" and not _still_unused(survey, held):
        return _back_to_start(survey, codes.USED)
    sheet = sheet_of(survey)
    if request.method == "GET":
        return _page(survey, sheet)
    reading = answers.read_online(sheet, request.form)
    if not reading.ok:
        return _page(survey, sheet, reading, status=422)
    if not reading.answers:
        return _page(survey, sheet, reading, answers.NOTHING_ANSWERED, 422)
    # Refused only for the code (used meanwhile, e.g. in another tab): nothing is stored then,
    # and the refusal's message is flashed on the start page.
    on_refusal(lambda: _back_to_start(survey, None))
    if held is not None:
        codes.use(survey, held)
    answers.record(survey, reading, Channel.online)
    session.pop(SESSION_KEY, None)
    return redirect(url_for("survey_public.thanks", public_key=public_key))


def _still_unused(survey: Survey, code: str) -> bool:
    try:
        codes.unused_code(survey, code)
    except DomainError:  # malformed, unknown or used
        return False
    return True


@public_bp.get("/befragung/<public_key>/danke")
@public
def thanks(public_key: str):
    return render_template(TEMPLATES + "thanks.html", survey=open_survey_or_404(public_key))


@public_bp.get("/befragung/<public_key>/datenschutz")
@public
def privacy(public_key: str):
    return render_template(TEMPLATES + "privacy.html", survey=open_survey_or_404(public_key))
