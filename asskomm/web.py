"""Cross-cutting web concerns: security headers, error pages, template helpers."""

from __future__ import annotations

import re

from flask import Flask, g, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from tenants import db
from tenants.alliances import current_alliance

from . import timeutil
from .branding import accent_sheet
from .formats import format_number
from .navigation import TENANT_NAV, NavItem
from .policy import can
from .problems import is_api_request, problem

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}

ERRORS = {
    400: ("Ungültige Anfrage", "Die Anfrage konnte nicht verarbeitet werden."),
    403: ("Keine Berechtigung", "Für diese Aktion fehlt Ihnen die Berechtigung."),
    404: ("Seite nicht gefunden", "Diese Seite gibt es nicht, oder sie ist für Sie nicht sichtbar."),
    405: ("Aktion nicht möglich", "Diese Aktion ist auf dieser Seite nicht möglich."),
    413: ("Datei zu groß", "Die gesendeten Daten überschreiten die zulässige Größe."),
    429: (
        "Zu viele Versuche",
        "Zu viele Anmeldeversuche in kurzer Zeit. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.",
    ),
    500: (
        "Ein Fehler ist aufgetreten",
        "Bei der Verarbeitung ist ein Fehler aufgetreten. Es wurde nichts gespeichert. "
        "Bitte versuchen Sie es später erneut.",
    ),
}


def _render_error(code: int, text: str | None = None):
    if is_api_request():  # the JSON API's clients get problem+json, never an HTML page
        return problem(code, text)
    title, default_text = ERRORS[code]
    return render_template("errors/error.html", title=title, text=text or default_text), code


def _tenant_nav() -> list[NavItem]:
    """The KPR area's menu items the current person may use."""
    if not current_user.is_authenticated:
        return []
    return [item for item in TENANT_NAV if can(current_user, item.action, g.tenant)]


# C0 control characters that no form of ours takes (tab and line breaks are fine): PostgreSQL
# cannot store NUL, and XML (the spreadsheets, calendars) allows none of them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CONTROL_MESSAGE = ("Die Eingabe enthält unzulässige Steuerzeichen (etwa aus einer kopierten Vorlage). Bitte "
                   "entfernen Sie sie und senden Sie das Formular erneut; es wurde nichts gespeichert.")


def _has_control_characters() -> bool:
    # File names are the upload check's (asskomm.documents): it names the problem at the field.
    values = [v for _, vs in request.args.lists() for v in vs] + [v for _, vs in request.form.lists() for v in vs]
    return any(CONTROL_CHARACTERS.search(v) for v in values)


def init_app(app: Flask) -> None:
    @app.before_request
    def _refuse_control_characters():
        if _has_control_characters():
            return _render_error(400, CONTROL_MESSAGE)
        return None

    @app.after_request
    def _security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if app.config["SESSION_COOKIE_SECURE"]:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    for code in ERRORS:
        if code in (413, 500):
            continue
        app.register_error_handler(code, lambda e, code=code: _render_error(code))

    @app.errorhandler(413)
    def _too_large(error):
        # Werkzeug refuses a body over MAX_CONTENT_LENGTH while the form is read (the CSRF check,
        # before the view). An upload page answers itself (its form again, with the limit named):
        # the view marks itself with `answers_too_large` (asskomm.documents.views.form_again_when_too_large).
        view = app.view_functions.get(request.endpoint) if request.endpoint else None
        answer = getattr(view, "answers_too_large", None)
        return answer() if answer is not None else _render_error(413)

    @app.errorhandler(500)
    def _server_error(error):
        db.session.rollback()
        return _render_error(500)

    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        return _render_error(
            400,
            "Das Formular ist abgelaufen oder unvollständig. Bitte laden Sie die Seite neu und senden Sie es erneut.",
        )

    app.jinja_env.globals["can"] = can
    app.jinja_env.globals["alliance"] = current_alliance  # called where a page names its alliance
    app.jinja_env.globals["accent_sheet"] = accent_sheet
    app.jinja_env.globals["tenant_nav"] = _tenant_nav
    app.jinja_env.filters["date"] = timeutil.format_date
    app.jinja_env.filters["datetime"] = timeutil.format_datetime
    app.jinja_env.filters["number"] = format_number
