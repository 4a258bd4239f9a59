"""The report's forms, with German messages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, TextAreaField
from wtforms.validators import InputRequired, Length
from wtforms.widgets import TextInput

from .services import REMARK_MAX, TEXT_MAX

YEAR_MESSAGE = "Bitte geben Sie das Berichtsjahr als vierstellige Zahl an, z. B. 2025."


class YearField(IntegerField):
    """A year; anything else ("abc", "20.25") is a German message at the field, not WTForms' English.
    A text box with a numeric keyboard: a number box would take "2e3" and spin through years."""

    widget = TextInput()

    def process_formdata(self, valuelist) -> None:
        if valuelist and valuelist[0].strip():
            text = valuelist[0].strip()
            self.data = int(text) if text.isdigit() and len(text) == 4 else None
            if self.data is None:
                self.process_errors.append(YEAR_MESSAGE)
        else:
            self.data = None


class OpenYearForm(FlaskForm):
    year = YearField("Berichtsjahr", validators=[InputRequired(YEAR_MESSAGE)],
                     render_kw={"inputmode": "numeric", "maxlength": 4, "autocomplete": "off"})


class TextsForm(FlaskForm):
    foreword = TextAreaField("Vorwort", validators=[Length(
        max=TEXT_MAX, message=f"Bitte fassen Sie das Vorwort kürzer (höchstens {TEXT_MAX} Zeichen).")])
    outlook = TextAreaField("Ausblick", validators=[Length(
        max=TEXT_MAX, message=f"Bitte fassen Sie den Ausblick kürzer (höchstens {TEXT_MAX} Zeichen).")])


class ReturnForm(FlaskForm):
    remark = TextAreaField("Anmerkung an die Koordinierungsstelle", validators=[
        InputRequired("Bitte schreiben Sie, was an dieser Fassung zu ändern ist."),
        Length(max=REMARK_MAX, message=f"Bitte fassen Sie die Anmerkung kürzer (höchstens {REMARK_MAX} Zeichen).")])
