"""Forms for the public page: profile, news, network partners, community police officers; the index filter."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, IntegerField, SearchField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Email, Length, NumberRange, Optional, Regexp

from tenants.models import STATUS_LABELS

from ..forms import ListField
from ..structure.models import SECTOR_LABELS, Sector

EMAIL = [Optional(), Email("Bitte geben Sie eine gültige E-Mail-Adresse ein."), Length(max=254)]
PHONE = [Length(max=60, message="Die Telefonnummer darf höchstens 60 Zeichen lang sein."),
         Regexp(r"^[0-9+()/ \-]*$", message="Die Telefonnummer darf nur Ziffern, Leerzeichen und + ( ) / - "
                                            "enthalten.")]
POSITION = [Optional(), NumberRange(min=0, max=999, message="Bitte eine Zahl von 0 bis 999.")]


def _required(what: str) -> DataRequired:
    return DataRequired(f"Bitte geben Sie {what} ein.")


class ProfileForm(FlaskForm):
    about = TextAreaField("Über den KPR", validators=[Length(max=5000)])
    goals = TextAreaField("Ziele (eines je Zeile)", validators=[Length(max=5000)])
    office_name = StringField("Koordinierungsstelle", validators=[Length(max=200)])
    contact_person = StringField("Ansprechperson", validators=[Length(max=160)])
    postal_address = TextAreaField("Postanschrift", validators=[Length(max=500)])
    visitor_address = TextAreaField("Besucheradresse", validators=[Length(max=500)])
    opening_hours = TextAreaField("Öffnungszeiten", validators=[Length(max=1000)])
    phone = StringField("Telefon", validators=PHONE)
    email = EmailField("E-Mail-Adresse", validators=EMAIL)


class NewsPostForm(FlaskForm):
    title = StringField("Überschrift", validators=[_required("eine Überschrift"), Length(max=250)])
    published_on = DateField("Datum", validators=[DataRequired("Bitte geben Sie ein gültiges Datum ein.")])
    body = TextAreaField("Text", validators=[Length(max=20000, message="Der Text darf höchstens 20.000 Zeichen "
                                                                       "lang sein.")])
    published = BooleanField("Veröffentlicht (auf der öffentlichen Seite sichtbar)")


class PartnerForm(FlaskForm):
    name = StringField("Name", validators=[_required("einen Namen"), Length(max=200)])
    sector = ListField("Bereich", choices=[(s.value, SECTOR_LABELS[s]) for s in Sector], default=Sector.other.value)
    description = TextAreaField("Beschreibung", validators=[Length(max=2000)])
    url = StringField("Internetadresse", validators=[
        Optional(), Length(max=500),
        Regexp(r"^https?://", message="Die Internetadresse muss mit http:// oder https:// beginnen."),
        URL(message="Bitte geben Sie eine gültige Internetadresse ein."),
    ])
    position = IntegerField("Reihenfolge", default=0, validators=POSITION)


class OfficerForm(FlaskForm):
    name = StringField("Name", validators=[_required("einen Namen"), Length(max=160)])
    area = StringField("Zuständig für (Stadtteil, Revier)", validators=[Length(max=200)])
    phone = StringField("Telefon", validators=PHONE)
    email = EmailField("E-Mail-Adresse", validators=EMAIL)
    office_hours = TextAreaField("Sprechzeiten", validators=[Length(max=1000)])
    position = IntegerField("Reihenfolge", default=0, validators=POSITION)


class AllianceFilterForm(FlaskForm):
    """GET filter of the alliance index: no CSRF token, nothing changes."""

    class Meta:
        csrf = False

    district = ListField("Landkreis", choices=[("", "alle")], default="")
    status = ListField("Status", choices=[("", "alle")] + [(s.value, label) for s, label in STATUS_LABELS.items()],
                         default="")
    q = SearchField("Name", validators=[Length(max=160, message="Bitte höchstens 160 Zeichen.")], default="")
