"""The feedback form of the accessibility statement, with German messages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from .services import MESSAGE_MAX, PAGE_MAX


class FeedbackForm(FlaskForm):
    name = StringField("Ihr Name (freiwillig)", validators=[Optional(), Length(
        max=200, message="Bitte geben Sie höchstens 200 Zeichen ein.")], render_kw={"autocomplete": "name"})
    email = EmailField("Ihre E-Mail-Adresse (freiwillig, nötig für eine Antwort)", validators=[
        Optional(), Email("Bitte geben Sie eine gültige E-Mail-Adresse ein – oder lassen Sie das Feld leer."),
        Length(max=254, message="Bitte geben Sie höchstens 254 Zeichen ein.")], render_kw={"autocomplete": "email"})
    page = StringField("Seite, um die es geht (Adresse oder Name)", validators=[
        DataRequired("Bitte nennen Sie die Seite, um die es geht."),
        Length(max=PAGE_MAX, message=f"Bitte geben Sie höchstens {PAGE_MAX} Zeichen ein.")])
    message = TextAreaField("Was ist Ihnen aufgefallen?", validators=[
        DataRequired("Bitte beschreiben Sie, was Ihnen aufgefallen ist."),
        Length(max=MESSAGE_MAX, message=f"Bitte fassen Sie sich auf höchstens {MESSAGE_MAX} Zeichen.")])
