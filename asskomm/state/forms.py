"""Forms of the state council: KPR master data, assignments, inviting people."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from tenants import TenantKind, TenantStatus
from tenants.districts import KREISFREIE_STADT, LAENDER, SAXONY, SAXONY_DISTRICTS

from ..accounts.forms import email_field
from ..accounts.models import ALLIANCE_ROLES, AssignmentKind, MembershipRole
from ..forms import ListField, ListMultipleField
from ..kpr_picker import KprField

DATE_MESSAGE = "Bitte geben Sie ein gültiges Datum ein."
# Saxony's districts by their key; "" for a KPR in another Land, which names its district itself.
DISTRICT_CHOICES = [("", "– außerhalb Sachsens –")] + [
    (d.key, f"{d.name} ({d.key})" if d.kind != KREISFREIE_STADT else f"{d.name}, kreisfrei ({d.key})")
    for d in sorted(SAXONY_DISTRICTS.values(), key=lambda d: d.name.removeprefix("Landkreis ").removeprefix("Stadt "))]


class TenantForm(FlaskForm):
    name = StringField("Name der Kommune", validators=[DataRequired("Bitte geben Sie einen Namen ein."),
                                                       Length(max=160)])
    slug = StringField(
        "Kurzname in der Adresse (/k/…)",
        validators=[DataRequired("Bitte geben Sie einen Kurznamen ein."),
                    Regexp(r"^[a-z0-9][a-z0-9-]{1,59}$",
                           message="Nur Kleinbuchstaben a–z, Ziffern und Bindestriche, 2 bis 60 Zeichen.")],
    )
    kind = ListField("Art", choices=[(k.value, k.label) for k in TenantKind])
    ags = StringField(
        "Amtlicher Gemeindeschlüssel (AGS)",
        validators=[DataRequired("Bitte geben Sie den AGS ein."),
                    Regexp(r"^\d{8}$", message="Der AGS besteht aus genau 8 Ziffern.")],
    )
    federal_state = ListField("Bundesland", default=SAXONY, choices=[(name, name) for name in sorted(LAENDER.values())])
    district = ListField("Landkreis / Kreisfreie Stadt in Sachsen", default="", choices=DISTRICT_CHOICES)
    other_district = StringField("Landkreis außerhalb Sachsens", validators=[Length(max=120)])
    population = IntegerField("Einwohnerzahl", validators=[Optional(), NumberRange(min=0, max=5_000_000,
                              message="Bitte geben Sie eine Einwohnerzahl zwischen 0 und 5.000.000 ein.")])
    police_directorate = StringField("Polizeidirektion", validators=[Length(max=120)])
    status = ListField("Status", choices=[(s.value, s.label) for s in TenantStatus])
    contacted_on = DateField("Kontaktiert am", validators=[Optional()])
    agreement_signed_on = DateField("Kooperationsvereinbarung unterzeichnet am", validators=[Optional()])
    founded_on = DateField("KPR gegründet am", validators=[Optional()])
    active_on = DateField("Aktiv seit", validators=[Optional()])
    dormant_on = DateField("Ruhend seit", validators=[Optional()])


class AssignmentForm(FlaskForm):
    kind = ListField("Aufgabe", choices=[(k.value, k.label) for k in AssignmentKind])
    user_id = ListField("Person", coerce=int)
    starts_on = DateField("Ab", validators=[DataRequired(DATE_MESSAGE)])


class InviteUserForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Bitte geben Sie einen Namen ein."), Length(max=160)])
    email = email_field()
    roles = ListMultipleField("Rollen beim Landespräventionsrat", choices=[(r.value, r.label) for r in ALLIANCE_ROLES])
    kpr = KprField("KPR (optional)")
    membership_role = ListField("Rolle im KPR", default=MembershipRole.member.value,
                                choices=[(r.value, r.label) for r in MembershipRole])
