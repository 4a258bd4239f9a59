"""An upload over the server's limit gets its form page again, with the limit named.

Werkzeug refuses a request body over MAX_CONTENT_LENGTH while the form is read — in the CSRF check,
before the view runs — so the view cannot answer it with its form. asskomm.web's 413 handler asks the
view for `answers_too_large` instead; upload views get it from `form_again_when_too_large`.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, g, request
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from werkzeug.exceptions import HTTPException

from . import services
from .uploads import too_large_message


def form_again_when_too_large(view: Callable) -> Callable:
    """Mark an upload view (put it under the route, above `requires`). Its answer runs the view as
    for GET — the same login, KPR and permission checks, nothing read from the body — and the view's
    page shows the message at the file field (`upload_form_page`). What was typed besides the file is
    not read, so it is not kept."""

    def answer():
        request.method = "GET"
        g.upload_too_large = True
        try:
            return view(**(request.view_args or {}))
        except HTTPException as refusal:  # 403/404 of the checks: raised inside an error handler, answered here
            return current_app.handle_http_exception(refusal)

    view.answers_too_large = answer
    return view


def upload_form_page(form: FlaskForm, page: Callable[[], ResponseReturnValue]) -> ResponseReturnValue:
    """The upload view's form page `page()`; in the answer to an upload over the limit, with the German
    message naming the limit at the form's file field, and 413."""
    if not g.pop("upload_too_large", False):
        return page()
    form.file.errors = [too_large_message(services.upload_limit())]
    body, _ = page()  # shown as for GET: the form is not submitted
    return body, 413
