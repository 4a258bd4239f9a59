"""Login, password and invitation forms, with German messages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

EMAIL_MESSAGE = "Bitte geben Sie eine gültige E-Mail-Adresse ein."


def email_field(label: str = "E-Mail-Adresse") -> EmailField:
    return EmailField(
        label,
        validators=[DataRequired("Bitte geben Sie Ihre E-Mail-Adresse ein."), Email(EMAIL_MESSAGE), Length(max=254)],
        render_kw={"autocomplete": "email"},
    )


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        "Passwort", validators=[DataRequired("Bitte geben Sie Ihr Passwort ein.")],
        render_kw={"autocomplete": "current-password"},
    )


class ResetRequestForm(FlaskForm):
    email = email_field()


class SetPasswordForm(FlaskForm):
    password = PasswordField(
        "Neues Passwort (mindestens 12 Zeichen)",
        validators=[DataRequired("Bitte geben Sie ein neues Passwort ein."), Length(max=200)],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "Neues Passwort wiederholen",
        validators=[EqualTo("password", "Die beiden Passwörter stimmen nicht überein.")],
        render_kw={"autocomplete": "new-password"},
    )


class InviteMemberForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Bitte geben Sie einen Namen ein."), Length(max=160)])
    email = email_field()
    role = SelectField(
        "Rolle im KPR",
        choices=[("member", "Mitglied"), ("coordinator", "Koordinator:in")],
        default="member",
    )
