"""The participants' feedback form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, Length

GRADES = [(5, "5 – sehr gut"), (4, "4 – gut"), (3, "3 – mittel"), (2, "2 – weniger gut"), (1, "1 – schlecht")]


class FeedbackForm(FlaskForm):
    overall = RadioField("Wie bewerten Sie die Veranstaltung insgesamt?", coerce=int, choices=GRADES,
                         validators=[InputRequired("Bitte bewerten Sie die Veranstaltung insgesamt (1 bis 5).")])
    usefulness = RadioField("Wie nützlich war sie für Ihre Arbeit im KPR?", coerce=int, choices=GRADES,
                            validators=[InputRequired("Bitte bewerten Sie den Nutzen (1 bis 5).")])
    comment = TextAreaField("Anmerkungen (freiwillig)", validators=[Length(
        max=5000, message="Bitte fassen Sie sich kürzer (höchstens 5000 Zeichen).")])
