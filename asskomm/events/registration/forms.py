"""Forms of the coordinators: registering a member of their KPR, replying to an invitation."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField
from wtforms.validators import NumberRange


class RegisterMemberForm(FlaskForm):
    member = SelectField("Person aus Ihrem KPR", validate_choice=True)

    @classmethod
    def offering(cls, choices: list[tuple[str, str]]) -> RegisterMemberForm:
        """The form with these people to choose from ("kpr id:person id", label)."""
        form = cls()
        form.member.choices = choices
        return form


class KprReplyForm(FlaskForm):
    reply = SelectField("Antwort", choices=[("yes", "Wir nehmen teil"), ("no", "Wir nehmen nicht teil")])
    participants = IntegerField("Zahl der Teilnehmenden", default=0, validators=[NumberRange(
        min=0, max=500, message="Bitte eine Zahl von 0 bis 500.")])
