"""The pages of a round's Präventionsstrategie: the strategy with its action fields, goals and measures;
the forms for action fields, goals and the adoption; a goal's page with its values over time."""

from __future__ import annotations

from decimal import Decimal

from flask import flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from tenants import db

from ...confirm import confirm
from ...forms import back_on_refusal, form_page
from ...policy import can, requires
from ...timeutil import today
from ..blueprint import bp
from ..cycles import cycle_or_404
from ..models import ActionField, Goal, PreventionCycle
from . import adoption, services
from .chart import line_chart
from .forms import ActionFieldForm, GoalForm, MeasurementForm, StrategyForm
from .indicators import choice_of, goal_indicator_label, goal_indicator_unit, indicator_choices, show_value
from .reads import goal_view, load_goal, strategy_view


@bp.app_template_global()
def goal_number(goal: Goal, value: Decimal | None) -> str:
    """A value of a goal's indicator, with the decimal places its kind has (1.234 · 12,5)."""
    return show_value(goal.indicator_kind, value)


@bp.app_template_global()
def goal_indicator(goal: Goal) -> str:
    return goal_indicator_label(goal)


@bp.app_template_global()
def goal_unit(goal: Goal) -> str:
    return goal_indicator_unit(goal)


def _strategy_url(cycle: PreventionCycle, anchor: str | None = None) -> str:
    return url_for("prevention.strategy", cycle_id=cycle.id, _anchor=anchor)


# --- the strategy ---------------------------------------------------------------------------------


@bp.get("/praevention/runden/<int:cycle_id>/strategie")
@requires("cycle.read_strategy", load=cycle_or_404)
def strategy(obj: PreventionCycle):
    return render_template("prevention/strategy/strategy.html", cycle=obj, view=strategy_view(obj),
                           editor=can(current_user, "cycle.edit", obj),
                           reads_meetings=can(current_user, "meetings.view", g.tenant))


@bp.route("/praevention/runden/<int:cycle_id>/strategie/beschluss", methods=["GET", "POST"])
@requires("cycle.edit", load=cycle_or_404)
def strategy_adopt(obj: PreventionCycle):
    cycle = obj
    form = StrategyForm(data=None if request.method == "POST" else {
        "summary": cycle.strategy_summary, "body_id": cycle.strategy_body_id or 0,
        "decision_id": cycle.strategy_decision_id or 0, "shared": cycle.strategy_shared})
    choices = adoption.decision_choices()
    form.set_choices(adoption.bodies(), choices)

    def save():
        adoption.save_strategy(cycle, adoption.AdoptionInput(form.summary.data or "", form.body_id.data or None,
                                                             form.decision_id.data or None, form.shared.data))
        flash("Die Strategie wurde gespeichert." if not cycle.strategy_adopted_on else
              "Die Strategie wurde gespeichert; der Beschluss ist vermerkt.", "success")
        return redirect(_strategy_url(cycle))

    return form_page(form, "prevention/strategy/adopt.html", save, cycle=cycle, has_decisions=bool(choices))


# --- action fields --------------------------------------------------------------------------------


def _field_form_page(cycle: PreventionCycle, field: ActionField | None):
    initial = None
    if field is not None and request.method == "GET":
        initial = {"title": field.title, "description": field.description, "position": field.position,
                   "problems": [p.id for p in field.problems], "working_group_id": field.working_group_id or 0}
    form = ActionFieldForm(data=initial)
    form.set_choices(cycle.problems, services.working_groups())

    def save():
        saved = services.save_action_field(cycle, field, services.FieldInput(
            form.title.data, form.description.data or "", tuple(form.problems.data or ()),
            form.working_group_id.data or None, form.position.data))
        flash(f"Das Handlungsfeld „{saved.title}“ wurde gespeichert.", "success")
        return redirect(_strategy_url(cycle, f"handlungsfeld-{saved.id}"))

    return form_page(form, "prevention/strategy/field_form.html", save, cycle=cycle, action_field=field)


@bp.route("/praevention/runden/<int:cycle_id>/handlungsfelder/neu", methods=["GET", "POST"])
@requires("cycle.edit", load=cycle_or_404)
def action_field_new(obj: PreventionCycle):
    return _field_form_page(obj, None)


def _load_field(field_id: int) -> ActionField:
    return db.get_or_404(ActionField, field_id)


@bp.route("/praevention/handlungsfelder/<int:field_id>/bearbeiten", methods=["GET", "POST"])
@requires("action_field.edit", load=_load_field)
def action_field_edit(obj: ActionField):
    return _field_form_page(obj.cycle, obj)


# --- goals ----------------------------------------------------------------------------------------


