"""Forms of the founding guide."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from .models import FoundingModel


class StepForm(FlaskForm):
    checked = SelectMultipleField("Leitfragen", coerce=int, validate_choice=False)
    notes = TextAreaField("Notizen", validators=[Length(max=10000)])
    owner = StringField("Verantwortlich", validators=[Length(max=160)])
    due_on = DateField("Zieldatum", validators=[Optional()])
    done = BooleanField("Schritt erledigt")


class ModelForm(FlaskForm):
    model = SelectField("Gründungsmodell", choices=[("", "noch offen")] + [(m.value, m.label) for m in FoundingModel])
