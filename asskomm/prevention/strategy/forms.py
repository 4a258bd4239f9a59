"""Forms of the strategy: action field, goal, entered value, adoption. Numbers are typed the German way
(1.234,5); the services check what depends on more than one field or on the records."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from ...forms import CHOICE_MESSAGE, ListField, ListMultipleField
from ...timeutil import format_datetime
from ..statistics.forms import SOURCE_LENGTH, ParsedField, ValueField, YearField


class GroupedListField(ListField):
    """A select whose options sit in <optgroup>s (choices given as {group label: [(value, label)]})."""

    def pre_validate(self, form) -> None:
        allowed = {value for options in self.choices.values() for value, _ in options}
        if self.data not in allowed:
            raise ValidationError(CHOICE_MESSAGE)


def parse_target_year(text: str) -> int:
    cleaned = text.strip()
    if not re.fullmatch(r"\d{4}", cleaned):
        raise ValueError(f"„{cleaned}“ ist keine Jahreszahl (vierstellig, z. B. 2030).")
    return int(cleaned)


class TargetYearField(ParsedField):
    """A year that may lie ahead (the service checks it against the baseline year)."""

    parse = staticmethod(parse_target_year)


class ActionFieldForm(FlaskForm):
    title = StringField("Titel", validators=[
        InputRequired("Bitte geben Sie dem Handlungsfeld einen Titel."),
        Length(max=200, message="Der Titel darf höchstens 200 Zeichen lang sein.")])
    description = TextAreaField("Beschreibung", validators=[
        Length(max=5000, message="Die Beschreibung darf höchstens 5.000 Zeichen lang sein.")])
    problems = ListMultipleField("Probleme aus der Analyse, denen das Handlungsfeld begegnet", coerce=int,
                                 default=[])
    working_group_id = ListField("Zuständige Arbeitsgruppe", coerce=int)
    position = IntegerField("Reihenfolge", validators=[
        Optional(), NumberRange(min=0, max=999, message="Die Reihenfolge ist eine Zahl von 0 bis 999.")])

    def set_choices(self, problems, groups) -> None:
        self.problems.choices = [(p.id, f"{p.priority}. {p.title}") for p in problems]
        self.working_group_id.choices = [(0, "– keine Arbeitsgruppe –"), *((b.id, b.name) for b in groups)]


class GoalForm(FlaskForm):
    title = StringField("Ziel", validators=[
        InputRequired("Bitte beschreiben Sie das Ziel in einem Satz."),
        Length(max=300, message="Das Ziel darf höchstens 300 Zeichen lang sein.")])
    indicator = GroupedListField("Kennzahl, an der das Ziel gemessen wird")
    baseline_year = YearField("Ausgangsjahr", required_message="Bitte geben Sie das Ausgangsjahr an, z. B. 2024.")
    baseline_value = ValueField("Ausgangswert")
    target_value = ValueField("Zielwert", required_message="Bitte geben Sie den Zielwert an.")
    target_year = TargetYearField("Zieljahr", required_message="Bitte geben Sie das Zieljahr an, z. B. 2030.")


class MeasurementForm(FlaskForm):
    year = YearField("Jahr", required_message="Bitte geben Sie das Jahr des Messwerts an.")
    value = ValueField("Gemessener Wert", required_message="Bitte geben Sie den gemessenen Wert an.")
    source = StringField("Quelle", validators=[SOURCE_LENGTH])


class StrategyForm(FlaskForm):
    summary = TextAreaField("Zusammenfassung der Strategie", validators=[
        Length(max=20_000, message="Bitte fassen Sie die Zusammenfassung kürzer (höchstens 20.000 Zeichen).")])
    body_id = ListField("Beschlossen von (Gremium)", coerce=int)
    decision_id = GroupedListField("Beschluss (aus der Niederschrift der Sitzung)", coerce=int)
    shared = BooleanField("Für den Landespräventionsrat freigegeben")

    def set_choices(self, bodies, choices) -> None:
        self.body_id.choices = [(0, "– noch nicht beschlossen –"), *((b.id, f"{b.name} ({b.kind.label})")
                                                                     for b in bodies)]
        groups: dict[str, list[tuple[int, str]]] = {"Kein Beschluss": [(0, "– noch kein Beschluss –")]}
        for choice in choices:
            meeting = choice.meeting
            label = f"{meeting.body.name}: {meeting.title}, {format_datetime(meeting.starts_at)}"
            text = choice.decision.text if len(choice.decision.text) <= 120 else choice.decision.text[:119] + "…"
            groups.setdefault(label, []).append((choice.decision.id, text))
        self.decision_id.choices = groups

