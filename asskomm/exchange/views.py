"""The exchange's pages under /praxis/: the search over shared measures, a shared measure's page,
the question to its KPR, "Wir setzen das auch um" and its withdrawal, and the state council's list
of how far the practices spread. Not inside any KPR's area: the reader may belong to any KPR."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tenants.alliances import hostname

from ..confirm import confirm
from ..forms import form_page
from ..paging import Page
from ..policy import can, coordinated, coordinated_elsewhere, requires
from ..prevention.models import Measure, MeasureStatus, Setting, TargetGroup
from ..prevention.reference import EVIDENCE_LEVELS, PROGRAMMES
from ..prevention.statistics.table import german
from ..prevention.strategy.indicators import PLACES, goal_indicator_label, goal_indicator_unit
from . import search, services
from .forms import AdoptionForm, QuestionForm, SearchForm
from .models import Adoption

bp = Blueprint("exchange", __name__, url_prefix="/praxis", template_folder="templates")


@bp.app_template_global()
def adopted_practices(measure: Measure) -> list[services.AdoptedPractice]:
    """For a KPR's own measure page (prevention/measures/detail.html): the shared practices of other
    KPRs it carries out too. Registered here, so that the measures feature knows nothing of the exchange."""
    return services.adopted_practices(measure)


def _figure(value: Decimal | None, goal) -> str:
    """A goal's value with its indicator's decimal places, the German way (1.234,5)."""
    return "–" if value is None else german(value, PLACES.get(goal.indicator_kind, 2))


def _criteria(form: SearchForm) -> search.Criteria:
    return search.Criteria(
        text=(form.q.data or "").strip(), field=(form.feld.data or "").strip(),
        target_group=TargetGroup(form.zielgruppe.data) if form.zielgruppe.data else None,
        setting=Setting(form.setting.data) if form.setting.data else None,
        programme_key=form.programm.data or "", evidence=int(form.evidenz.data) if form.evidenz.data else None,
        status=MeasureStatus(form.status.data) if form.status.data else None,
        district=form.landkreis.data or "", size=form.groesse.data or "")


@bp.get("/")
@requires("exchange.browse")
def index():
    form = SearchForm(request.args)
    form.set_districts(search.districts())
    args = {k: v for k, v in request.args.items() if k != "seite" and v and k in form._fields}
    context = dict(form=form, args=args, programmes=PROGRAMMES, evidence_levels=EVIDENCE_LEVELS,
                   may_spread=can(current_user, "exchange.spread"),
                   adoptions=search.own_adoptions(coordinated(current_user)))
    if request.args and not form.validate():
        return render_template("exchange/index.html", page=Page([], 0, 1, 1), **context), 422
    page = search.search(_criteria(form), request.args.get("seite", 1, type=int))
    return render_template("exchange/index.html", page=page, **context)


def _load(practice_id: int) -> Measure:
    """Any KPR's measure; the rule then answers 404 unless it is shared (still) and for this person."""
    return search.shared_measure(practice_id) or abort(404)


@bp.get("/<int:practice_id>")
@requires("practice.read", load=_load)
def practice(obj: Measure):
    mine = coordinated_elsewhere(current_user, obj.tenant_id)
    measure, shared = obj, search.practice_of(obj, mine)
    goal, steps = measure.goal, search.worksheet_summary(measure)
    return render_template(
        "exchange/detail.html", practice=shared, measure=measure, goal=goal, steps=steps,
        done=sum(1 for step in steps if step[2]), figure=_figure,
        indicator=goal_indicator_label(goal) if goal else "", unit=goal_indicator_unit(goal) if goal else "",
        programme=PROGRAMMES.get(measure.programme_key),
        evidence_levels=EVIDENCE_LEVELS, own_adoptions=shared.own, public_page=_public_page(shared),
        may_ask=can(current_user, "practice.ask", measure),
        may_adopt=can(current_user, "practice.adopt", measure) and bool(set(mine) - {a[2] for a in shared.own}))


def _public_page(shared: search.Practice) -> str:
    """The owning KPR's public page; another alliance's KPR answers under its alliance's host name
    (same scheme and port as this request)."""
    path = url_for("public.home", tenant_slug=shared.tenant.slug)
    if not shared.host:
        return path
    port = request.host[len(hostname(request.host)):]
    return f"{request.scheme}://{shared.host}{port}{path}"


