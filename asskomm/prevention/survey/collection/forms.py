"""Forms of the collection: the respondent's code, a batch of new codes. The questionnaires
themselves (online and paper) are read by answers.py from the question ids, not by a fixed form."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length, ValidationError

from ....formats import format_number
from .codes import BATCH_MAX, EXAMPLE, MALFORMED, normalise


class CodeForm(FlaskForm):
    code = StringField("Ihr Zugangscode", validators=[
        InputRequired(f"Bitte geben Sie den Zugangscode aus Ihrem Brief ein, zum Beispiel {EXAMPLE}."),
        Length(max=40, message=MALFORMED)])

    def validate_code(self, field) -> None:
        if normalise(field.data or "") is None:
            raise ValidationError(MALFORMED)


class GenerateCodesForm(FlaskForm):
    count = StringField("Anzahl neuer Codes", validators=[
        InputRequired(f"Bitte geben Sie an, wie viele Codes erzeugt werden sollen (1 bis {format_number(BATCH_MAX)})."),
    ])

    def validate_count(self, field) -> None:
        text = (field.data or "").strip().replace(".", "")
        if not re.fullmatch(r"\d{1,6}", text) or not 1 <= int(text) <= BATCH_MAX:
            raise ValidationError(f"Bitte eine ganze Zahl von 1 bis {format_number(BATCH_MAX)} eingeben.")
        field.number = int(text)


class PaperForm(FlaskForm):
    """Only the CSRF token: the sheet's fields are named after the questions (answers.read_paper)."""
