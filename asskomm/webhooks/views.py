"""The webhook pages: the state council's at /land/webhooks, a KPR's coordinators' at /k/<slug>/webhooks."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Blueprint, flash, g, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from tenants import db

from ..confirm import confirm
from ..forms import back_on_refusal
from ..navigation import tenant_nav_item
from ..policy import requires, tenant_area
from . import services
from .forms import EndpointForm
from .models import WebhookDelivery

bp = Blueprint("webhooks", __name__, url_prefix="/land", template_folder="templates")
tenant_bp = tenant_area("webhooks_tenant", __name__, template_folder="templates")
tenant_nav_item("Webhooks", "webhooks_tenant.index", "webhooks.tenant", 95, group="verwaltung")


def _tenant_id() -> int | None:
    return g.tenant.id if request.blueprint == "webhooks_tenant" else None


def _url(name: str, **kwargs) -> str:
    """A URL of this page's area; the state's pages name the ids as STATE_NAMES says."""
    if request.blueprint != "webhooks_tenant":
        kwargs = {STATE_NAMES.get(k, k): v for k, v in kwargs.items()}
    return url_for(f"{request.blueprint}.{name}", **kwargs)


@bp.context_processor
@tenant_bp.context_processor
def _hook_url() -> dict:
    return {"hook_url": _url}


def index():
    return render_template("webhooks/index.html", endpoints=services.endpoints(_tenant_id()))


def new():
    form = EndpointForm()
    if form.validate_on_submit():
        endpoint = services.create_endpoint(_tenant_id(), form.url.data, form.events.data, current_user)
        response = make_response(render_template("webhooks/created.html", endpoint=endpoint))
        response.headers["Cache-Control"] = "no-store"  # the secret is shown this once
        return response
    return render_template("webhooks/new.html", form=form), 422 if form.is_submitted() else 200


def log(endpoint_id: int):
    endpoint = services.endpoint_or_404(endpoint_id, _tenant_id())
    page = services.delivery_page(endpoint, request.args.get("seite", 1, type=int))
    return render_template("webhooks/log.html", endpoint=endpoint, page=page)


# What ending an endpoint does: (question, its last consequence, button, service, message).
ENDINGS = {
    "deactivate": ("deaktivieren", "Das Protokoll der Zustellungen bleibt erhalten.", "Deaktivieren",
                   services.deactivate, "Der Webhook wurde deaktiviert."),
    "delete": ("löschen", "Das Protokoll seiner Zustellungen wird gelöscht.", "Löschen",
               services.delete, "Der Webhook wurde gelöscht."),
}


def _end(endpoint_id: int, how: str):
    verb, consequence, label, act, message = ENDINGS[how]
    endpoint = services.endpoint_or_404(endpoint_id, _tenant_id())
    question = confirm(f"Webhook an {endpoint.url} {verb}?", [
        "Es werden keine Ereignisse mehr an diese Adresse gesendet.", consequence], label, _url("index"))
    if not question.confirmed:
        return question.page
    act(endpoint)
    flash(message, "success")
    return redirect(_url("index"))


def deactivate(endpoint_id: int):
    return _end(endpoint_id, "deactivate")


def delete(endpoint_id: int):
    return _end(endpoint_id, "delete")


def retry(endpoint_id: int, delivery_id: int):
    endpoint = services.endpoint_or_404(endpoint_id, _tenant_id())
    back = _url("log", endpoint_id=endpoint.id)
    back_on_refusal(back)
    delivery = db.get_or_404(WebhookDelivery, delivery_id)
    if delivery.endpoint_id != endpoint.id:
        return render_template("errors/error.html", title="Nicht gefunden",
                               text="Diese Zustellung gehört nicht zu diesem Webhook."), 404
    services.retry(delivery)
    flash("Die Zustellung wird erneut gesendet.", "success")
    return redirect(back)


ROUTES = [("/webhooks", "index", index, ["GET"]), ("/webhooks/neu", "new", new, ["GET", "POST"]),
          ("/webhooks/<int:endpoint_id>", "log", log, ["GET"]),
          ("/webhooks/<int:endpoint_id>/deaktivieren", "deactivate", deactivate, ["GET", "POST"]),
          ("/webhooks/<int:endpoint_id>/loeschen", "delete", delete, ["GET", "POST"]),
          ("/webhooks/<int:endpoint_id>/zustellungen/<int:delivery_id>/erneut", "retry", retry, ["POST"])]

# The state's pages name their endpoints differently: they are the state council's, not a KPR's object.
STATE_NAMES = {"endpoint_id": "hook_id", "delivery_id": "hook_delivery_id"}


def _foreign_first(view: Callable) -> Callable:
    """A foreign KPR's endpoint is a 404 before any 403 could tell that it exists."""
    @wraps(view)
    def wrapped(**kwargs):
        if "endpoint_id" in kwargs:
            services.endpoint_or_404(kwargs["endpoint_id"], _tenant_id())
        return view(**kwargs)
    return wrapped


def _state_names(view: Callable) -> Callable:
    @wraps(view)
    def wrapped(**kwargs):
        back = {v: k for k, v in STATE_NAMES.items()}
        return view(**{back.get(k, k): v for k, v in kwargs.items()})
    return wrapped


for path, name, view, methods in ROUTES:
    state_path = path
    for old, replacement in STATE_NAMES.items():
        state_path = state_path.replace(f"<int:{old}>", f"<int:{replacement}>")
    bp.add_url_rule(state_path, name, _state_names(requires("webhooks.state")(view)), methods=methods)
    tenant_bp.add_url_rule(path, name, _foreign_first(requires("webhooks.tenant")(view)), methods=methods)
