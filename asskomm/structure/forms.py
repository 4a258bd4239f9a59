"""Forms for bodies, people and memberships."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from .models import BodyKind, BodyRole, Sector, WorkingGroupBasis


class BodyForm(FlaskForm):
    kind = SelectField("Art", choices=[(k.value, k.label) for k in BodyKind])
    name = StringField("Name", validators=[DataRequired("Bitte geben Sie einen Namen ein."), Length(max=160)])
    basis = SelectField("Arbeitsgruppe", choices=[("", "–")] + [(b.value, b.label) for b in WorkingGroupBasis],
                        validators=[Optional()])
    topic = StringField("Thema oder Stadtteil", validators=[Length(max=160)])
    description = TextAreaField("Aufgaben", validators=[Length(max=5000)])
    position = IntegerField("Reihenfolge", default=0, validators=[Optional(), NumberRange(min=0, max=999,
                            message="Bitte eine Zahl von 0 bis 999.")])


class PersonForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Bitte geben Sie einen Namen ein."), Length(max=160)])
    organisation = StringField("Organisation", validators=[Length(max=200)])
    function = StringField("Funktion", validators=[Length(max=200)])
    sector = SelectField("Bereich", choices=[(s.value, s.label) for s in Sector], default=Sector.other.value)
    email = EmailField("E-Mail-Adresse", validators=[Optional(), Email("Bitte geben Sie eine gültige E-Mail-Adresse "
                                                                       "ein."), Length(max=254)])
    phone = StringField("Telefon", validators=[Length(max=60)])


class MembershipForm(FlaskForm):
    person_id = SelectField("Person", coerce=int)
    role = SelectField("Rolle", choices=[(r.value, r.label) for r in BodyRole], default=BodyRole.member.value)
    starts_on = DateField("Ab", validators=[Optional()])
    ends_on = DateField("Bis", validators=[Optional()])
