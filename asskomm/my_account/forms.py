"""The account page's forms, with German messages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from ..accounts.forms import SetPasswordForm
from ..forms import ListMultipleField
from ..mail.preferences import CATEGORIES


class ProfileForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Bitte geben Sie Ihren Namen ein."), Length(
        max=160, message="Bitte kürzen Sie den Namen auf höchstens 160 Zeichen.")],
        render_kw={"autocomplete": "name"})


class ChangePasswordForm(SetPasswordForm):
    current = PasswordField("Bisheriges Passwort", validators=[DataRequired(
        "Bitte geben Sie Ihr bisheriges Passwort ein.")], render_kw={"autocomplete": "current-password"})


class MailChoiceForm(FlaskForm):
    wanted = ListMultipleField("Diese E-Mails möchte ich erhalten",
                               choices=[(category.key, category.label) for category in CATEGORIES])


