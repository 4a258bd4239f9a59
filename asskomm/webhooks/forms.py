from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError

from ..forms import ListMultipleField
from . import addresses, services
from .models import EVENTS


class EndpointForm(FlaskForm):
    url = StringField("Adresse (https://…)", validators=[
        DataRequired("Bitte geben Sie die Adresse an, an die gesendet wird."),
        Length(max=500, message="Die Adresse darf höchstens 500 Zeichen lang sein.")])
    events = ListMultipleField("Ereignisse", choices=list(EVENTS.items()),
                               validators=[DataRequired("Bitte wählen Sie mindestens ein Ereignis.")])

    def validate_url(self, field) -> None:
        reason = addresses.refusal(field.data or "", services.allowed_networks())
        if reason:
            raise ValidationError(reason)
