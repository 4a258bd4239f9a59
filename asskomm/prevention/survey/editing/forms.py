"""The editor's forms, with German messages. The services check what depends on the survey (its
state, its sections, the answers of a question)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from ....forms import ListField, ListMultipleField
from ...statistics.forms import CountField
from ..models import QuestionKind, SurveySection
from .composition import HELP_MAX, SCALE_LABEL_MAX, SCALE_MAX, SCALE_MIN, SECTION_TITLE_MAX, TEXT_MAX
from .services import INTRODUCTION_MAX

TITLE_LENGTH = Length(max=200, message="Der Titel darf höchstens 200 Zeichen lang sein.")


class NewSurveyForm(FlaskForm):
    title = StringField("Titel der Befragung", validators=[
        InputRequired("Bitte geben Sie der Befragung einen Titel."), TITLE_LENGTH])


class SettingsForm(FlaskForm):
    title = StringField("Titel der Befragung", validators=[
        InputRequired("Bitte geben Sie der Befragung einen Titel."), TITLE_LENGTH])
    introduction = TextAreaField("Einleitung für die Befragten", render_kw={"rows": 14}, validators=[Length(
        max=INTRODUCTION_MAX, message="Die Einleitung darf höchstens 3.000 Zeichen lang sein.")])
    open_link = BooleanField("Offener Link: Wer den Link kennt, kann teilnehmen")
    sample_size = CountField("Stichprobe: Zahl der verschickten Fragebögen")
    share_for_benchmark = BooleanField("Für den Vergleich im Bündnis freigeben")

    def keep_only(self, names: frozenset[str]) -> None:
        """Drop the fields the survey's state no longer lets change (they are shown as text)."""
        for name in ("title", "introduction", "open_link", "sample_size", "share_for_benchmark"):
            if name not in names:
                delattr(self, name)


class BankForm(FlaskForm):
    items = ListMultipleField("Fragen aus dem Fragenkatalog", default=[])
    districts = TextAreaField("Ortsteile (einer je Zeile)", validators=[
        Length(max=6000, message="Bitte kürzen Sie die Liste der Ortsteile.")], render_kw={"rows": 8})


def section_choices(sections: list[SurveySection]) -> list[tuple[int, str]]:
    return [(section.id, f"{section.position}. {section.title}") for section in sections]


class SectionChoiceForm(FlaskForm):
    section_id = ListField("Abschnitt", coerce=int)
    required = BooleanField("Pflichtfrage: muss beantwortet werden")


class BankQuestionForm(SectionChoiceForm):
    """A bank item: its text and answers stay as the bank words them."""


class QuestionForm(SectionChoiceForm):
    text = TextAreaField("Frage", validators=[
        InputRequired("Bitte geben Sie den Text der Frage ein."),
        Length(max=TEXT_MAX, message=f"Die Frage darf höchstens {TEXT_MAX} Zeichen lang sein.")], render_kw={"rows": 3})
    help_text = StringField("Hinweis zur Frage (freiwillig)", validators=[
        Length(max=HELP_MAX, message=f"Der Hinweis darf höchstens {HELP_MAX} Zeichen lang sein.")])
    kind = ListField("Art der Antwort", choices=QuestionKind.choices(), default=QuestionKind.single.value)
    options = TextAreaField("Antwortmöglichkeiten (eine je Zeile)", render_kw={"rows": 7})
    scale_steps = ListField("Zahl der Stufen", coerce=int, default=5,
                            choices=[(steps, str(steps)) for steps in range(SCALE_MIN, SCALE_MAX + 1)])
    scale_low = StringField("Bedeutung des niedrigsten Punkts", validators=[
        Length(max=SCALE_LABEL_MAX, message=f"Die Beschriftung darf höchstens {SCALE_LABEL_MAX} Zeichen lang sein.")])
    scale_high = StringField("Bedeutung des höchsten Punkts", validators=[
        Length(max=SCALE_LABEL_MAX, message=f"Die Beschriftung darf höchstens {SCALE_LABEL_MAX} Zeichen lang sein.")])


class SectionForm(FlaskForm):
    title = StringField("Titel des Abschnitts", validators=[
        InputRequired("Bitte geben Sie dem Abschnitt einen Titel."),
        Length(max=SECTION_TITLE_MAX, message=f"Der Titel darf höchstens {SECTION_TITLE_MAX} Zeichen lang sein.")])
