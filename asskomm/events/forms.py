"""Forms for organisers (event, sessions) and for registering people."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional

from .models import Audience, EventKind, Reach


class SessionForm(FlaskForm):
    class Meta:
        csrf = False  # part of EventForm, which carries the token

    day = DateField("Datum", validators=[Optional()])
    starts = TimeField("Beginn", validators=[Optional()])
    ends = TimeField("Ende", validators=[Optional()])
    place = StringField("Ort", validators=[Length(max=250)])
    online_url = URLField("Online-Link", validators=[Optional(), URL(message="Bitte eine vollständige Adresse "
                                                                             "(https://…) angeben."),
                                                     Length(max=500)])


class EventForm(FlaskForm):
    kind = SelectField("Art", choices=[(k.value, k.label) for k in EventKind])
    title = StringField("Titel", validators=[DataRequired("Bitte geben Sie einen Titel ein."), Length(max=250)])
    description = TextAreaField("Beschreibung", validators=[Length(max=10000)])
    organiser_tenant_id = SelectField("Veranstalter", coerce=int)
    audience = SelectField("Zielgruppe", choices=[(a.value, a.label) for a in Audience])
    reach = SelectField("Für", choices=[(r.value, r.label) for r in Reach])
    district = StringField("Landkreis (wenn für einen Landkreis)", validators=[Length(max=120)])
    invited = SelectMultipleField("Eingeladene KPR (wenn für eingeladene KPR)", coerce=int)
    capacity = IntegerField("Plätze", validators=[DataRequired("Bitte geben Sie die Zahl der Plätze an."),
                                                  NumberRange(min=1, max=5000, message="Zwischen 1 und 5000 Plätzen.")])
    registration_opens_at = DateTimeLocalField("Anmeldung ab", validators=[Optional()])
    registration_closes_at = DateTimeLocalField("Anmeldung bis", validators=[DataRequired(
        "Bitte geben Sie an, bis wann die Anmeldung möglich ist.")])
    agenda = TextAreaField("Tagesordnung", validators=[Length(max=10000)])
    minutes = TextAreaField("Protokoll (für eingeladene KPR sichtbar)", validators=[Length(max=50000)])
    sessions = FieldList(FormField(SessionForm), min_entries=3)


class RegisterMemberForm(FlaskForm):
    member = SelectField("Person aus Ihrem KPR", validate_choice=True)


class KprReplyForm(FlaskForm):
    reply = SelectField("Antwort", choices=[("yes", "Wir nehmen teil"), ("no", "Wir nehmen nicht teil")])
    participants = IntegerField("Zahl der Teilnehmenden", default=0, validators=[NumberRange(
        min=0, max=500, message="Bitte eine Zahl von 0 bis 500.")])
