"""The results page of a survey, its CSV and XLSX export, and the button that carries the headline
figures into the round's Sicherheitsanalyse."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from ....exports import download
from ....forms import back_on_refusal
from ....policy import can, requires
from ...blueprint import bp
from ..models import Survey
from ..surveys import survey_or_404
from . import exports, flow
from .charts import cross_chart, distribution_chart
from .suppression import RULE
from .tables import QuestionResult, build
from .tally import tally, texts

BASE = "/praevention/befragungen/<int:survey_id>"


@bp.get(f"{BASE}/ergebnisse")
@requires("survey.read", load=lambda survey_id: survey_or_404(survey_id))
def survey_results(obj: Survey):
    counted = tally(obj)
    results = build(counted)
    charts = {}
    for result in results.questions:
        if isinstance(result, QuestionResult):
            key = f"frage-{result.question.id}"
            charts[key] = distribution_chart(f"{key}-diagramm", result)
            for table in result.breakdowns:
                name = f"{key}-{table.demographic}"
                charts[name] = cross_chart(f"{name}-diagramm", result, table)
    coordinator = can(current_user, "prevention.edit", g.tenant)
    return render_template(
        "prevention/survey/results/results.html", survey=obj, results=results, charts=charts, rule=RULE,
        answers=texts(obj, counted.questions) if coordinator else None,
        may_apply=can(current_user, "survey.manage", obj) and obj.cycle.closed_on is None and obj.status != "draft")


@bp.get(f"{BASE}/ergebnisse.<any(csv, xlsx):fmt>")
@requires("survey.read", load=lambda survey_id, fmt: survey_or_404(survey_id))
def survey_results_export(obj: Survey):
    fmt = request.view_args["fmt"]
    results = build(tally(obj))
    content = exports.as_csv(obj, results) if fmt == "csv" else exports.as_xlsx(obj, results)
    return download(content, exports.filename(obj, fmt))


@bp.post(f"{BASE}/in-analysis-uebernehmen")
@requires("survey.manage", load=lambda survey_id: survey_or_404(survey_id))
def survey_apply(obj: Survey):
    back_on_refusal(url_for(".survey_results", survey_id=obj.id))
    flow.apply_on_request(obj)
    flash(f"Die Ergebnisse stehen jetzt in der Sicherheitsanalyse der {obj.cycle.number}. Runde.", "success")
    if can(current_user, "cycle.read_analysis", obj.cycle):
        return redirect(url_for(".cycle", cycle_id=obj.cycle.id, _anchor="subjektiv"))
    return redirect(url_for(".survey_results", survey_id=obj.id))
