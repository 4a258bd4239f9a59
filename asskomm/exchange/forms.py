"""The exchange's forms: the search (GET, no CSRF), a question, an adoption. The lists offered come
from the views; the services check each value again."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..forms import ListField
from ..prevention.models import MeasureStatus, Setting, TargetGroup
from ..prevention.reference import EVIDENCE_LEVELS, GREEN_LIST
from ..prevention.survey.bank import SIZE_CLASSES
from .services import QUESTION_MAX

ANY = ""
TEXT_MAX = 100


def _any(choices: list[tuple]) -> list[tuple]:
    return [(ANY, "alle"), *choices]


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField("Suchbegriff (Titel, Beschreibung, Handlungsfeld)", validators=[Length(
        max=TEXT_MAX, message=f"Bitte geben Sie höchstens {TEXT_MAX} Zeichen ein.")])
    feld = StringField("Handlungsfeld enthält", validators=[Length(
        max=TEXT_MAX, message=f"Bitte geben Sie höchstens {TEXT_MAX} Zeichen ein.")])
    zielgruppe = ListField("Zielgruppe", default=ANY, choices=_any(TargetGroup.choices()))
    setting = ListField("Setting", default=ANY, choices=_any(Setting.choices()))
    programm = ListField("Programm der Grünen Liste", default=ANY,
                         choices=_any([(p.key, p.name) for p in GREEN_LIST]))
    evidenz = ListField("Evidenzstufe der Grünen Liste", default=ANY,
                        choices=_any([(str(level), f"Stufe {level}: {label}")
                                      for level, label in EVIDENCE_LEVELS.items()]))
    status = ListField("Status", default=ANY, choices=_any(MeasureStatus.choices()))
    landkreis = ListField("Landkreis", default=ANY, choices=_any([]))
    groesse = ListField("Größe der Kommune", default=ANY, choices=_any([(k, label) for k, _, label in SIZE_CLASSES]))

    def set_districts(self, districts: list[str]) -> None:
        self.landkreis.choices = _any([(d, d) for d in districts])


class QuestionForm(FlaskForm):
    kpr_id = ListField("Sie fragen für", coerce=int, default=0)
    text = TextAreaField("Ihre Frage", validators=[
        DataRequired("Bitte schreiben Sie Ihre Frage."),
        Length(max=QUESTION_MAX, message=f"Bitte fassen Sie Ihre Frage kürzer (höchstens "
                                         f"{QUESTION_MAX:,} Zeichen).".replace(",", "."))])


class AdoptionForm(FlaskForm):
    measure_id = ListField("Unsere Maßnahme dazu", coerce=int, default=0)
