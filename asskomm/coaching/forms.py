"""The consultation form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, FieldList, FormField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from .models import ConsultationTopic


class StepForm(FlaskForm):
    class Meta:
        csrf = False  # part of ConsultationForm

    title = StringField("Nächster Schritt", validators=[Length(max=300)])
    owner = StringField("Verantwortlich", validators=[Length(max=160)])
    due_on = DateField("Bis", validators=[Optional()])


class ConsultationForm(FlaskForm):
    held_on = DateField("Datum", validators=[DataRequired("Bitte geben Sie das Datum der Beratung an.")])
    topic = SelectField("Thema", choices=[(t.value, t.label) for t in ConsultationTopic])
    hours = DecimalField("Dauer in Stunden", places=2, validators=[DataRequired(
        "Bitte geben Sie die Dauer in Stunden an, z. B. 1,5.")])
    notes = TextAreaField("Notizen", validators=[Length(max=20000)])
    steps = FieldList(FormField(StepForm), min_entries=3)
