"""The forms of the measures: the measure itself, one Beccaria step, the evaluation, the list's filter.
The lists offered are those of the current KPR and round (set by the views); the services check
every id again, so a forged one changes nothing."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional

from ...forms import ListField, ListMultipleField
from ...funding.forms import EuroField
from ...funding.models import FundingApplication
from ...structure.models import Body, Person
from ..models import ActionField, MeasureStatus, PreventionCycle, Setting, TargetGroup
from ..reference import EVIDENCE_LEVELS, GREEN_LIST, BeccariaStep

NO_CHOICE = ""


def _optional(choices: list[tuple], none_label: str, none_value=0) -> list[tuple]:
    return [(none_value, none_label), *choices]


class MeasureForm(FlaskForm):
    action_field_id = ListField("Handlungsfeld", coerce=int, default=0,
                                validators=[DataRequired("Bitte wählen Sie das Handlungsfeld der Maßnahme.")])
    goal_id = ListField("Ziel, dem die Maßnahme dient (optional)", coerce=int, default=0)
    title = StringField("Titel", validators=[DataRequired("Bitte geben Sie den Titel der Maßnahme an.")])
    description = TextAreaField("Beschreibung")
    working_group_id = ListField("Arbeitsgruppe", coerce=int, default=0)
    responsible_id = ListField("Verantwortliche Person", coerce=int, default=0)
    partners = TextAreaField("Partner:innen")
    starts_on = DateField("Beginn", validators=[Optional()])
    ends_on = DateField("Ende", validators=[Optional()])
    status = ListField("Status", choices=MeasureStatus.choices(), default=MeasureStatus.idea.value)
    budget = EuroField("Budget (€)")
    funding_ids = ListMultipleField("Verknüpfte Förderungen", coerce=int, default=[])
    programme_key = ListField("Programm der Grünen Liste Prävention (optional)", default=NO_CHOICE, choices=_optional(
        [(p.key, f"{p.name} – Stufe {p.evidence}: {EVIDENCE_LEVELS[p.evidence]}") for p in GREEN_LIST],
        "kein Programm der Grünen Liste", NO_CHOICE))
    target_group = ListField("Zielgruppe", default=NO_CHOICE,
                             choices=_optional(TargetGroup.choices(), "keine Angabe", NO_CHOICE))
    setting = ListField("Setting", default=NO_CHOICE, choices=_optional(Setting.choices(), "keine Angabe", NO_CHOICE))
    shareable = BooleanField("Für den Praxisaustausch freigeben")
    shared_beyond_alliance = BooleanField("Auch mit den Präventionsräten anderer Bundesländer teilen")

    def set_choices(self, fields: list[ActionField], groups: list[Body], people: list[Person],
                    funding: list[FundingApplication]) -> None:
        self.action_field_id.choices = _optional([(f.id, f.title) for f in fields], "Bitte wählen …")
        self.goal_id.choices = _optional([(g.id, f"{f.title}: {g.title}") for f in fields for g in f.goals],
                                         "keinem bestimmten Ziel")
        self.working_group_id.choices = _optional([(b.id, b.name) for b in groups], "keine Arbeitsgruppe")
        self.responsible_id.choices = _optional(
            [(p.id, f"{p.name} ({p.organisation})" if p.organisation else p.name) for p in people],
            "noch niemand")
        self.funding_ids.choices = [(f.id, f"{f.purpose} ({f.year}, {f.status.label})") for f in funding]


def step_form(step: BeccariaStep, answers: dict[str, str], completed: bool) -> FlaskForm:
    """A form with one text area per guiding question of `step`, named by the question's key."""

    class StepForm(FlaskForm):
        completed = BooleanField("Schritt abgeschlossen")

    for question in step.questions:
        setattr(StepForm, question.key, TextAreaField(question.text))
    return StepForm(data={**answers, "completed": completed})


class EvaluationForm(FlaskForm):
    done = TextAreaField("Was wurde getan?")
    reached = TextAreaField("Was hat die Maßnahme erreicht?")
    learned = TextAreaField("Was haben Sie daraus gelernt?")
    evaluated_on = DateField("Evaluiert am", validators=[DataRequired("Bitte geben Sie ein gültiges Datum ein.")])


class MeasureFilterForm(FlaskForm):
    class Meta:
        csrf = False

    runde = ListField("Runde", coerce=int)
    status = ListField("Status", default=NO_CHOICE,
                       choices=_optional(MeasureStatus.choices(), "alle", NO_CHOICE))
    feld = ListField("Handlungsfeld", coerce=int, default=0)

    def set_choices(self, cycles: list[PreventionCycle], fields: list[ActionField]) -> None:
        self.runde.choices = [(c.id, f"{c.number}. Runde{' (abgeschlossen)' if c.closed_on else ''}")
                              for c in cycles]
        self.feld.choices = _optional([(f.id, f.title) for f in fields], "alle")
