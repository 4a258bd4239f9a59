"""The funding form; amounts are typed the German way (1.234,50)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from wtforms import DateField, Field, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import TextInput

from .models import FundingStatus

AMOUNT_MESSAGE = "Bitte geben Sie einen Betrag in Euro ein, z. B. 1.234,50."
THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_amount(text: str) -> Decimal:
    """'1.234,50', '1234,5', '1234.50' and '1.234' (thousands) as Decimal; ValueError otherwise."""
    text = text.replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif THOUSANDS.match(text):
        text = text.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValueError(AMOUNT_MESSAGE)
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(AMOUNT_MESSAGE) from None


class EuroField(Field):
    """An optional amount in euros; shown with a decimal comma."""

    widget = TextInput()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return f"{self.data:.2f}".replace(".", ",")

    def process_formdata(self, valuelist):
        self.data = None
        if valuelist and valuelist[0].strip():
            self.data = parse_amount(valuelist[0])


class FundingForm(FlaskForm):
    year = IntegerField("Förderjahr", validators=[DataRequired("Bitte geben Sie das Förderjahr an, z. B. 2026.")])
    purpose = StringField("Zweck / Vorhaben", validators=[
        DataRequired("Bitte geben Sie den Zweck der Förderung an."),
        Length(max=300, message="Der Zweck darf höchstens 300 Zeichen lang sein.")])
    # The choices offered depend on who edits (views); the service decides what is allowed.
    status = SelectField("Status", choices=[(s.value, s.label) for s in FundingStatus], validate_choice=False,
                         default=FundingStatus.planned.value)
    amount_applied = EuroField("Beantragter Betrag (€)")
    applied_on = DateField("Beantragt am", validators=[Optional()])
    amount_granted = EuroField("Bewilligter Betrag (€)")
    decided_on = DateField("Entschieden am", validators=[Optional()])
    notes = TextAreaField("Bemerkungen", validators=[
        Length(max=5000, message="Die Bemerkungen dürfen höchstens 5000 Zeichen lang sein.")])