@dataclass(frozen=True)
class Heading:
    """What a form page says about the practice, as values: a refusal rolls the request back and
    expires the measure, which cannot be loaded again outside a named cross-tenant read."""

    id: int
    title: str
    owner: str


def _heading(shared: search.Practice) -> Heading:
    return Heading(shared.measure.id, shared.measure.title, shared.tenant.short_name)


@bp.route("/<int:practice_id>/frage", methods=["GET", "POST"])
@requires("practice.ask", load=_load)
def ask(obj: Measure):
    measure, shared = obj, search.practice_of(obj, [])
    allowed = coordinated_elsewhere(current_user, measure.tenant_id)
    names = services.kpr_names(allowed)
    form = QuestionForm()
    form.kpr_id.choices = [(t, names[t]) for t in allowed]
    if not form.is_submitted() and allowed:
        form.kpr_id.data = allowed[0]

    def save():
        # Sent mail cannot be recalled: the first press shows the question as it will go out and to
        # whom; only "Jetzt senden" from that page sends it, "Ändern" brings the form back.
        heading = _heading(shared)
        if request.form.get("aendern"):
            return render_template("exchange/ask.html", form=form, heading=heading)
        if request.form.get("senden") != "1":
            text, recipients = services.check_question(shared.tenant, current_user, form.kpr_id.data, allowed,
                                                       form.text.data)
            return render_template("exchange/ask_confirm.html", form=form, heading=heading, text=text,
                                   asking=names[form.kpr_id.data], recipients=len(recipients))
        services.ask(measure, shared.tenant, current_user, form.kpr_id.data, allowed, form.text.data)
        flash(f"Ihre Frage wurde an die Koordinator:innen des {shared.tenant.short_name} gesendet. "
              "Die Antwort erhalten Sie per E-Mail.", "success")
        return redirect(url_for(".practice", practice_id=measure.id))

    return form_page(form, "exchange/ask.html", save, heading=_heading(shared))


@bp.route("/<int:practice_id>/uebernehmen", methods=["GET", "POST"])
@requires("practice.adopt", load=_load)
def adopt(obj: Measure):
    mine = coordinated_elsewhere(current_user, obj.tenant_id)
    measure, shared = obj, search.practice_of(obj, mine)
    already = {a[2] for a in shared.own}
    offered = [m for m in services.own_measures(mine) if m.tenant_id not in already]
    form = AdoptionForm()
    form.measure_id.choices = [(0, "Bitte wählen …"), *((m.id, m.label) for m in offered)]

    def save():
        services.adopt(measure, current_user, form.measure_id.data, offered)
        flash(f"Eingetragen: Ihr KPR setzt „{measure.title}“ auch um.", "success")
        return redirect(url_for(".practice", practice_id=measure.id))

    return form_page(form, "exchange/adopt.html", save, heading=_heading(shared), offered=offered)


def _load_adoption(adoption_id: int) -> Adoption:
    return services.adoption(adoption_id) or abort(404)


@bp.route("/uebernahmen/<int:adoption_id>/zurueckziehen", methods=["GET", "POST"])
@requires("adoption.withdraw", load=_load_adoption)
def withdraw(obj: Adoption):
    practice = search.shared_measure(obj.practice_id)
    readable = practice is not None and can(current_user, "practice.read", practice)
    back = url_for(".practice", practice_id=obj.practice_id) if readable else url_for(".index")
    title = f"„{practice.title}“" if readable else "einer nicht mehr geteilten Maßnahme"
    question = confirm(f"Übernahme von {title} zurückziehen?", [
        "Ihr KPR wird nicht mehr als KPR genannt, der diese Maßnahme auch umsetzt, und zählt in der Übersicht "
        "des Landespräventionsrates nicht mehr mit.",
        "Ihre eigene Maßnahme bleibt unverändert.",
        "Sie können die Übernahme später wieder eintragen.",
        "Das Zurückziehen steht mit Ihrer Begründung im Änderungsprotokoll Ihres KPR."],
        "Übernahme zurückziehen", back, reversible=True)
    if not question.confirmed:
        return question.page
    services.withdraw(obj)
    flash("Die Übernahme wurde zurückgezogen.", "success")
    return redirect(back)


@bp.get("/verbreitung")
@requires("exchange.spread")
def spread():
    page = search.spread(request.args.get("seite", 1, type=int))
    return render_template("exchange/spread.html", page=page)
