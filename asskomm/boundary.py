"""One transaction boundary per request.

The view runs; if it returns, the request commits once; if anything raises, it rolls back
before any error page is rendered. Services only flush. A `DomainError` (a service's German
refusal) is answered here too: the form page the view declared is shown again with the message
and 422, and a button goes back where the view said, with the message flashed.
"""

from __future__ import annotations

from flask import Flask, flash, g, render_template
from flask.typing import ResponseReturnValue

from tenants import db

from .errors import DomainError


class Platform(Flask):
    def dispatch_request(self) -> ResponseReturnValue:
        try:
            response = super().dispatch_request()
        except BaseException:
            db.session.rollback()  # storage deletes files written in this transaction; queued tasks are dropped
            raise
        db.session.commit()
        return response


def answer_refusal(error: DomainError) -> ResponseReturnValue:
    """The German refusal of a service, answered the way the view declared (asskomm.forms:
    `form_page`, `back_on_refusal`, `on_refusal`): its form page again with the message next to
    the field (422), or the message flashed on the page a button sits on. A view that declared
    nothing gets the message on an error page (422)."""
    from .forms import show_error

    refusal = g.pop("refusal", None)
    if refusal is None:
        return render_template("errors/error.html", title="Aktion nicht möglich", text=error.message), 422
    form, answer = refusal
    if form is None:
        flash(error.message, "error")
    else:
        show_error(form, error)
    response = answer()
    db.session.commit()  # only what the answer itself recorded (a failed sign-in); the refused change is gone
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(DomainError, answer_refusal)


__all__ = ["Platform", "answer_refusal", "init_app"]
