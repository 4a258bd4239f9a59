"""The problems of a round and the inventory of its offers (Bedarfs- und Ressourcenanalyse)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from tenants import db

from ...confirm import confirm
from ...forms import form_page
from ...policy import can, requires
from ..blueprint import bp
from ..cycles import cycle_or_404
from ..models import PreventionCycle, PreventionOffer, Problem
from ..reference import OFFENCES
from . import inventory
from .forms import OfferForm, ProblemForm, form_data


@dataclass(frozen=True)
class _Entries:
    """Problems and offers are entered, changed and removed alike."""

    name: str  # "Problem"
    list_endpoint: str
    template: str
    fields: tuple[str, ...]
    save: Callable
    delete: Callable


PROBLEMS = _Entries("Problem", ".problems", "prevention/analysis/problem_form.html",
                    ("title", "description", "priority", "offence_key", "series_id", "from_survey"),
                    inventory.save_problem, inventory.delete_problem)
OFFERS = _Entries("Angebot", ".offers", "prevention/analysis/offer_form.html",
                  ("title", "provider", "topic", "target_group", "setting", "area", "reach", "funding", "contact",
                   "problem_ids"), inventory.save_offer, inventory.delete_offer)


def _entry_page(kind: _Entries, cycle: PreventionCycle, entry, form):
    def save():
        saved = kind.save(cycle, entry, form_data(form, kind.fields))
        flash(f"{kind.name} „{saved.title}“ wurde gespeichert.", "success")
        return redirect(url_for(kind.list_endpoint, cycle_id=cycle.id))

    return form_page(form, kind.template, save, cycle=cycle, entry=entry)


def _remove(kind: _Entries, entry, consequences: list[str]):
    back = url_for(kind.list_endpoint, cycle_id=entry.cycle_id)
    question = confirm(f"{kind.name} „{entry.title}“ entfernen?",
                       [*consequences, "Das Entfernen steht mit Ihrer Begründung im Änderungsprotokoll."],
                       f"{kind.name} entfernen", back)
    if not question.confirmed:
        return question.page
    title = entry.title
    kind.delete(entry)
    flash(f"{kind.name} „{title}“ wurde entfernt.", "success")
    return redirect(back)


def _problem(problem_id: int) -> Problem:
    return db.get_or_404(Problem, problem_id)


def _offer(offer_id: int) -> PreventionOffer:
    return db.get_or_404(PreventionOffer, offer_id)


# -- problems --------------------------------------------------------------------------------------------------------

@bp.get("/praevention/runden/<int:cycle_id>/probleme")
@requires("cycle.read_analysis", load=cycle_or_404)
def problems(obj: PreventionCycle):
    return render_template("prevention/analysis/problems.html", cycle=obj, problems=inventory.problems(obj),
                           offences=OFFENCES, may_edit=can(current_user, "cycle.edit", obj))


def _problem_page(cycle: PreventionCycle, problem: Problem | None, form: ProblemForm):
    form.series_id.choices = [(None, "– keine Kennzahl –")] + [(s.id, s.name) for s in inventory.series_choices()]
    return _entry_page(PROBLEMS, cycle, problem, form)


@bp.route("/praevention/runden/<int:cycle_id>/probleme/neu", methods=["GET", "POST"])
@requires("cycle.edit", load=cycle_or_404)
def problem_new(obj: PreventionCycle):
    lowest = db.session.scalar(sa.select(sa.func.max(Problem.priority)).where(Problem.cycle_id == obj.id)) or 0
    return _problem_page(obj, None, ProblemForm(data={"priority": min(lowest + 1, inventory.PRIORITY_MAX)}))


@bp.route("/praevention/probleme/<int:problem_id>/bearbeiten", methods=["GET", "POST"])
@requires("problem.edit", load=_problem)
def problem_edit(obj: Problem):
    return _problem_page(obj.cycle, obj, ProblemForm(obj=obj))


@bp.route("/praevention/probleme/<int:problem_id>/loeschen", methods=["GET", "POST"])
@requires("problem.edit", load=_problem)
def problem_delete(obj: Problem):
    addressed = len(obj.offers)
    return _remove(PROBLEMS, obj, [
        "Das Problem wird aus der Sicherheitsanalyse dieser Runde entfernt.",
        "Ein Angebot der Bestandsaufnahme verliert die Zuordnung zu ihm; das Angebot selbst bleibt." if addressed == 1
        else f"{addressed} Angebote der Bestandsaufnahme verlieren die Zuordnung zu ihm; die Angebote selbst bleiben."
        if addressed else "Kein Angebot der Bestandsaufnahme ist ihm zugeordnet.",
        "Handlungsfelder der Strategie, die aus ihm abgeleitet sind, verlieren den Bezug zu ihm."])


# -- offers ----------------------------------------------------------------------------------------------------------

@bp.get("/praevention/runden/<int:cycle_id>/angebote")
@requires("cycle.read_analysis", load=cycle_or_404)
def offers(obj: PreventionCycle):
    ranked, listed = inventory.problems(obj), inventory.offers(obj)
    return render_template("prevention/analysis/offers.html", cycle=obj, offers=listed,
                           analysis=inventory.gap_analysis(ranked, listed),
                           may_edit=can(current_user, "cycle.edit", obj))


def _offer_page(cycle: PreventionCycle, offer: PreventionOffer | None, form: OfferForm):
    form.problem_ids.choices = [(p.id, f"{p.priority}. {p.title}") for p in inventory.problems(cycle)]
    return _entry_page(OFFERS, cycle, offer, form)


@bp.route("/praevention/runden/<int:cycle_id>/angebote/neu", methods=["GET", "POST"])
@requires("cycle.edit", load=cycle_or_404)
def offer_new(obj: PreventionCycle):
    return _offer_page(obj, None, OfferForm())


@bp.route("/praevention/angebote/<int:offer_id>/bearbeiten", methods=["GET", "POST"])
@requires("offer.edit", load=_offer)
def offer_edit(obj: PreventionOffer):
    form = OfferForm(obj=obj)
    if not form.is_submitted():
        form.target_group.data = obj.target_group.value if obj.target_group else ""
        form.setting.data = obj.setting.value if obj.setting else ""
        form.problem_ids.data = [p.id for p in obj.problems]
    return _offer_page(obj.cycle, obj, form)


@bp.route("/praevention/angebote/<int:offer_id>/loeschen", methods=["GET", "POST"])
@requires("offer.edit", load=_offer)
def offer_delete(obj: PreventionOffer):
    return _remove(OFFERS, obj, [
        "Das Angebot wird aus der Bestandsaufnahme dieser Runde entfernt, mit seinen Zuordnungen zu Problemen.",
        "Die Auswertung der Lücken und Überschneidungen ändert sich entsprechend."])
