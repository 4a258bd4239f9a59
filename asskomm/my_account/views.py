"""`/konto`: the signed-in person's own account — profile, password, sessions, mails, feeds."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, make_response, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..accounts import api_tokens, sessions
from ..confirm import confirm
from ..forms import back_on_refusal, form_page
from . import services
from .forms import ChangePasswordForm, MailChoiceForm, ProfileForm, TokenForm

bp = Blueprint("my_account", __name__, url_prefix="/konto", template_folder="templates")


def _me():
    return current_user._get_current_object()


@bp.before_request
@login_required
def _signed_in() -> None:
    """Every page here is about the signed-in person; nobody else's account is reachable."""


def _overview_context() -> dict:
    me = _me()
    return {"places": services.places(me), "assignments": services.assignments(me),
            "renewed": services.feed_renewals(me), "mail_form": MailChoiceForm(wanted=sorted(services.wanted_mails(me)),
                                                                               formdata=None)}


@bp.route("", methods=["GET", "POST"])
def index():
    g.page_title = "Mein Konto"
    me = _me()
    form = ProfileForm(obj=me)

    def save():
        services.rename(me, form.name.data)
        flash("Ihr Name ist gespeichert.", "success")
        return redirect(url_for(".index"))

    return form_page(form, "my_account/index.html", save, **_overview_context())


@bp.route("/passwort", methods=["GET", "POST"])
def password():
    g.page_title = "Passwort ändern"
    form = ChangePasswordForm()

    def save():
        services.change_password(_me(), form.current.data, form.password.data)
        flash("Ihr neues Passwort ist gespeichert. Alle anderen Sitzungen sind beendet.", "success")
        return redirect(url_for(".index"))

    return form_page(form, "my_account/password.html", save)


@bp.post("/benachrichtigungen")
def mails():
    form = MailChoiceForm()
    back_on_refusal(url_for(".index"))
    if not form.validate_on_submit():
        flash(" ".join(form.wanted.errors) or "Bitte prüfen Sie Ihre Auswahl.", "error")
        return redirect(url_for(".index") + "#mails")
    services.choose_mails(_me(), form.wanted.data or [])
    flash("Ihre Auswahl der E-Mails ist gespeichert.", "success")
    return redirect(url_for(".index") + "#mails")


@bp.get("/sitzungen")
def session_list():
    g.page_title = "Angemeldete Sitzungen"
    return render_template("my_account/sessions.html", rows=sessions.of_user(_me()), current=sessions.current_id())


@bp.route("/sitzungen/<int:session_id>/beenden", methods=["GET", "POST"])
def end_session(session_id: int):
    if session_id == sessions.current_id():
        return redirect(url_for(".end_everywhere"))  # ending this one is signing out
    rows = {row.id: row for row in sessions.of_user(_me())}
    if session_id not in rows:
        abort(404)  # another person's session, or one already over
    question = confirm("Sitzung beenden?", [
        f"Die Sitzung in „{rows[session_id].browser}“ wird abgemeldet; wer dort weiterarbeiten will, "
        "muss sich neu anmelden."], "Sitzung beenden", url_for(".session_list"), reversible=True)
    if not question.confirmed:
        return question.page
    sessions.end(_me(), session_id)
    flash("Die Sitzung ist beendet.", "success")
    return redirect(url_for(".session_list"))


@bp.route("/sitzungen/ueberall-abmelden", methods=["GET", "POST"])
def end_everywhere():
    question = confirm("Überall abmelden?", [
        "Alle Ihre Sitzungen werden beendet, auf jedem Gerät und in jedem Browser, auch diese hier.",
        "Sie melden sich danach neu an. Kalender-Abonnements und Links aus E-Mails gelten weiter."],
        "Überall abmelden", url_for(".session_list"), reversible=True)
    if not question.confirmed:
        return question.page
    sessions.sign_out(_me(), everywhere=True)
    flash("Sie wurden überall abgemeldet.", "info")
    return redirect(url_for("accounts.login"))


@bp.route("/api-token", methods=["GET", "POST"])
def token_list():
    g.page_title = "API-Token"
    me, form = _me(), TokenForm()

    def save():
        token, raw = api_tokens.create_token(me, form.scope.data, form.name.data, form.days.data)
        # the raw token is shown in this answer only; nothing may keep a copy of the page
        response = make_response(render_template("my_account/tokens.html", form=TokenForm(formdata=None),
                                                 rows=api_tokens.tokens_of(me), created=token, raw=raw))
        response.headers["Cache-Control"] = "no-store"
        return response

    return form_page(form, "my_account/tokens.html", save, rows=api_tokens.tokens_of(me))


@bp.route("/api-token/<int:token_id>/widerrufen", methods=["GET", "POST"])
def revoke_token(token_id: int):
    token = api_tokens.token_of(_me(), token_id)
    if token is None:
        abort(404)  # another person's token
    question = confirm(f"Token „{token.name}“ widerrufen?", [
        "Programme, die dieses Token nutzen, erhalten danach keinen Zugriff mehr."],
        "Token widerrufen", url_for(".token_list"))
    if not question.confirmed:
        return question.page
    api_tokens.revoke(token)
    flash(f"Das Token „{token.name}“ ist widerrufen.", "success")
    return redirect(url_for(".token_list"))
