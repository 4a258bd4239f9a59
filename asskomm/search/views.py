"""The search page /suche/: for signed-in people, each finding only what they may open."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from ..policy import requires
from . import services
from .forms import SearchForm
from .sources import SOURCES

bp = Blueprint("search", __name__, url_prefix="/suche", template_folder="templates")


@bp.get("/")
@requires(None)
def index():
    form = SearchForm(request.args)
    query = (form.q.data or "").strip()
    context = dict(form=form, query=query, kinds=SOURCES)
    if request.args and not form.validate():
        return render_template("search/index.html", results=None, **context), 422
    results = services.find(current_user, query, form.art.data or "", request.args.get("seite", 1, type=int)) \
        if query else None
    return render_template("search/index.html", results=results, **context)
