"""Login, logout, password reset, accepting an invitation, and the personal start page."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from tenants import Tenant, db

from ..accounts import services, sessions, tokens
from ..accounts.forms import LoginForm, ResetRequestForm, SetPasswordForm
from ..audit import services as audit
from ..audit.actor import identify
from ..extensions import limiter
from ..forms import form_page, on_refusal
from ..policy import can, memberships_of, safe_next_url

bp = Blueprint("accounts", __name__, template_folder="templates")


def _account() -> str:
    return services.normalise_email(request.form.get("email", ""))[:320]


def _failed(response) -> bool:
    """Only failed attempts count: a successful sign-in redirects, a refused one was not tried."""
    return response.status_code not in (302, 429)


def _limit(setting: str, key: Callable[[], str]):
    return limiter.limit(lambda: getattr(current_app.config["SETTINGS"], setting), key_func=key,
                         methods=["POST"], deduct_when=_failed)


# Failed sign-ins, counted in the limiter's store (Redis, or a file all web processes of the
# embedded mode share): per address and account, tight, so one office behind a NAT does not
# lock out its colleagues; per account from any address (ASVS 2.2.1: at most 100 an hour), so
# spreading guesses over many addresses does not help; per address for any accounts, so one
# address cannot work through a list of accounts.
@bp.route("/login", methods=["GET", "POST"])
@_limit("login_rate_limit", lambda: f"address+account|{request.remote_addr}|{_account()}")
@_limit("login_account_rate_limit", lambda: f"account|{_account()}")
@_limit("login_address_rate_limit", lambda: f"address|{request.remote_addr}")
def login():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.start"))
    form = LoginForm()
    if form.validate_on_submit():
        on_refusal(lambda: _login_refused(form))
        user = services.authenticate(form.email.data, form.password.data)
        sessions.sign_in(user)
        audit.signed_in(user)
        return redirect(safe_next_url(url_for("accounts.start")))
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/login.html", form=form), status


def _login_refused(form: LoginForm):
    """After the refused sign-in was rolled back: the page again, with the message flashed; the
    attempt is recorded (the address tried, never the password)."""
    audit.sign_in_failed(form.email.data)
    return render_template("accounts/login.html", form=form), 401


@bp.post("/logout")
@login_required
def logout():
    # Not only the cookie: a copy of it (a stolen one) must stop working too, so this session's row
    # goes. Sessions on other devices stay; the account page ends them ("überall abmelden").
    sessions.sign_out(current_user._get_current_object())
    flash("Sie wurden abgemeldet.", "info")
    return redirect(url_for("accounts.login"))


@bp.route("/passwort-vergessen", methods=["GET", "POST"])
@limiter.limit("5 per 15 minutes", methods=["POST"])
def forgot_password():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        flash("Falls ein Konto mit dieser Adresse besteht, ist ein Link zum Zurücksetzen unterwegs.", "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot.html", form=form), 422 if form.is_submitted() else 200


def _set_password_page(token: str, purpose: str, title: str):
    user = tokens.user_for_token(token, purpose)
    if user is None:
        flash("Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.", "error")
        return redirect(url_for("accounts.forgot_password"))
    form = SetPasswordForm()
    identify(user)  # the link names the person: the password change is recorded as theirs

    def save():
        services.set_password(user, form.password.data)
        flash("Ihr Passwort wurde gespeichert. Bitte melden Sie sich an.", "success")
        return redirect(url_for("accounts.login"))

    return form_page(form, "accounts/set_password.html", save, refusal_field="password", title=title, user=user)


@bp.route("/passwort-neu/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    return _set_password_page(token, "reset", "Neues Passwort festlegen")


@bp.route("/einladung/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    return _set_password_page(token, "invite", "Einladung annehmen")


@bp.get("/")
def start():
    """Each person's way in: straight to their only area, or a list when they have several."""
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login"))
    areas = []
    if can(current_user, "state.overview"):
        areas.append(("Übersicht des Landespräventionsrates", url_for("state.overview")))
    if can(current_user, "coaching.home"):
        areas.append(("Meine KPR als ASSKomm-Coach", url_for("coaching.home")))
    memberships = memberships_of(current_user)
    if memberships:
        tenants = {t.id: t for t in db.session.scalars(db.select(Tenant).where(Tenant.id.in_(memberships)))}
        for tenant_id, role in sorted(memberships.items()):
            tenant = tenants[tenant_id]
            areas.append((f"{tenant.council_name} ({role.label})", url_for("public.home", tenant_slug=tenant.slug)))
    if len(areas) == 1:
        return redirect(areas[0][1])
    g.page_title = "Start"
    return render_template("accounts/start.html", areas=areas)
