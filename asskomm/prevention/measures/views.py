"""The measures of a round: the list, the measure's page, its form, its Beccaria worksheet (one
step per page) and its evaluation. Coordinators edit an open round's measures; members and the
assigned coach read them; the state council reads them once the round's strategy is shared."""

from __future__ import annotations

from decimal import Decimal

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from ...confirm import confirm
from ...forms import form_page
from ...policy import can, requires
from ..blueprint import bp
from ..cycles import current_cycle
from ..models import Measure, MeasureStatus
from ..reference import EVIDENCE_LEVELS, GREEN_LIST_CHECKED, PROGRAMMES, STEPS
from ..strategy.indicators import PLACES, goal_indicator_label, goal_indicator_unit, offence_name
from ..strategy.progress import goal_progress
from . import services, worksheet
from .forms import EvaluationForm, MeasureFilterForm, MeasureForm, step_form

MEASURE_FIELDS = ("action_field_id", "goal_id", "title", "description", "working_group_id", "responsible_id",
                  "partners", "starts_on", "ends_on", "status", "budget", "funding_ids", "programme_key",
                  "target_group", "setting", "shareable",
                  "shared_beyond_alliance")


def _load(measure_id: int) -> Measure:
    return services.measure_with_details(measure_id) or abort(404)


def _figure(value: Decimal | None, goal) -> str:
    """A goal's value with the decimal places of its indicator, the German way (1.234,5)."""
    if value is None:
        return "–"
    places = PLACES.get(goal.indicator_kind, 2)
    text = f"{Decimal(value):,.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


# --- the list ------------------------------------------------------------------------------------

@bp.get("/praevention/massnahmen")
@requires("prevention.stage")
def measures():
    rounds = services.rounds()
    readable = [c for c in rounds if can(current_user, "cycle.read_strategy", c)]
    form = MeasureFilterForm(request.args)
    if "runde" not in request.args:
        form.runde.data = rounds[0].id if rounds else None  # the current round
    cycle = next((c for c in readable if c.id == form.runde.data), None)
    fields = services.action_fields(cycle) if cycle is not None else []
    form.set_choices(readable, fields)
    context = dict(form=form, cycle=cycle, rounds=rounds, readable=readable, fields=fields,
                   may_add=bool(rounds) and can(current_user, "cycle.edit", rounds[0]), step_count=worksheet.STEP_COUNT)
    if request.args and not form.validate():
        return render_template("prevention/measures/index.html", measures=[], done={}, **context), 422
    found = []
    if cycle is not None:
        found = services.measures_of(cycle, MeasureStatus(form.status.data) if form.status.data else None,
                                     form.feld.data or None)
    return render_template("prevention/measures/index.html", measures=found,
                           done=worksheet.steps_done(m.id for m in found), **context)


# --- the form ------------------------------------------------------------------------------------

def _initial(measure: Measure) -> dict:
    data = {name: getattr(measure, name) for name in MEASURE_FIELDS if name != "funding_ids"}
    data.update(goal_id=measure.goal_id or 0, working_group_id=measure.working_group_id or 0,
                responsible_id=measure.responsible_id or 0, status=measure.status.value,
                funding_ids=[f.id for f in measure.funding],
                target_group=measure.target_group.value if measure.target_group else "",
                setting=measure.setting.value if measure.setting else "")
    return data


def _form_page(cycle, measure: Measure | None, form: MeasureForm, fields):
    form.set_choices(fields, services.working_groups(), services.people(), services.funding_entries())

    def save():
        values = {name: form[name].data for name in MEASURE_FIELDS}
        values["funding_ids"] = [i for i in values["funding_ids"] or [] if i is not None]
        saved = services.save_measure(cycle, measure, services.MeasureInput(**values))
        flash(f"Die Maßnahme „{saved.title}“ wurde gespeichert.", "success")
        return redirect(url_for(".measure", measure_id=saved.id))

    return form_page(form, "prevention/measures/form.html", save, measure=measure, cycle=cycle,
                     green_list_checked=GREEN_LIST_CHECKED)


@bp.route("/praevention/massnahmen/neu", methods=["GET", "POST"])
@requires("prevention.edit")
def measure_new():
    cycle = current_cycle()
    fields = services.action_fields(cycle) if cycle is not None and cycle.closed_on is None else []
    if not fields:  # no round, a closed one, or a strategy without action fields yet
        return render_template("prevention/measures/not_ready.html", cycle=cycle), \
            422 if request.method == "POST" else 200
    form = MeasureForm()
    if not form.is_submitted():
        form.action_field_id.data = request.args.get("feld", 0, type=int)
    return _form_page(cycle, None, form, fields)


