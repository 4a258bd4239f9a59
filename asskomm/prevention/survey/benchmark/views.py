"""The benchmark's pages: the KPR's figures beside the alliance's (`prevention.survey_benchmark`) and
the state council's overview with one item's KPR figures (`prevention_land.survey_benchmark`), which
can start a run of the worker. Both read only the snapshot `workers.compute_survey_benchmark` writes."""

from __future__ import annotations

from flask import Blueprint, g, render_template, request
from flask_login import current_user
from wtforms import Form, SearchField
from wtforms.validators import Length, Optional

from ....forms import ListField
from ....jobs import add_job_routes
from ....policy import can, requires
from ....snapshots.models import latest_run
from ...blueprint import bp, land_bp
from ..bank import BY_KEY, NIGHT, STANDARD
from . import land, reading
from .compute import JOB

TASK = "workers.compute_survey_benchmark"
# "Jetzt neu berechnen" and its progress under /land/befragungen/ (asskomm/jobs.py), nested in the
# state council's blueprint so that no other module has to register it.
run_bp = Blueprint("survey_benchmark_run", __name__, url_prefix="/befragungen")
add_job_routes(run_bp, TASK, "prevention.benchmark", "prevention_land.survey_benchmark", per_alliance=True)
land_bp.register_blueprint(run_bp)


class ItemChoiceForm(Form):
    """Which item's KPR figures the state page lists, and a part of the KPR's name (GET)."""

    frage = ListField("Frage", choices=[(item.key, item.headline_label) for item in STANDARD],
                           default=NIGHT.key)
    name = SearchField("KPR (Teil des Namens)",
                       validators=[Optional(), Length(max=160, message="Bitte höchstens 160 Zeichen.")])


@bp.get("/praevention/befragung/vergleich", endpoint="survey_benchmark")
@requires("prevention.view")
def kpr_benchmark():
    view = reading.kpr_benchmark(g.tenant)
    may_manage = view.survey is not None and can(current_user, "survey.manage", view.survey)
    return render_template("prevention/survey/benchmark/kpr.html", view=view, run=latest_run(JOB),
                           may_manage=may_manage)


@land_bp.get("/befragungen", endpoint="survey_benchmark")
@requires("prevention.benchmark")
def land_benchmark():
    form = ItemChoiceForm(request.args)
    form.validate()
    item = BY_KEY[form.frage.data] if not form.frage.errors and form.frage.data in BY_KEY else NIGHT
    name = "" if form.name.errors else (form.name.data or "").strip()
    page = land.kpr_page(item.key, name, request.args.get("seite", 1, type=int))
    args = {key: value for key, value in (("frage", item.key), ("name", name)) if value}
    columns = land.columns()
    return render_template("prevention/survey/benchmark/land.html", form=form, item=item, page=page, args=args,
                           summary=land.summary_rows(columns), groups=columns, participating=land.participating(),
                           run=latest_run(JOB), task_id=request.args.get("lauf")), 422 if form.errors else 200
