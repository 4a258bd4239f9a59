"""The filter of the audit pages: a GET form, no CSRF token, nothing changes."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, SearchField, SelectField
from wtforms.validators import Length, Optional, ValidationError

from .labels import object_type_label
from .models import AuditAction


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    # A text field, not a list: the state has thousands of KPRs.
    kpr = SearchField("KPR (Kurzname oder Name)", validators=[Optional(), Length(max=160)])
    person = SearchField("Person (Name oder E-Mail-Adresse)", validators=[Optional(), Length(max=254)])
    objekt = SelectField("Art des Eintrags", default="")
    aktion = SelectField("Aktion", default="",
                         choices=[("", "alle")] + [(a.value, a.label) for a in AuditAction])
    von = DateField("Von (Datum)", validators=[Optional()],
                    render_kw={"autocomplete": "off"})
    bis = DateField("Bis (Datum)", validators=[Optional()],
                    render_kw={"autocomplete": "off"})

    def __init__(self, *args, object_types: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = sorted(((t, object_type_label(t)) for t in object_types), key=lambda c: c[1])
        self.objekt.choices = [("", "alle")] + choices

    def validate_bis(self, field) -> None:
        if field.data and self.von.data and field.data < self.von.data:
            raise ValidationError("Das Enddatum liegt vor dem Anfangsdatum.")
