"""The rounds of the cycle and their Sicherheitsanalyse: start a round, its page, its master data,
its results, closing it. The problems and the inventory are in inventory_views."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from ...confirm import confirm
from ...forms import back_on_refusal, form_page
from ...policy import can, requires
from ...timeutil import format_date, today
from ..blueprint import bp
from ..cycles import cycle_or_404
from ..models import PreventionCycle
from ..statistics.services import crime_table, default_years, figure_years
from ..survey.surveys import surveys_of_cycle
from . import inventory, services
from . import inventory_views as _inventory_views  # noqa: F401  registers the problem and offer pages
from .forms import CycleForm, ResultsForm, form_data
from .reading import indicator_table, report_documents, round_links, survey_figures

CYCLE_FIELDS = ("analysis_started_on", "conducted_by", "contractor", "first_year", "last_year")
RESULT_FIELDS = ("survey_year", "survey_sample", "survey_responses", "survey_unsafe_share", "survey_problems",
                 "findings", "recommendations", "report_document_id", "public_summary", "summary_published",
                 "analysis_shared", "analysis_finished_on")


@bp.route("/praevention/runden/neu", methods=["GET", "POST"])
@requires("prevention.edit")
def cycle_new():
    first, last = default_years(figure_years(), today().year)
    form = CycleForm(data={"analysis_started_on": today(), "first_year": first, "last_year": last})

    def save():
        cycle = services.start_cycle(form_data(form, CYCLE_FIELDS))
        flash(f"Die {cycle.number}. Runde hat begonnen: zuerst die Sicherheitsanalyse.", "success")
        return redirect(url_for(".cycle", cycle_id=cycle.id))

    return form_page(form, "prevention/analysis/cycle_form.html", save, cycle=None, current=services.open_cycle())


@bp.route("/praevention/runden/<int:cycle_id>/bearbeiten", methods=["GET", "POST"])
@requires("cycle.edit", load=cycle_or_404)
def cycle_edit(obj: PreventionCycle):
    form = CycleForm(obj=obj)
    if not form.is_submitted():
        form.conducted_by.data = obj.conducted_by.value

    def save():
        services.update_cycle(obj, form_data(form, CYCLE_FIELDS))
        flash(f"Die Angaben zur {obj.number}. Runde wurden gespeichert.", "success")
        return redirect(url_for(".cycle", cycle_id=obj.id))

    return form_page(form, "prevention/analysis/cycle_form.html", save, cycle=obj, current=None)


@bp.get("/praevention/runden/<int:cycle_id>")
@requires("cycle.read_analysis", load=cycle_or_404)
def cycle(obj: PreventionCycle):
    ranked, offers = inventory.problems(obj), inventory.offers(obj)
    previous, following = services.neighbours(obj)
    report = obj.report_document
    return render_template(
        "prevention/analysis/cycle.html", cycle=obj, previous=previous, following=following,
        table=crime_table(obj.first_year, obj.last_year, g.tenant.federal_state), indicators=indicator_table(obj),
        survey=survey_figures(obj), surveys=surveys_of_cycle(obj.id),
        problems=ranked, offers=offers, analysis=inventory.gap_analysis(ranked, offers), report=report,
        report_readable=report is not None and can(current_user, "documents.view", g.tenant),
        may_edit=can(current_user, "cycle.edit", obj), links=round_links(obj))


@bp.route("/praevention/runden/<int:cycle_id>/ergebnisse", methods=["GET", "POST"])
@requires("cycle.edit", load=cycle_or_404)
def analysis_results(obj: PreventionCycle):
    form = ResultsForm(obj=obj)
    form.report_document_id.choices = [(None, "– kein Dokument –")] + [(d.id, d.title) for d in report_documents()]

    def save():
        services.save_results(obj, form_data(form, RESULT_FIELDS))
        flash(f"Die Ergebnisse der Sicherheitsanalyse ({obj.number}. Runde) wurden gespeichert.", "success")
        return redirect(url_for(".cycle", cycle_id=obj.id))

    return form_page(form, "prevention/analysis/results_form.html", save, cycle=obj)


@bp.route("/praevention/runden/<int:cycle_id>/abschliessen", methods=["GET", "POST"])
@requires("cycle.edit", load=cycle_or_404)
def cycle_close(obj: PreventionCycle):
    back = url_for(".cycle", cycle_id=obj.id)
    back_on_refusal(back)
    if obj.analysis_finished_on is None:
        # The service refuses it; asked by GET, the page says why instead of asking.
        if request.method == "GET":
            return render_template("prevention/analysis/not_closable.html", cycle=obj, reason=services.NOT_FINISHED)
    else:
        question = confirm(f"{obj.number}. Runde abschließen?", _close_consequences(obj), "Runde abschließen", back)
        if not question.confirmed:
            return question.page
    following = services.close_cycle(obj)
    flash(f"Die {obj.number}. Runde ist abgeschlossen. Die {following.number}. Runde beginnt mit der "
          "Sicherheitsanalyse.", "success")
    return redirect(url_for(".cycle", cycle_id=following.id))


def _close_consequences(cycle: PreventionCycle) -> list[str]:
    plan = services.next_round(cycle)
    if not plan.offers:
        offers = "Die Bestandsaufnahme ist leer; die neue Runde beginnt ohne Angebote."
    else:
        offers = ("Das Angebot der Bestandsaufnahme wird" if plan.offers == 1 else
                  f"Die {plan.offers} Angebote der Bestandsaufnahme werden") + \
            " in die neue Runde übernommen, ohne Zuordnung zu Problemen: die neue Analyse benennt sie neu."
    return [
        f"Die {cycle.number}. Runde wird schreibgeschützt: Sicherheitsanalyse, Probleme, Bestandsaufnahme, Strategie "
        "und Maßnahmen dieser Runde lassen sich danach nur noch lesen.",
        f"Die {plan.number}. Runde beginnt heute ({format_date(today())}) mit der Sicherheitsanalyse für die Jahre "
        f"{plan.first_year}–{plan.last_year} (änderbar).",
        offers,
        "Der Abschluss steht mit Ihrer Begründung im Änderungsprotokoll."]