@bp.route("/praevention/massnahmen/<int:measure_id>/bearbeiten", methods=["GET", "POST"])
@requires("measure.edit", load=_load)
def measure_edit(obj: Measure):
    form = MeasureForm(data=None if request.method == "POST" else _initial(obj))
    return _form_page(obj.cycle, obj, form, services.action_fields(obj.cycle))


@bp.route("/praevention/massnahmen/<int:measure_id>/loeschen", methods=["GET", "POST"])
@requires("measure.edit", load=_load)
def measure_delete(obj: Measure):
    question = confirm(f"Maßnahme „{obj.title}“ löschen?", [
        "Die Maßnahme wird mit den Antworten ihrer Beccaria-Schritte und ihrer Evaluation gelöscht.",
        "Kommentare zur Maßnahme werden mit gelöscht.",
        "Verknüpfte Förderungen bleiben erhalten; nur ihre Verknüpfung mit der Maßnahme entfällt.",
        "Die Löschung steht mit Ihrer Begründung im Änderungsprotokoll."],
        "Endgültig löschen", url_for(".measure", measure_id=obj.id))
    if not question.confirmed:
        return question.page
    title, cycle_id = obj.title, obj.cycle_id
    services.delete_measure(obj)
    flash(f"Die Maßnahme „{title}“ wurde gelöscht.", "success")
    return redirect(url_for(".measures", runde=cycle_id))


# --- the measure's page --------------------------------------------------------------------------

@bp.get("/praevention/massnahmen/<int:measure_id>")
@requires("measure.read", load=_load)
def measure(obj: Measure):
    goal = obj.goal
    progress = goal_progress([goal])[goal.id] if goal is not None else None
    return render_template(
        "prevention/measures/detail.html", measure=obj, goal=goal, progress=progress, figure=_figure,
        indicator=goal_indicator_label(goal) if goal else "", unit=goal_indicator_unit(goal) if goal else "",
        steps=worksheet.states(obj), step_count=worksheet.STEP_COUNT, programme=PROGRAMMES.get(obj.programme_key),
        evidence_levels=EVIDENCE_LEVELS, green_list_checked=GREEN_LIST_CHECKED,
        may_edit=can(current_user, "measure.edit", obj), sees_funding=can(current_user, "funding.view", g.tenant),
        offence_name=offence_name)


# --- the Beccaria worksheet ----------------------------------------------------------------------

@bp.route("/praevention/massnahmen/<int:measure_id>/schritte/<int:step>", methods=["GET", "POST"])
@requires("measure.read", load=lambda measure_id, step: _load(measure_id))
def worksheet_step(obj: Measure):
    step = STEPS.get(request.view_args["step"]) or abort(404)
    may_edit = can(current_user, "measure.edit", obj)
    if request.method == "POST" and not may_edit:
        abort(403)  # the measure is readable; its worksheet is not theirs to change (or the round is closed)
    row = worksheet.row_of(obj, step.number)
    form = step_form(step, dict(row.answers) if row else {}, bool(row and row.completed))

    def save():
        worksheet.save_step(obj, step, {q.key: form[q.key].data for q in step.questions}, form.completed.data)
        flash(f"Schritt {step.number} „{step.title}“ wurde gespeichert.", "success")
        go = request.form.get("weiter")
        if go == "next" and step.number == worksheet.STEP_COUNT:  # after the last step: back to the measure
            return redirect(url_for(".measure", measure_id=obj.id))
        target = {"next": step.number + 1, "previous": max(1, step.number - 1)}.get(go, step.number)
        return redirect(url_for(".worksheet_step", measure_id=obj.id, step=target))

    return form_page(form, "prevention/measures/step.html", save, measure=obj, step=step, row=row,
                     steps=worksheet.states(obj), step_count=worksheet.STEP_COUNT, may_edit=may_edit)


# --- the evaluation ------------------------------------------------------------------------------

@bp.route("/praevention/massnahmen/<int:measure_id>/evaluation", methods=["GET", "POST"])
@requires("measure.edit", load=_load)
def measure_evaluation(obj: Measure):
    form = EvaluationForm(data=None if request.method == "POST" else {
        "done": obj.evaluation_done, "reached": obj.evaluation_reached, "learned": obj.evaluation_learned,
        "evaluated_on": obj.evaluated_on})

    def save():
        services.evaluate(obj, services.EvaluationInput(form.done.data, form.reached.data, form.learned.data,
                                                        form.evaluated_on.data))
        flash(f"Die Evaluation der Maßnahme „{obj.title}“ wurde gespeichert.", "success")
        return redirect(url_for(".measure", measure_id=obj.id) + "#evaluation")

    return form_page(form, "prevention/measures/evaluation.html", save, measure=obj)

