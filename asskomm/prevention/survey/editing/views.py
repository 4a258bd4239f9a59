"""The survey's pages for the KPR: the list, creating one for a round, its page, its settings, the
preview, and opening, closing and deleting it (each asked first). Composing its questions is in
composition_views, registered first: the isolation matrix posts to the routes in their order, and
opening the survey would leave the composing routes after it without a survey in preparation."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ....confirm import confirm
from ....forms import back_on_refusal, form_page
from ....policy import can, requires
from ....timeutil import format_date, today
from ...blueprint import bp
from ...cycles import cycle_or_404
from ...models import PreventionCycle
from ..bank import STANDARD
from ..models import Survey, SurveyStatus
from ..surveys import survey_or_404
from . import composition_views as _composition  # noqa: F401  registers the composing pages first
from . import services
from .forms import NewSurveyForm, SettingsForm
from .reads import load_questionnaire, response_count, survey_rows

STANDARD_KEYS = frozenset(item.key for item in STANDARD)


def _load(survey_id: int) -> Survey:
    return survey_or_404(survey_id)


def _survey_url(survey: Survey, anchor: str | None = None) -> str:
    return url_for("prevention.survey", survey_id=survey.id, _anchor=anchor)


@bp.get("/praevention/befragungen")
@requires("prevention.view")
def surveys():
    return render_template("prevention/survey/editing/list.html", rows=survey_rows())


@bp.route("/praevention/runden/<int:cycle_id>/befragung/neu", methods=["GET", "POST"])
@requires("cycle.edit", load=cycle_or_404)
def survey_new(obj: PreventionCycle):
    form = NewSurveyForm(data={"title": services.default_title()})

    def save():
        survey = services.create_survey(obj, form.title.data)
        flash(f"Die Befragung „{survey.title}“ ist angelegt, mit der Standardfrage zum Sicherheitsgefühl bei Nacht. "
              "Wählen Sie weitere Fragen aus dem Fragenkatalog.", "success")
        return redirect(_survey_url(survey))

    return form_page(form, "prevention/survey/editing/new.html", save, cycle=obj)


@bp.get("/praevention/befragungen/<int:survey_id>")
@requires("survey.read", load=_load)
def survey(obj: Survey):
    return render_template(
        "prevention/survey/editing/survey.html", survey=load_questionnaire(obj),
        responses=response_count(obj), standard_keys=STANDARD_KEYS, editable=can(current_user, "survey.edit", obj),
        manages=can(current_user, "survey.manage", obj), collects=can(current_user, "survey.collect", obj))


@bp.route("/praevention/befragungen/<int:survey_id>/bearbeiten", methods=["GET", "POST"])
@requires("survey.manage", load=_load)
def survey_edit(obj: Survey):
    changeable = services.CHANGEABLE[obj.status]
    form = SettingsForm(obj=obj)
    form.keep_only(changeable)

    def save():
        services.update_settings(obj, {name: getattr(form, name).data for name in changeable})
        flash("Die Einstellungen der Befragung wurden gespeichert.", "success")
        return redirect(_survey_url(obj))

    return form_page(form, "prevention/survey/editing/settings.html", save, survey=obj, changeable=changeable)


@bp.get("/praevention/befragungen/<int:survey_id>/vorschau")
@requires("survey.read", load=_load)
def survey_preview(obj: Survey):
    return render_template("prevention/survey/editing/preview.html", survey=load_questionnaire(obj),
                           empty=[] if obj.frozen else services.empty_sections(obj))


# --- opening, closing, deleting (registered last, in this order: see the module's docstring) ---------


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _not_possible(survey: Survey, title: str, reason: str):
    return render_template("prevention/survey/editing/not_possible.html", survey=survey, title=title,
                           reason=reason)


@bp.route("/praevention/befragungen/<int:survey_id>/oeffnen", methods=["GET", "POST"])
@requires("survey.manage", load=_load)
def survey_open(obj: Survey):
    back = _survey_url(obj)
    back_on_refusal(back)
    if request.method == "GET" and (obj.frozen or not obj.questions):
        return _not_possible(obj, "Befragung öffnen", "Die Befragung wurde schon geöffnet." if obj.frozen
                             else services.NO_QUESTIONS)
    question = confirm(f"„{obj.title}“ öffnen?", _open_consequences(obj), "Befragung öffnen", back)
    if not question.confirmed:
        return question.page
    dropped = services.open_survey(obj)
    flash(f"Die Befragung läuft seit heute ({format_date(today())}). Der Fragebogen ist nun unveränderlich."
          + (f" Leere Abschnitte wurden entfernt: {', '.join(dropped)}." if dropped else ""), "success")
    return redirect(back)


def _open_consequences(survey: Survey) -> list[str]:
    lines = ["Nach dem Öffnen lässt sich der Fragebogen nicht mehr ändern: keine Frage, keine Antwortmöglichkeit, "
             "kein Abschnitt und keine Reihenfolge. So beantworten alle Befragten denselben Fragebogen.",
             f"Die Befragung nimmt ab heute ({format_date(today())}) Antworten an: "
             + ("über den offenen Link und mit Zugangscodes." if survey.open_link else "nur mit Zugangscodes.")]
    empty = services.empty_sections(survey)
    if empty:
        lines.append("Leere Abschnitte werden entfernt: " + ", ".join(f"„{s.title}“" for s in empty) + ".")
    lines.append("Stichprobe und die Freigabe für den Vergleich im Bündnis lassen sich weiter ändern.")
    return lines


@bp.route("/praevention/befragungen/<int:survey_id>/abschliessen", methods=["GET", "POST"])
@requires("survey.manage", load=_load)
def survey_close(obj: Survey):
    back = _survey_url(obj)
    back_on_refusal(back)
    if request.method == "GET" and obj.status != SurveyStatus.open:
        return _not_possible(obj, "Befragung abschließen", "Nur eine laufende Befragung lässt sich abschließen.")
    round_open = obj.cycle.closed_on is None
    question = confirm(f"„{obj.title}“ abschließen?", [
        f"Die Befragung nimmt ab heute ({format_date(today())}) keine Antworten mehr an, weder online noch auf "
        "Papier; offene Zugangscodes verfallen.",
        f"Die Ergebnisse ({response_count(obj)} Antworten) werden ausgewertet; "
        + (f"ihre Kennzahlen werden in die Sicherheitsanalyse der {obj.cycle.number}. Runde übernommen."
           if round_open else f"die {obj.cycle.number}. Runde ist schon abgeschlossen und bleibt unverändert.")],
        "Befragung abschließen", back)
    if not question.confirmed:
        return question.page
    services.close_survey(obj)
    flash("Die Befragung ist abgeschlossen." + (" Ihre Kennzahlen stehen nun in der Sicherheitsanalyse der Runde."
                                                if round_open else ""), "success")
    return redirect(back)


@bp.route("/praevention/befragungen/<int:survey_id>/loeschen", methods=["GET", "POST"])
@requires("survey.manage", load=_load)
def survey_delete(obj: Survey):
    back = _survey_url(obj)
    back_on_refusal(back)
    if request.method == "GET" and obj.frozen:
        return _not_possible(obj, "Befragung löschen", "Nur eine Befragung in Vorbereitung lässt sich löschen; "
                             "diese wurde schon geöffnet. Ihre Antworten bleiben bei der Runde.")
    question = confirm(f"„{obj.title}“ löschen?", [
        f"Die Befragung „{obj.title}“ wird mit {_count(len(obj.sections), 'Abschnitt', 'Abschnitten')} und "
        f"{_count(len(obj.questions), 'Frage', 'Fragen')} samt deren Antwortmöglichkeiten gelöscht.",
        "Schon erzeugte Zugangscodes werden ungültig."], "Befragung löschen", back)
    if not question.confirmed:
        return question.page
    title = obj.title
    services.delete_survey(obj)
    flash(f"Die Befragung „{title}“ wurde gelöscht.", "success")
    return redirect(url_for("prevention.surveys"))
