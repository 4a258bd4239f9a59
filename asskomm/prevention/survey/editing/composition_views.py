"""Composing a survey in preparation: the item bank, own questions, sections and their order. Every
page here refuses a survey that was opened (404 by the rules "survey.edit" and "survey_part.edit").
Deleting is registered last: the isolation matrix posts to the routes in their order."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from tenants import db

from ....confirm import confirm
from ....forms import back_on_refusal, form_page
from ....policy import requires
from ...blueprint import bp
from .. import bank
from ..models import QuestionKind, Survey, SurveyQuestion, SurveySection
from ..surveys import survey_or_404
from . import composition
from .forms import BankForm, BankQuestionForm, QuestionForm, SectionForm, section_choices
from .reads import bank_groups, bank_keys_in


def _load(survey_id: int) -> Survey:
    return survey_or_404(survey_id)


def _load_question(question_id: int) -> SurveyQuestion:
    return db.get_or_404(SurveyQuestion, question_id)


def _load_section(section_id: int) -> SurveySection:
    return db.get_or_404(SurveySection, section_id)


def _survey_url(survey: Survey, anchor: str | None = None) -> str:
    return url_for("prevention.survey", survey_id=survey.id, _anchor=anchor)


def _chosen_section(survey: Survey, section_id: int | None) -> SurveySection | None:
    return next((section for section in survey.sections if section.id == section_id), None)


# --- the item bank ----------------------------------------------------------------------------------


@bp.route("/praevention/befragungen/<int:survey_id>/fragenkatalog", methods=["GET", "POST"])
@requires("survey.edit", load=_load)
def survey_bank(obj: Survey):
    present = bank_keys_in(obj)
    form = BankForm()
    form.items.choices = [(item.key, item.text) for item in bank.ITEMS if item.key not in present]

    def save():
        added = composition.add_bank_items(obj, form.items.data or [], form.districts.data or "")
        flash(f"{len(added)} {'Frage' if len(added) == 1 else 'Fragen'} aus dem Fragenkatalog "
              f"{'wurde' if len(added) == 1 else 'wurden'} hinzugefügt.", "success")
        return redirect(_survey_url(obj))

    return form_page(form, "prevention/survey/editing/bank.html", save, survey=obj, groups=bank_groups(),
                     present=present)


# --- questions --------------------------------------------------------------------------------------


def _question_input(form: QuestionForm, section: SurveySection) -> composition.QuestionInput:
    return composition.QuestionInput(
        section=section, kind=QuestionKind(form.kind.data), text=form.text.data or "",
        help_text=form.help_text.data or "", required=form.required.data, options=form.options.data or "",
        scale_steps=form.scale_steps.data, scale_low=form.scale_low.data or "", scale_high=form.scale_high.data or "")


def _question_page(form, survey: Survey, question: SurveyQuestion | None, save):
    return form_page(form, "prevention/survey/editing/question_form.html", save, survey=survey, question=question)


@bp.route("/praevention/befragungen/<int:survey_id>/fragen/neu", methods=["GET", "POST"])
@requires("survey.edit", load=_load)
def survey_question_new(obj: Survey):
    form = QuestionForm()
    form.section_id.choices = section_choices(obj.sections)
    if not form.is_submitted() and obj.sections:
        wanted = request.args.get("abschnitt", type=int)
        form.section_id.data = (_chosen_section(obj, wanted) or obj.sections[0]).id

    def save():
        question = composition.save_own_question(obj, _question_input(form, _chosen_section(obj, form.section_id.data)))
        flash("Die Frage wurde angelegt.", "success")
        return redirect(_survey_url(obj, f"frage-{question.id}"))

    return _question_page(form, obj, None, save)


def _prefill(form: QuestionForm, question: SurveyQuestion) -> None:
    """An own question's answers as the form writes them: one per line, or a scale's steps and ends."""
    form.kind.data = question.kind.value
    labels = [option.label for option in question.options]
    if question.kind == QuestionKind.scale and labels:
        form.scale_steps.data = len(labels)
        form.scale_low.data = labels[0].removeprefix("1 – ")
        form.scale_high.data = labels[-1].removeprefix(f"{len(labels)} – ")
    elif question.kind in (QuestionKind.single, QuestionKind.multiple):
        form.options.data = "\n".join(labels)


@bp.route("/praevention/befragungen/fragen/<int:question_id>/bearbeiten", methods=["GET", "POST"])
@requires("survey_part.edit", load=_load_question)
def survey_question_edit(obj: SurveyQuestion):
    survey = obj.survey
    if obj.bank_key:
        form = BankQuestionForm(obj=obj)
    else:
        form = QuestionForm(obj=obj)
        if not form.is_submitted():
            _prefill(form, obj)
    form.section_id.choices = section_choices(survey.sections)

    def save():
        section = _chosen_section(survey, form.section_id.data)
        if obj.bank_key:
            composition.update_bank_question(obj, section, form.required.data)
        else:
            composition.save_own_question(survey, _question_input(form, section), obj)
        flash("Die Frage wurde gespeichert.", "success")
        return redirect(_survey_url(survey, f"frage-{obj.id}"))

    return _question_page(form, survey, obj, save)


@bp.post("/praevention/befragungen/fragen/<int:question_id>/verschieben")
@requires("survey_part.edit", load=_load_question)
def survey_question_move(obj: SurveyQuestion):
    back = _survey_url(obj.survey, f"frage-{obj.id}")
    back_on_refusal(back)
    composition.move_question(obj, request.form.get("direction", ""))
    return redirect(back)


# --- sections ---------------------------------------------------------------------------------------


@bp.route("/praevention/befragungen/<int:survey_id>/abschnitte/neu", methods=["GET", "POST"])
@requires("survey.edit", load=_load)
def survey_section_new(obj: Survey):
    form = SectionForm()

    def save():
        section = composition.add_section(obj, form.title.data)
        flash(f"Der Abschnitt „{section.title}“ wurde angelegt.", "success")
        return redirect(_survey_url(obj, f"abschnitt-{section.id}"))

    return form_page(form, "prevention/survey/editing/section_form.html", save, survey=obj, section=None)


@bp.route("/praevention/befragungen/abschnitte/<int:section_id>/bearbeiten", methods=["GET", "POST"])
@requires("survey_part.edit", load=_load_section)
def survey_section_edit(obj: SurveySection):
    form = SectionForm(obj=obj)

    def save():
        composition.rename_section(obj, form.title.data)
        flash(f"Der Abschnitt heißt nun „{obj.title}“.", "success")
        return redirect(_survey_url(obj.survey, f"abschnitt-{obj.id}"))

    return form_page(form, "prevention/survey/editing/section_form.html", save, survey=obj.survey, section=obj)


@bp.post("/praevention/befragungen/abschnitte/<int:section_id>/verschieben")
@requires("survey_part.edit", load=_load_section)
def survey_section_move(obj: SurveySection):
    back = _survey_url(obj.survey, f"abschnitt-{obj.id}")
    back_on_refusal(back)
    composition.move_section(obj, request.form.get("direction", ""))
    return redirect(back)


# --- deleting (last) --------------------------------------------------------------------------------


@bp.route("/praevention/befragungen/fragen/<int:question_id>/loeschen", methods=["GET", "POST"])
@requires("survey_part.edit", load=_load_question)
def survey_question_delete(obj: SurveyQuestion):
    survey, section = obj.survey, obj.section
    back = _survey_url(survey, f"frage-{obj.id}")
    consequences = [f"Die Frage „{obj.text}“ wird mit ihren {len(obj.options)} Antwortmöglichkeiten aus dem "
                    f"Abschnitt „{section.title}“ gelöscht." if obj.options else
                    f"Die Frage „{obj.text}“ wird aus dem Abschnitt „{section.title}“ gelöscht."]
    if obj.bank_key:
        consequences.append("Sie lässt sich später wieder aus dem Fragenkatalog hinzufügen."
                            + (" Als Standardfrage fehlt sie sonst im Vergleich mit den anderen KPR des Bündnisses."
                               if bank.BY_KEY[obj.bank_key].standard else ""))
    question = confirm("Frage löschen?", consequences, "Frage löschen", back)
    if not question.confirmed:
        return question.page
    back_on_refusal(back)
    composition.delete_question(obj)
    flash("Die Frage wurde gelöscht.", "success")
    return redirect(_survey_url(survey, f"abschnitt-{section.id}"))


@bp.route("/praevention/befragungen/abschnitte/<int:section_id>/loeschen", methods=["GET", "POST"])
@requires("survey_part.edit", load=_load_section)
def survey_section_delete(obj: SurveySection):
    survey = obj.survey
    back = _survey_url(survey, f"abschnitt-{obj.id}")
    back_on_refusal(back)
    if request.method == "GET" and obj.questions:
        return render_template("prevention/survey/editing/not_possible.html", survey=survey,
                               title=f"Abschnitt „{obj.title}“ löschen", reason=composition.not_empty(obj))
    question = confirm(f"Abschnitt „{obj.title}“ löschen?", [
        f"Der leere Abschnitt „{obj.title}“ wird aus der Befragung entfernt."], "Abschnitt löschen", back)
    if not question.confirmed:
        return question.page
    composition.delete_section(obj)
    flash(f"Der Abschnitt „{obj.title}“ wurde gelöscht.", "success")
    return redirect(_survey_url(survey))
