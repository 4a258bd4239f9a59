"""Forms for the cooperation agreement and its renewals."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, FieldList, FormField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..documents.uploads import ACCEPT_ATTRIBUTE
from .models import Party

EXTRA_ROWS = 1  # empty rows offered below the recorded signatories


class SignatoryForm(FlaskForm):
    class Meta:
        csrf = False  # part of AgreementForm

    name = StringField("Name", validators=[Length(max=160, message="Der Name darf höchstens 160 Zeichen lang sein.")])
    function = StringField("Funktion", validators=[
        Length(max=200, message="Die Funktion darf höchstens 200 Zeichen lang sein.")])


def _signatories(label: str):
    return FieldList(FormField(SignatoryForm), label=label, min_entries=2)


class AgreementForm(FlaskForm):
    signed_on = DateField("Unterzeichnet am",
                          validators=[DataRequired("Bitte geben Sie das Datum der Unterzeichnung an.")])
    police_directorate = StringField("Polizeidirektion", validators=[
        DataRequired("Bitte geben Sie die Polizeidirektion an."),
        Length(max=160, message="Der Name der Polizeidirektion darf höchstens 160 Zeichen lang sein.")])
    valid_until = DateField("Gültig bis", validators=[Optional()])
    notes = TextAreaField("Bemerkungen", validators=[
        Length(max=5000, message="Die Bemerkungen dürfen höchstens 5000 Zeichen lang sein.")])
    municipality = _signatories(Party.municipality.label)
    police = _signatories(Party.police.label)
    state_council = _signatories(Party.state_council.label)
    file = FileField("Unterzeichnete Vereinbarung (optional)", render_kw={"accept": ACCEPT_ATTRIBUTE})

    def party_lists(self):
        """(party, its FieldList) in the order of the agreement."""
        return [(party, self[party.value]) for party in Party]

    def signatories(self) -> dict[Party, list[tuple[str, str]]]:
        return {party: [(row.form.data["name"], row.form.data["function"]) for row in rows]
                for party, rows in self.party_lists()}


def signatory_data(agreement) -> dict[str, list[dict]]:
    """The recorded signatories as form data, with room for one more per party."""
    data: dict[str, list[dict]] = {party.value: [] for party in Party}
    for signatory in agreement.signatories:
        data[signatory.party.value].append({"name": signatory.name, "function": signatory.function})
    for rows in data.values():
        rows.extend({"name": "", "function": ""} for _ in range(EXTRA_ROWS))
    return data


class RenewalForm(FlaskForm):
    renewed_on = DateField("Verlängert am", validators=[DataRequired("Bitte geben Sie das Datum der Verlängerung an.")])
    valid_until = DateField("Neu gültig bis", validators=[DataRequired("Bitte geben Sie an, bis wann die "
                                                                       "Vereinbarung nun gilt.")])
    note = StringField("Bemerkung", validators=[
        Length(max=300, message="Die Bemerkung darf höchstens 300 Zeichen lang sein.")])
