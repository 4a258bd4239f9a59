"""The legal pages (public) and, for state admins, the received feedback and the register of processing."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from tenants import db

from ..confirm import confirm
from ..extensions import limiter
from ..forms import form_page
from ..policy import public, requires
from . import services
from .forms import FeedbackForm
from .models import AccessibilityFeedback
from .records import activities

bp = Blueprint("legal", __name__, template_folder="templates")

# Per address: enough for a person with several findings, too few to flood the operator's mailbox.
FEEDBACK_LIMIT = "5 per 15 minutes;20 per day"


def _context() -> dict:
    settings = current_app.config["SETTINGS"]
    return {"legal": services.operator_of_alliance(settings.legal), "settings": settings,
            "activities": activities(settings)}


@bp.get("/impressum")
@public
def imprint():
    return render_template("legal/impressum.html", **_context())


@bp.get("/datenschutz")
@public
def privacy():
    return render_template("legal/datenschutz.html", **_context())


def _referring_page() -> str:
    """The page the person came from, when it is one of ours: the form names it for them."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc != request.host or referrer.path in ("", url_for(".accessibility")):
        return ""
    return referrer.path


@bp.errorhandler(429)
def _too_many(error) -> ResponseReturnValue:
    return render_template("legal/too_many.html", **_context()), 429


@bp.route("/barrierefreiheit", methods=["GET", "POST"])
@public
@limiter.limit(FEEDBACK_LIMIT, methods=["POST"])
def accessibility():
    form = FeedbackForm()
    if request.method == "GET" and not form.page.data:
        form.page.data = _referring_page()

    def save():
        services.record_feedback(form.name.data, form.email.data, form.page.data, form.message.data)
        flash("Vielen Dank! Ihre Rückmeldung ist bei uns eingegangen." + (
            " Wir antworten Ihnen per E-Mail." if form.email.data else ""), "success")
        return redirect(url_for(".accessibility") + "#rueckmeldung")

    return form_page(form, "legal/barrierefreiheit.html", save, **_context())


@bp.get("/land/barrierefreiheit-rueckmeldungen")
@requires("legal.feedback")
def feedback_list():
    page = services.feedback_page(request.args.get("seite", 1, type=int))
    return render_template("legal/feedback_list.html", page=page)


@bp.route("/land/barrierefreiheit-rueckmeldungen/<int:feedback_id>/loeschen", methods=["GET", "POST"])
@requires("legal.feedback")
def delete_feedback(feedback_id: int):
    feedback = db.get_or_404(AccessibilityFeedback, feedback_id)
    back = url_for(".feedback_list")
    answer = confirm(f"Rückmeldung zu „{feedback.page}“ löschen?",
                     ["Die Rückmeldung mit Name, E-Mail-Adresse und Nachricht wird gelöscht.",
                      "Die E-Mail an den Betreiber bleibt im Postausgang, bis ihre Aufbewahrungsfrist endet."],
                     "Rückmeldung löschen", back)
    if not answer.confirmed:
        return answer.page
    services.delete_feedback(feedback)
    flash("Die Rückmeldung ist gelöscht.", "success")
    return redirect(back)


@bp.get("/land/verarbeitungsverzeichnis")
@requires("legal.records")
def records():
    return render_template("legal/records.html", **_context())
