"""Actions that cannot be undone ask first: a page that says what will happen, takes an optional
reason (into the mail and the audit trail) and only then lets the action run.

The action's URL answers GET with the question and POST with the action, so a link or a
button leads to the question, and the confirmed form posts to the same URL.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length

from .audit.listener import give_reason

REASON_MAX = 1000


class ConfirmForm(FlaskForm):
    reason = TextAreaField("Begründung (freiwillig)", validators=[Length(
        max=REASON_MAX, message=f"Bitte fassen Sie die Begründung kürzer (höchstens {REASON_MAX} Zeichen).")])


@dataclass
class Confirmation:
    """`page` is the question to answer (None once confirmed); `reason` what the person wrote."""

    page: ResponseReturnValue | None
    reason: str = ""

    @property
    def confirmed(self) -> bool:
        return self.page is None


def confirm(title: str, consequences: list[str], confirm_label: str, back_url: str,
            back_label: str = "Abbrechen", reversible: bool = False) -> Confirmation:
    """GET (or an invalid POST): the question, with `consequences` as the list of what will happen.
    A valid POST: confirmed; the reason goes into the audit entries of this request. `reversible`
    drops the warning that it cannot be undone (an archived KPR can be restored; the consequences
    then say how)."""
    form = ConfirmForm()
    if form.validate_on_submit():
        reason = (form.reason.data or "").strip()
        give_reason(reason)
        return Confirmation(None, reason)
    page = render_template("confirm.html", form=form, title=title, consequences=consequences,
                           confirm_label=confirm_label, back_url=back_url, back_label=back_label,
                           reversible=reversible)
    return Confirmation((page, 422 if form.is_submitted() else 200))
