"""Forms for documents and their versions."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from .models import DocumentCategory, Visibility
from .services import GROUP_LABELS
from .uploads import ACCEPT_ATTRIBUTE, ALLOWED_TEXT

CATEGORY_CHOICES = [(category.value, category.label) for category in GROUP_LABELS]
VISIBILITY_CHOICES = [
    (Visibility.internal.value, "intern – nur für Mitglieder des KPR"),
    (Visibility.public.value, "öffentlich – auf der öffentlichen Seite abrufbar"),
]
FILE_HINT = f"Erlaubt sind {ALLOWED_TEXT}."


class DocumentForm(FlaskForm):
    title = StringField("Titel", validators=[
        DataRequired("Bitte geben Sie einen Titel ein."),
        Length(max=250, message="Der Titel darf höchstens 250 Zeichen lang sein."),
    ])
    category = SelectField("Art", choices=CATEGORY_CHOICES, default=DocumentCategory.other.value)
    visibility = SelectField("Sichtbarkeit", choices=VISIBILITY_CHOICES, default=Visibility.internal.value)
    description = TextAreaField("Beschreibung", validators=[
        Length(max=5000, message="Die Beschreibung darf höchstens 5000 Zeichen lang sein.")])


class VersionForm(FlaskForm):
    file = FileField("Datei", validators=[FileRequired("Bitte wählen Sie eine Datei aus.")],
                     render_kw={"accept": ACCEPT_ATTRIBUTE})
    note = StringField("Bemerkung zur Fassung", validators=[
        Length(max=300, message="Die Bemerkung darf höchstens 300 Zeichen lang sein.")])


class NewDocumentForm(DocumentForm, VersionForm):
    """A document with its first file."""
