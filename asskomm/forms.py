"""Helpers shared by the feature forms: the form page and where a refused button returns.

The request is the one transaction boundary (asskomm.boundary): views do not commit and do not
catch a service's `DomainError`; they declare, before calling the service, where its German
refusal is to be shown.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, g, redirect, render_template
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .errors import DomainError


def show_error(form: FlaskForm, error: DomainError) -> None:
    """Put a service's refusal next to the field it names (or the form's `refusal_field`, where
    the page has only one place for it), or at the top of the page."""
    name = getattr(form, "refusal_field", None) or error.field
    target = getattr(form, name, None) if name else None
    if target is not None and hasattr(target, "errors"):
        target.errors = [*target.errors, error.message]
    else:
        flash(error.message, "error")


def on_refusal(answer: Callable[[], ResponseReturnValue], form: FlaskForm | None = None) -> None:
    """Declare, before calling a service, how its refusal is answered: the message goes next to
    its field on `form` (or is flashed without one), then `answer()` makes the response."""
    g.refusal = (form, answer)


def form_page(form: FlaskForm, template: str, save: Callable[[], ResponseReturnValue],
              refusal_field: str | None = None, **context) -> ResponseReturnValue:
    """The shape of every form page: GET shows `template`; a valid POST calls `save()`, which
    calls the service and returns the redirect; an invalid POST shows the form again with 422.

    A `DomainError` from `save()` rolls the request back and shows this same page with the message
    next to its field (or `refusal_field`) and 422. `context` is rendered after that rollback, so
    pass objects or values, not results that a rollback would make stale."""
    if refusal_field:
        form.refusal_field = refusal_field

    def page(status: int) -> ResponseReturnValue:
        return render_template(template, form=form, **context), status

    on_refusal(lambda: page(422), form)
    if form.validate_on_submit():
        return save()
    return page(422 if form.is_submitted() else 200)


def back_on_refusal(url: str) -> None:
    """A button's view names the page it sits on: a service's refusal flashes its message there."""
    on_refusal(lambda: redirect(url))


CHOICE_MESSAGE = "Bitte wählen Sie einen Eintrag aus der Liste."


class ListField(SelectField):
    """A select that answers an unknown or malformed value (a hostile "kind=x", "user_id=abc") with
    a German message at the field instead of WTForms' English one, and leaves `data` None."""

    def process_formdata(self, valuelist) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None

    def pre_validate(self, form) -> None:
        if self.data not in {value for value, _ in self.choices}:
            raise ValidationError(CHOICE_MESSAGE)


class ListMultipleField(SelectMultipleField):
    """Several entries from a list, as check boxes; unknown values get the German message."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def process_formdata(self, valuelist) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = [None]

    def pre_validate(self, form) -> None:
        allowed = {value for value, _ in self.choices}
        if any(value not in allowed for value in self.data or []):
            raise ValidationError(CHOICE_MESSAGE)