def _goal_form_page(field: ActionField, goal: Goal | None):
    if goal is not None and request.method == "GET":
        initial = {"title": goal.title, "indicator": choice_of(goal.indicator_kind, goal.offence_key, goal.series_id),
                   "baseline_year": goal.baseline_year, "baseline_value": goal.baseline_value,
                   "target_value": goal.target_value, "target_year": goal.target_year}
    elif request.method == "GET":
        initial = {"baseline_year": min(field.cycle.last_year, today().year)}
    else:
        initial = None
    form = GoalForm(data=initial)
    form.indicator.choices = indicator_choices(services.series_of_kpr())

    def save():
        saved = services.save_goal(field, goal, services.GoalInput(
            form.title.data, form.indicator.data, form.baseline_year.data, form.baseline_value.data,
            form.target_value.data, form.target_year.data))
        flash(f"Das Ziel „{saved.title}“ wurde gespeichert (Ausgangswert {goal_number(saved, saved.baseline_value)}"
              f" im Jahr {saved.baseline_year}).", "success")
        return redirect(url_for("prevention.goal", goal_id=saved.id))

    return form_page(form, "prevention/strategy/goal_form.html", save, action_field=field, goal=goal)


@bp.route("/praevention/handlungsfelder/<int:field_id>/ziele/neu", methods=["GET", "POST"])
@requires("action_field.edit", load=_load_field)
def goal_new(obj: ActionField):
    return _goal_form_page(obj, None)


def _goal_page(goal: Goal, form: MeasurementForm | None = None):
    view = goal_view(goal)
    return dict(goal=goal, view=view, chart=line_chart(goal, view.progress),
                cycle=goal.action_field.cycle, editor=can(current_user, "goal.edit", goal),
                measurement_form=form or MeasurementForm(formdata=None))


@bp.get("/praevention/ziele/<int:goal_id>")
@requires("goal.read", load=load_goal)
def goal(obj: Goal):
    return render_template("prevention/strategy/goal.html", **_goal_page(obj))


@bp.route("/praevention/ziele/<int:goal_id>/bearbeiten", methods=["GET", "POST"])
@requires("goal.edit", load=load_goal)
def goal_edit(obj: Goal):
    return _goal_form_page(obj.action_field, obj)


@bp.post("/praevention/ziele/<int:goal_id>/messwerte")
@requires("goal.edit", load=load_goal)
def goal_measurement(obj: Goal):
    form = MeasurementForm()
    context = _goal_page(obj, form)

    def save():
        corrected = services.record_measurement(obj, form.year.data, form.value.data, form.source.data or "")
        flash(f"Der Messwert für {form.year.data} wurde {'berichtigt' if corrected else 'eingetragen'}.", "success")
        return redirect(url_for("prevention.goal", goal_id=obj.id, _anchor="werte"))

    return form_page(form, "prevention/strategy/goal.html", save, **context)


# --- removing (registered last: the isolation matrix posts to the routes in this order, and a removed
# object would leave the routes after it without one) ------------------------------------------------


@bp.route("/praevention/handlungsfelder/<int:field_id>/loeschen", methods=["GET", "POST"])
@requires("action_field.edit", load=_load_field)
def action_field_delete(obj: ActionField):
    cycle, back = obj.cycle, _strategy_url(obj.cycle, f"handlungsfeld-{obj.id}")
    count = services.measures_in(obj)
    consequences = [f"Das Handlungsfeld „{obj.title}“ wird aus der Strategie entfernt."]
    if obj.goals:
        consequences.append(f"Mit ihm werden seine {len(obj.goals)} Ziele und deren eingetragene Messwerte gelöscht.")
    if count:
        consequences.append(f"Im Handlungsfeld {'ist' if count == 1 else 'sind'} noch {count} "
                            f"{'Maßnahme' if count == 1 else 'Maßnahmen'}: Es lässt sich erst entfernen, wenn "
                            "sie einem anderen Handlungsfeld zugeordnet oder gelöscht sind.")
    question = confirm(f"Handlungsfeld „{obj.title}“ entfernen?", consequences, "Handlungsfeld entfernen", back)
    if not question.confirmed:
        return question.page
    back_on_refusal(back)
    title = obj.title
    services.remove_action_field(obj)
    flash(f"Das Handlungsfeld „{title}“ wurde entfernt.", "success")
    return redirect(_strategy_url(cycle, "handlungsfelder"))


@bp.route("/praevention/ziele/<int:goal_id>/loeschen", methods=["GET", "POST"])
@requires("goal.edit", load=load_goal)
def goal_delete(obj: Goal):
    cycle, back = obj.action_field.cycle, url_for("prevention.goal", goal_id=obj.id)
    serving = len(goal_view(obj).measures)
    consequences = [f"Das Ziel „{obj.title}“ wird aus dem Handlungsfeld „{obj.action_field.title}“ entfernt.",
                    "Seine eingetragenen Messwerte werden gelöscht."]
    if serving:
        consequences.append(f"{serving} {'Maßnahme dient' if serving == 1 else 'Maßnahmen dienen'} diesem Ziel; "
                            "sie bleiben bestehen, ohne Ziel.")
    question = confirm(f"Ziel „{obj.title}“ entfernen?", consequences, "Ziel entfernen", back)
    if not question.confirmed:
        return question.page
    back_on_refusal(back)
    field_id, title = obj.action_field_id, obj.title
    services.remove_goal(obj)
    flash(f"Das Ziel „{title}“ wurde entfernt.", "success")
    return redirect(_strategy_url(cycle, f"handlungsfeld-{field_id}"))
