"""The founding guide: five steps with guiding questions, notes, owner and dates."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, url_for
from flask_login import current_user

from tenants import db

from ..forms import back_on_refusal
from ..navigation import tenant_nav_item
from ..policy import requires, tenant_area
from . import services
from .forms import ModelForm, StepForm
from .guide import BY_KEY, STEPS
from .models import FoundingModel, FoundingStep

bp = tenant_area("founding", __name__, template_folder="templates")
tenant_nav_item("Gründung", "founding.guide", "founding.view", 15, group="verwaltung")


@bp.get("/gruendung")
@requires("founding.view")
def guide():
    guide, steps = services.guide_with_steps()
    forms = {}
    for key, step in steps.items():
        form = StepForm(prefix=f"step{step.id}", obj=step)
        form.checked.data = step.checked
        form.done.data = step.done_on is not None
        forms[key] = form
    model_form = ModelForm(data={"model": guide.model.value if guide and guide.model else ""})
    done, total = services.progress(steps)
    return render_template("founding/guide.html", guide=guide, steps=steps, forms=forms, model_form=model_form,
                           guides=STEPS, done=done, total=total,
                           can_found=services.can_mark_founded(g.tenant, steps),
                           founded_before=services.founded_before_platform(g.tenant, guide))


@bp.post("/gruendung/modell")
@requires("founding.edit")
def choose_model():
    form = ModelForm()
    if form.validate_on_submit():
        services.start(FoundingModel(form.model.data) if form.model.data else None)
        flash("Der Gründungsleitfaden wurde gespeichert.", "success")
    return redirect(url_for(".guide"))


@bp.post("/gruendung/schritte/<int:founding_step_id>")
@requires("founding.edit", load=lambda founding_step_id: db.get_or_404(FoundingStep, founding_step_id))
def update_step(obj: FoundingStep):
    form = StepForm(prefix=f"step{obj.id}")
    back = url_for(".guide", _anchor=f"schritt-{obj.key.value}")
    back_on_refusal(back)
    if form.validate_on_submit():
        services.update_step(obj, form.checked.data or [], form.notes.data or "", form.owner.data or "",
                             form.due_on.data, form.done.data)
        flash(f"Schritt „{BY_KEY[obj.key].title}“ gespeichert.", "success")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
    return redirect(back)


@bp.post("/gruendung/abschliessen")
@requires("founding.edit")
def complete():
    back_on_refusal(url_for(".guide"))
    services.mark_founded(g.tenant, current_user)
    flash(f"Glückwunsch: der {g.tenant.short_name} gilt jetzt als gegründet.", "success")
    return redirect(url_for(".guide"))
