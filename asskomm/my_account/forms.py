"""The account page's forms, with German messages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from ..accounts.api_tokens import TokenScope
from ..accounts.forms import SetPasswordForm
from ..forms import ListField, ListMultipleField
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


class TokenForm(FlaskForm):
    name = StringField("Name des Tokens", validators=[DataRequired(
        "Bitte geben Sie dem Token einen Namen, an dem Sie es wiedererkennen."), Length(
        max=80, message="Bitte kürzen Sie den Namen auf höchstens 80 Zeichen.")])
    scope = RadioField("Umfang", choices=[(scope.value, scope.label) for scope in TokenScope],
                       default=TokenScope.read.value, validate_choice=True,
                       invalid_choice_message="Bitte wählen Sie den Umfang: nur lesen oder lesen und ändern.",
                       validators=[InputRequired("Bitte wählen Sie den Umfang: nur lesen oder lesen und ändern.")])
    days = ListField("Gültigkeit", coerce=int, default=90,
                     choices=[(days, f"{days} Tage") for days in (30, 90, 180, 365)])

