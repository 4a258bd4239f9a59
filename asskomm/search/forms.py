"""The search's one form, sent by GET from the header and the results page."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length

from ..forms import ListField
from .sources import SOURCES

QUERY_MAX = 200


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET that changes nothing

    q = StringField("Suchbegriff", validators=[Length(
        max=QUERY_MAX, message=f"Bitte geben Sie höchstens {QUERY_MAX} Zeichen ein.")])
    art = ListField("Art der Treffer", default="",
                    choices=[("", "alle Arten"), *((s.kind, s.label) for s in SOURCES.values())])
