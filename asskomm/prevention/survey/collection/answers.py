"""Reading a filled-in questionnaire and recording it as one response, the same way for both
channels: online (option ids from radio buttons and check boxes) and paper (the option's number as
staff type it from the sheet). A reading either has errors — then nothing is written — or becomes
one SurveyResponse with its answers: the day it came in and the channel, nothing more."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from werkzeug.datastructures import MultiDict

from tenants import db

from ....errors import DomainError
from ....signals import leave_unannounced
from ....timeutil import today
from ..bank import NONE_OF_THESE
from ..models import Channel, QuestionKind, Survey, SurveyAnswer, SurveyResponse
from .sheet import Option, Question, Sheet

TEXT_MAX = 500
NOTHING_ANSWERED = "Bitte beantworten Sie mindestens eine Frage, bevor Sie absenden."
PAPER_EMPTY = "Der Bogen ist leer: Bitte geben Sie mindestens eine Antwort ein, oder lassen Sie ihn weg."
_NUMBERS = re.compile(r"[\s,;]+")


@dataclass
class Reading:
    """What a form said: the answers to store, the values to show again, the messages per question."""

    answers: list[tuple[Question, int | None, str | None]] = field(default_factory=list)
    values: dict[int, object] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_online(sheet: Sheet, form: MultiDict) -> Reading:
    """The respondent's form: "q<id>" carries option ids (radio, check boxes) or the text."""
    reading = Reading()
    for question in sheet.questions:
        raw = [value.strip() for value in form.getlist(f"q{question.id}") if value.strip()]
        if question.kind == QuestionKind.text:
            _text(reading, question, raw[0] if raw else "")
            continue
        by_id = {str(option.id): option for option in question.options}
        chosen = list(dict.fromkeys(raw))
        if any(value not in by_id for value in chosen) or (question.kind != QuestionKind.multiple and len(chosen) > 1):
            reading.errors[question.id] = "Bitte wählen Sie eine der angebotenen Antworten."
            continue
        options = [by_id[value] for value in chosen]
        ids = [option.id for option in options]
        shown = ids if question.kind == QuestionKind.multiple else (ids[0] if ids else None)
        _choices(reading, question, options, shown)
    _require(reading, sheet)
    return reading


def read_paper(sheet: Sheet, form: Mapping[str, str]) -> Reading:
    """A paper sheet as staff type it: the number of the ticked answer (several, separated by spaces
    or commas, for a multiple choice) or the written text. Empty means not answered; on paper a
    respondent may leave out any question, so none is required here."""
    reading = Reading()
    for question in sheet.questions:
        raw = (form.get(f"q{question.id}") or "").strip()
        reading.values[question.id] = raw
        if question.kind == QuestionKind.text:
            _text(reading, question, raw, keep_value=True)
            continue
        if not raw:
            continue
        last = len(question.options)
        parts = [part for part in _NUMBERS.split(raw) if part]
        several = question.kind == QuestionKind.multiple
        if any(not part.isdigit() or not 1 <= int(part) <= last for part in parts):
            reading.errors[question.id] = (
                f"Bitte nur Nummern von 1 bis {last} eingeben" + (", getrennt durch Leerzeichen oder Kommas."
                                                                  if several else "."))
            continue
        numbers = list(dict.fromkeys(int(part) for part in parts))
        if len(numbers) > 1 and not several:
            reading.errors[question.id] = f"Hier ist nur eine Antwort möglich: eine Nummer von 1 bis {last}."
            continue
        _choices(reading, question, [question.options[number - 1] for number in numbers], raw)
    return reading


def _text(reading: Reading, question: Question, text: str, keep_value: bool = False) -> None:
    if len(text) > TEXT_MAX:
        reading.errors[question.id] = f"Bitte höchstens {TEXT_MAX} Zeichen eingeben (es sind {len(text)})."
    if text or keep_value:
        reading.values[question.id] = text
    if text and len(text) <= TEXT_MAX:
        reading.answers.append((question, None, text))


def _choices(reading: Reading, question: Question, options: list[Option], value: object) -> None:
    keys = {option.key for option in options}
    if question.bank_key and NONE_OF_THESE[0] in keys and len(keys) > 1:
        none_label = next(option.label for option in options if option.key == NONE_OF_THESE[0])
        reading.errors[question.id] = f"„{none_label}“ passt nicht zu einer anderen Antwort: bitte nur eins davon."
    if options:
        reading.values[question.id] = value
    if question.id not in reading.errors:
        reading.answers.extend((question, option.id, None) for option in options)


def _require(reading: Reading, sheet: Sheet) -> None:
    answered = {question.id for question, _, _ in reading.answers}
    for question in sheet.questions:
        if question.required and question.id not in answered and question.id not in reading.errors:
            reading.errors[question.id] = ("Bitte wählen Sie mindestens eine Antwort." if question.kind ==
                                           QuestionKind.multiple else "Bitte beantworten Sie diese Frage.")


def record(survey: Survey, reading: Reading, channel: Channel) -> SurveyResponse:
    """One response with its answers; flushes. Only the day is kept, in Europe/Berlin. The
    transaction announces no changed records: report_stale would keep the moment it came in."""
    if not reading.ok:
        raise DomainError("Bitte prüfen Sie die markierten Antworten.")
    if not reading.answers:
        raise DomainError(PAPER_EMPTY if channel == Channel.paper else NOTHING_ANSWERED)
    response = SurveyResponse(survey_id=survey.id, submitted_on=today(), channel=channel)
    response.answers = [SurveyAnswer(question_id=question.id, option_id=option_id, text=text)
                        for question, option_id, text in reading.answers]
    db.session.add(response)
    db.session.flush()
    leave_unannounced(db.session)
    return response
