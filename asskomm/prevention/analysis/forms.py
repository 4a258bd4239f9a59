"""Forms of a round's analysis, its problems and offers, with German messages. Numbers are typed as
German tables write them (1.234 · 23,5); the services check what depends on more than one field."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from ...forms import ListField, ListMultipleField
from ..models import ConductedBy, Setting, TargetGroup
from ..statistics.forms import OFFENCE_CHOICES, CountField, ValueField

DATE_MESSAGE = "Bitte geben Sie ein gültiges Datum ein."


def _length(limit: int) -> Length:
    return Length(max=limit, message=f"Bitte höchstens {limit:,} Zeichen.".replace(",", "."))


def _optional_id(value):
    """The empty first option is no choice. Anything else that is not a number stays as it is, so that
    ListField refuses it as not in the list (rather than reading it as no choice)."""
    if value in (None, "", "None"):
        return None
    return int(value) if str(value).isdigit() else value


class CycleForm(FlaskForm):
    analysis_started_on = DateField("Analyse begonnen am", validators=[InputRequired(DATE_MESSAGE)])
    conducted_by = ListField("Durchgeführt", choices=ConductedBy.choices(), default=ConductedBy.kpr.value)
    contractor = StringField("Auftragnehmer (wenn durch einen Auftragnehmer)", validators=[_length(200)])
    first_year = CountField("Kriminalstatistik ab Jahr", required_message="Bitte geben Sie das erste Jahr an.")
    last_year = CountField("bis Jahr", required_message="Bitte geben Sie das letzte Jahr an.")


class ResultsForm(FlaskForm):
    survey_year = CountField("Jahr der Befragung")
    survey_sample = CountField("Stichprobe (befragte Personen)")
    survey_responses = CountField("Antworten")
    survey_unsafe_share = ValueField("Anteil, der sich nachts allein in der Wohngegend unsicher fühlt (%)")
    survey_problems = TextAreaField("Meistgenannte Probleme vor Ort (eines je Zeile, das häufigste zuerst)",
                                    validators=[_length(5000)])
    findings = TextAreaField("Erkenntnisse", validators=[_length(20_000)])
    recommendations = TextAreaField("Empfehlungen", validators=[_length(20_000)])
    report_document_id = ListField("Abschlussbericht (ein Dokument des KPR)", coerce=_optional_id, default=None)
    public_summary = TextAreaField("Zusammenfassung für die öffentliche Seite", validators=[_length(5000)])
    summary_published = BooleanField("Zusammenfassung auf der öffentlichen Seite des KPR veröffentlichen")
    analysis_shared = BooleanField("Für den Landespräventionsrat freigegeben")
    analysis_finished_on = DateField("Analyse abgeschlossen am", validators=[Optional()])


class ProblemForm(FlaskForm):
    title = StringField("Problem", validators=[InputRequired("Bitte benennen Sie das Problem."), _length(200)])
    description = TextAreaField("Beschreibung", validators=[_length(5000)])
    priority = CountField("Priorität (1 = am dringendsten)", required_message="Bitte geben Sie die Priorität an.")
    offence_key = ListField("Beleg aus der Kriminalstatistik", choices=[("", "– kein Straftatenschlüssel –")]
                            + OFFENCE_CHOICES, default="")
    series_id = ListField("Beleg aus einer Kennzahl des KPR", coerce=_optional_id, default=None)
    from_survey = BooleanField("In der Bürgerbefragung genannt")


class OfferForm(FlaskForm):
    title = StringField("Angebot", validators=[InputRequired("Bitte geben Sie den Namen des Angebots an."),
                                               _length(200)])
    provider = StringField("Träger", validators=[_length(200)])
    topic = StringField("Thema", validators=[_length(200)])
    target_group = ListField("Zielgruppe", choices=[("", "– keine Angabe –")] + TargetGroup.choices(), default="")
    setting = ListField("Setting", choices=[("", "– keine Angabe –")] + Setting.choices(), default="")
    area = StringField("Gebiet (Stadtteil, Ortsteil, ganze Kommune)", validators=[_length(200)])
    reach = StringField("Reichweite (z. B. 120 Teilnehmende im Jahr)", validators=[_length(200)])
    funding = StringField("Finanzierung", validators=[_length(200)])
    contact = StringField("Kontakt", validators=[_length(200)])
    problem_ids = ListMultipleField("Bearbeitet diese Probleme der Runde", coerce=int)


def form_data(form: FlaskForm, names: tuple[str, ...]) -> dict:
    """What the service is given: the named fields' values."""
    return {name: form[name].data for name in names}
