"""Forms of the state council: KPR master data, assignments, inviting people."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from tenants import TenantKind, TenantStatus

from ..accounts.forms import email_field
from ..accounts.models import AssignmentKind, GlobalRole

DATE_MESSAGE = "Bitte geben Sie ein gültiges Datum ein."


class TenantForm(FlaskForm):
    name = StringField("Name der Kommune", validators=[DataRequired("Bitte geben Sie einen Namen ein."),
                                                       Length(max=160)])
    slug = StringField(
        "Kurzname in der Adresse (/k/…)",
        validators=[DataRequired("Bitte geben Sie einen Kurznamen ein."),
                    Regexp(r"^[a-z0-9][a-z0-9-]{1,59}$",
                           message="Nur Kleinbuchstaben a–z, Ziffern und Bindestriche, 2 bis 60 Zeichen.")],
    )
    kind = SelectField("Art", choices=[(k.value, k.label) for k in TenantKind])
    ags = StringField(
        "Amtlicher Gemeindeschlüssel (AGS)",
        validators=[DataRequired("Bitte geben Sie den AGS ein."),
                    Regexp(r"^\d{8}$", message="Der AGS besteht aus genau 8 Ziffern.")],
    )
    district = StringField(
        "Landkreis / Kreisfreie Stadt",
        validators=[DataRequired("Bitte geben Sie den Landkreis ein."), Length(max=120)],
    )
    federal_state = StringField("Bundesland", default="Sachsen", validators=[DataRequired(), Length(max=60)])
    population = IntegerField("Einwohnerzahl", validators=[Optional(), NumberRange(min=0, max=5_000_000,
                              message="Bitte geben Sie eine Einwohnerzahl zwischen 0 und 5.000.000 ein.")])
    police_directorate = StringField("Polizeidirektion", validators=[Length(max=120)])
    status = SelectField("Status", choices=[(s.value, s.label) for s in TenantStatus])
    contacted_on = DateField("Kontaktiert am", validators=[Optional()])
    agreement_signed_on = DateField("Kooperationsvereinbarung unterzeichnet am", validators=[Optional()])
    founded_on = DateField("KPR gegründet am", validators=[Optional()])
    active_on = DateField("Aktiv seit", validators=[Optional()])
    dormant_on = DateField("Ruhend seit", validators=[Optional()])


class AssignmentForm(FlaskForm):
    kind = SelectField("Aufgabe", choices=[(k.value, k.label) for k in AssignmentKind])
    user_id = SelectField("Person", coerce=int, validate_choice=True)
    starts_on = DateField("Ab", validators=[DataRequired(DATE_MESSAGE)])


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class InviteUserForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Bitte geben Sie einen Namen ein."), Length(max=160)])
    email = email_field()
    roles = MultiCheckboxField("Rollen beim Landespräventionsrat", choices=[(r.value, r.label) for r in GlobalRole])
    tenant_id = SelectField("KPR (optional)", coerce=int, validators=[Optional()])
    membership_role = SelectField("Rolle im KPR", choices=[("coordinator", "Koordinator:in"), ("member", "Mitglied")])
