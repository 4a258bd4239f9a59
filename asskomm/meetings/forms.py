"""Forms of meetings, replies, attendance, minutes and action items (German messages)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import URL, DataRequired, InputRequired, Length, NumberRange, Optional

from .models import Reply

NOBODY = (0, "– niemand –")
NO_BODY_YET = ("", "– bitte wählen –")
AGENDA_MAX = 100  # rows of one agenda; more indices in a request are ignored by the FieldList
AGENDA_MORE = 3  # empty rows the "add rows" button appends


def _body_id(value) -> int | None:
    """The empty first option is no choice (so the body is chosen, never defaulted)."""
    return None if value in (None, "") else int(value)


class AgendaRow(Form):
    title = StringField("Tagesordnungspunkt", validators=[Length(max=250, message="Höchstens 250 Zeichen.")])
    owner_id = SelectField("Verantwortlich", coerce=int, default=0)


class MeetingForm(FlaskForm):
    body_id = SelectField("Gremium", coerce=_body_id,
                          validators=[DataRequired("Bitte wählen Sie das Gremium, das tagt.")])
    title = StringField("Titel", validators=[DataRequired("Bitte geben Sie einen Titel ein."), Length(max=200)])
    day = DateField("Datum", validators=[InputRequired("Bitte geben Sie das Datum an.")])
    starts = TimeField("Beginn", validators=[InputRequired("Bitte geben Sie die Anfangszeit an.")])
    ends = TimeField("Ende", validators=[InputRequired("Bitte geben Sie die Endzeit an.")])
    place = StringField("Ort", validators=[Length(max=250)])
    online_url = URLField("Online-Link", validators=[
        Optional(), URL(message="Bitte geben Sie einen vollständigen Link an, z. B. https://…"), Length(max=500)])
    public = BooleanField("Öffentliche Sitzung (erscheint auf der öffentlichen Seite des KPR)")
    agenda = FieldList(FormField(AgendaRow), label="Tagesordnung", max_entries=AGENDA_MAX)

    def set_choices(self, bodies, people, rows: int = 0) -> None:
        self.body_id.choices = [NO_BODY_YET] + [(b.id, b.name) for b in bodies]
        while len(self.agenda) < min(rows, AGENDA_MAX):
            self.agenda.append_entry()
        owners = [NOBODY] + [(p.id, p.name) for p in people]
        for number, row in enumerate(self.agenda, start=1):
            row.form.title.label.text = f"TOP {number}"
            row.form.owner_id.label.text = f"Verantwortlich für TOP {number}"
            row.form.owner_id.choices = owners


class ReplyForm(FlaskForm):
    reply = SelectField("Antwort", choices=[(r.value, r.label) for r in (Reply.yes, Reply.no, Reply.maybe)],
                        validators=[InputRequired("Bitte wählen Sie Zusage, Absage oder Vielleicht.")])


class AttendanceForm(FlaskForm):
    attended = SelectMultipleField("Anwesend", coerce=int, validate_choice=False)


class MinutesForm(FlaskForm):
    text = TextAreaField("Niederschrift", validators=[DataRequired("Bitte geben Sie den Text der Niederschrift ein."),
                                                      Length(max=50000)])
    decisions = TextAreaField("Beschlüsse (einer je Zeile)", validators=[Length(max=20000)])


class ActionItemForm(FlaskForm):
    title = StringField("Aufgabe", validators=[DataRequired("Bitte beschreiben Sie die Aufgabe."), Length(max=300)])
    owner_id = SelectField("Verantwortlich", coerce=int, default=0)
    due_on = DateField("Fällig am", validators=[Optional()])

    def set_choices(self, people) -> None:
        self.owner_id.choices = [NOBODY] + [(p.id, p.name) for p in people]


class ApproveForm(FlaskForm):
    # an id the database can hold: a larger number is no minutes of ours (and no database error)
    minutes_id = IntegerField("Niederschrift", validators=[InputRequired("Bitte wählen Sie eine Niederschrift aus."),
                                                          NumberRange(min=1, max=2**31 - 1)])
