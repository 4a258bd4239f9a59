"""Forms of the crime figures, populations, import and indicator series, with German messages.
Counts are typed as German tables write them (1.234); the services check what depends on more
than one field (cleared cases within cases, one figure per key and year)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import Field, StringField
from wtforms.validators import InputRequired, Length, ValidationError
from wtforms.widgets import TextInput

from ...forms import ListField
from ..reference import OFFENCE_KEYS
from .numbers import parse_count, parse_year
from .table import german

OFFENCE_CHOICES = [(o.key, o.label if o.key == "------" else f"{o.key} – {o.label}") for o in OFFENCE_KEYS]
SOURCE_LENGTH = Length(max=200, message="Die Quelle darf höchstens 200 Zeichen lang sein.")


class ParsedField(Field):
    """A text input read by `parse` (which raises ValueError with a German message); empty is None."""

    widget = TextInput()
    parse = staticmethod(parse_count)

    def __init__(self, label=None, validators=None, required_message: str | None = None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.required_message = required_message
        if required_message:
            self.flags.required = True

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else self.show(self.data)

    @staticmethod
    def show(value) -> str:
        return str(value)

    def process_formdata(self, valuelist) -> None:
        self.data = None
        if valuelist and valuelist[0].strip():
            try:
                self.data = self.parse(valuelist[0])
            except ValueError as error:
                self.data = None
                self.process_errors.append(str(error))

    def pre_validate(self, form) -> None:
        if self.required_message and self.data is None and not self.process_errors:
            raise ValidationError(self.required_message)


class CountField(ParsedField):
    """A whole number, 1234 or 1.234."""


class YearField(ParsedField):
    parse = staticmethod(parse_year)


def parse_value(text: str) -> Decimal:
    """An indicator value: '1.234,5', '12,75', '-3' or '1234.5'; at most two decimal places."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "").replace("−", "-")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1 or (cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3):
        cleaned = cleaned.replace(".", "")  # 1.234 is thousands, as in German tables
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"„{text.strip()}“ ist keine Zahl (z. B. 1.234,5).") from None
    if not value.is_finite() or value != value.quantize(Decimal("0.01")) or abs(value) >= Decimal("1e12"):
        raise ValueError("Bitte geben Sie eine Zahl mit höchstens zwei Nachkommastellen ein.")
    return value


class ValueField(ParsedField):
    parse = staticmethod(parse_value)

    @staticmethod
    def show(value) -> str:
        return german(value, 2).removesuffix(",00")


class YearRangeForm(FlaskForm):
    """The filter above the table: from–to (GET, no CSRF token)."""

    class Meta:
        csrf = False

    von = YearField("Von Jahr")
    bis = YearField("Bis Jahr")


class CrimeFigureForm(FlaskForm):
    offence_key = ListField("Straftatenschlüssel", choices=OFFENCE_CHOICES)
    year = YearField("Jahr", required_message="Bitte geben Sie das Jahr an, z. B. 2024.")
    cases = CountField("Fälle", required_message="Bitte geben Sie die Zahl der Fälle an (0, wenn keine).")
    attempts = CountField("Versuche")
    cleared = CountField("aufgeklärte Fälle")
    suspects = CountField("Tatverdächtige")


class PopulationForm(FlaskForm):
    year = YearField("Jahr", required_message="Bitte geben Sie das Jahr an, z. B. 2024.")
    inhabitants = CountField("Einwohner:innen", required_message="Bitte geben Sie die Zahl der Einwohner:innen an.")
    source = StringField("Quelle", validators=[SOURCE_LENGTH])


class ImportForm(FlaskForm):
    file = FileField("Datei (CSV oder XLSX)", validators=[FileRequired("Bitte wählen Sie eine Datei aus.")],
                     render_kw={"accept": ".csv,.xlsx"})


class SeriesForm(FlaskForm):
    name = StringField("Bezeichnung", validators=[
        InputRequired("Bitte geben Sie die Bezeichnung der Kennzahl an."),
        Length(max=200, message="Die Bezeichnung darf höchstens 200 Zeichen lang sein.")])
    unit = StringField("Einheit", validators=[
        Length(max=60, message="Die Einheit darf höchstens 60 Zeichen lang sein.")])
    source = StringField("Quelle", validators=[SOURCE_LENGTH])


class IndicatorValueForm(FlaskForm):
    year = YearField("Jahr", required_message="Bitte geben Sie das Jahr an, z. B. 2024.")
    value = ValueField("Wert", required_message="Bitte geben Sie den Wert an.")
