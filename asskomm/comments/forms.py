"""The comment form of the panel under each workspace item."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, TextAreaField
from wtforms.validators import InputRequired, NumberRange

from .services import MAX_LENGTH


class CommentForm(FlaskForm):
    item_kind = HiddenField(validators=[InputRequired()])
    item_id = IntegerField(validators=[InputRequired(), NumberRange(min=1, max=2**31 - 1)])
    # Checked (trimmed, required, at most MAX_LENGTH characters) by services.clean_body.
    body = TextAreaField("Ihr Kommentar", render_kw={"maxlength": MAX_LENGTH, "rows": 4})
