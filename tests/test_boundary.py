"""One transaction boundary per request and per task: the request commits once when its view
returns and rolls back on any error; a service's DomainError is answered with its German message
and 422 (a form page again, or a flash on the page a button sits on), never a 500."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Blueprint, flash, url_for
from flask_wtf import FlaskForm
from jinja2 import ChoiceLoader, DictLoader
from wtforms import StringField

from asskomm.errors import DomainError
from asskomm.forms import back_on_refusal, form_page
from tenants import Tenant, db

from .helpers import tenant


def _rename(name: str) -> None:
    db.session.scalar(sa.select(Tenant).filter_by(slug="zittau")).name = name
    db.session.flush()


class NameForm(FlaskForm):
    name = StringField("Name")


def _probe_routes() -> Blueprint:
    """Views that change a row and then return, refuse, or fail."""
    bp = Blueprint("probe", __name__, url_prefix="/__probe__")

    @bp.post("/ok")
    def ok():
        _rename("Zittau (geändert)")
        return "ok"

    @bp.post("/fehler")
    def failure():
        _rename("Zittau (halb geändert)")
        raise RuntimeError("mitten im Speichern")

    @bp.post("/abgelehnt")
    def refused_without_declaration():
        _rename("Zittau (abgelehnt)")
        raise DomainError("Das geht so nicht.")

    @bp.post("/knopf")
    def button():
        back_on_refusal(url_for(".page"))
        _rename("Zittau (Knopf)")
        raise DomainError("Der Knopf wurde abgelehnt.")

    @bp.route("/formular", methods=["GET", "POST"])
    def form():
        form = NameForm()

        def save():
            _rename(form.name.data)
            raise DomainError("Dieser Name ist nicht erlaubt.", "name")

        return form_page(form, "probe.html", save)

    @bp.get("/seite")
    def page():
        flash("Seite")
        return "Seite"

    return bp


@pytest.fixture
def probe(app, other_app):  # app: the migrated database with the demo data
    app = other_app()
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a failing view answers 500, as in production
    app.register_blueprint(_probe_routes())
    app.jinja_loader = ChoiceLoader([DictLoader({"probe.html": "{{ form.name.errors|join }}"}), app.jinja_loader])
    client = app.test_client()
    with app.app_context():
        original = tenant("zittau").name
    yield app, client
    with app.app_context():
        tenant("zittau").name = original
        db.session.commit()


def _zittau_name(app) -> str:
    with app.app_context():
        return tenant("zittau").name


def test_a_view_that_returns_is_committed_once_without_committing_itself(probe):
    app, client = probe
    assert client.post("/__probe__/ok").status_code == 200
    assert _zittau_name(app) == "Zittau (geändert)"


def test_an_error_after_a_flush_rolls_the_whole_request_back(probe):
    app, client = probe
    before = _zittau_name(app)
    assert client.post("/__probe__/fehler").status_code == 500
    assert _zittau_name(app) == before


def test_a_domain_error_anywhere_is_a_422_with_the_german_message_not_a_500(probe):
    app, client = probe
    before = _zittau_name(app)
    response = client.post("/__probe__/abgelehnt")
    assert response.status_code == 422
    assert "Das geht so nicht." in response.get_data(as_text=True)
    assert _zittau_name(app) == before


def test_a_refused_button_flashes_on_its_page_and_changes_nothing(probe):
    app, client = probe
    before = _zittau_name(app)
    response = client.post("/__probe__/knopf")
    assert response.status_code == 302 and response.headers["Location"].endswith("/__probe__/seite")
    with client.session_transaction() as session:
        assert ("error", "Der Knopf wurde abgelehnt.") in session["_flashes"]
    assert _zittau_name(app) == before


def test_a_refused_form_shows_the_message_at_its_field_with_422(probe):
    app, client = probe
    before = _zittau_name(app)
    response = client.post("/__probe__/formular", data={"name": "Zittau (Formular)"})
    assert response.status_code == 422
    assert response.get_data(as_text=True) == "Dieser Name ist nicht erlaubt."
    assert _zittau_name(app) == before


def test_a_real_service_refusal_shows_the_form_again(client_as, ctx):
    """The state council creates a KPR with a short name that is taken: the service refuses."""
    response = client_as("land").submit("/land/kpr/neu", {
        "slug": "zwickau", "name": "Doppelt", "kind": "city", "ags": "14524999", "district": "14524",
        "status": "contacted"}, page="/land/kpr/neu")
    assert response.status_code == 422
    assert "Der Kurzname „zwickau“ ist bereits vergeben." in response.get_data(as_text=True)
    with ctx():
        assert tenant("zwickau").name != "Doppelt"
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Tenant).filter_by(ags="14524999")) == 0


def test_a_task_commits_once_at_its_end_or_not_at_all(probe):
    app, _ = probe
    celery_app = app.extensions["celery"]

    @celery_app.task(name="probe.rename", cross_tenant=True, shared=False)
    def rename(name: str, fail: bool) -> None:
        _rename(name)
        if fail:
            raise RuntimeError("mitten in der Aufgabe")

    before = _zittau_name(app)
    assert rename.apply(args=["Zittau (Aufgabe halb)", True]).failed()
    assert _zittau_name(app) == before
    assert rename.apply(args=["Zittau (Aufgabe)", False]).successful()
    assert _zittau_name(app) == "Zittau (Aufgabe)"
