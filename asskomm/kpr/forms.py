"""The KPR's choice who sees its people's e-mail addresses."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField


class EmailVisibilityForm(FlaskForm):
    member_emails_visible = BooleanField("E-Mail-Adressen der Mitglieder für alle Mitglieder sichtbar")
