"""Helpers shared by the feature forms."""

from __future__ import annotations

from types import TracebackType

from flask import flash
from flask_wtf import FlaskForm

from tenants import db

from .errors import DomainError


def show_error(form: FlaskForm, error: DomainError, field: str | None = None) -> None:
    """Put a service's refusal next to the field it names (or `field`, where the page has
    only one place for it), or at the top of the page."""
    name = field or error.field
    target = getattr(form, name, None) if name else None
    if target is not None and hasattr(target, "errors"):
        target.errors = [*target.errors, error.message]
    else:
        flash(error.message, "error")


class service_call:  # lower case: it reads as a verb, `with service_call(form) as call:`
    """Run a service inside `with`: commit if it went through, or undo it and show its German refusal.

    Every view that changes data ends the same way — commit on success; on a DomainError roll
    back *before* showing the message, so nothing half-done is kept. Written once here, a view
    states only what differs: the service it calls and what it does when `call.ok`.

    - success: commits, `ok` becomes True;
    - DomainError: rolls back, puts the message on the form field it names (`field` overrides the
      name; without a form it is flashed), and swallows the error; `ok` stays False;
    - any other exception: propagates untouched, nothing is committed.

    Do not `return` from inside the block: that would commit before the view has decided anything.
    """

    def __init__(self, form: FlaskForm | None = None, field: str | None = None):
        self.form = form
        self.field = field
        self.ok = False

    def __enter__(self) -> service_call:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> bool:
        if exc is None:
            db.session.commit()
            self.ok = True
            return False
        if not isinstance(exc, DomainError):
            return False
        db.session.rollback()  # storage deletes files written in this transaction; queued tasks are dropped
        if self.form is None:
            flash(exc.message, "error")
        else:
            show_error(self.form, exc, self.field)
        return True
