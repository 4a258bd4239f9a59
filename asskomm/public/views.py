"""The public page of a KPR and the public index of the alliance."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from tenants import TenantStatus, db

from ..confirm import confirm
from ..forms import form_page
from ..kpr.views import workspace_panel
from ..navigation import tenant_nav_item
from ..policy import can, public, public_tenant_area, requires, tenant_area
from ..prevention.overview.diagram import cycle_diagram
from ..prevention.stage import stage_of
from ..routes import load_or_none, new_and_edit
from ..structure.models import SECTOR_LABELS
from . import services
from .forms import AllianceFilterForm, NewsPostForm, OfficerForm, PartnerForm, ProfileForm
from .models import CommunityOfficer, NewsPost, Partner

bp = public_tenant_area("public", __name__, template_folder="templates")
edit_bp = tenant_area("public_edit", __name__, template_folder="templates")
index_bp = Blueprint("alliance", __name__, template_folder="templates")

tenant_nav_item("Start", "public.home", "tenant.view", 0)
tenant_nav_item("Öffentliche Seite bearbeiten", "public_edit.index", "public.edit", 40, group="dokumente")

MARKDOWN_HINT = ("Absätze durch eine Leerzeile trennen; **fett**, *kursiv*, Listen mit „- “, Zwischenüberschriften "
                 "mit „## “ (darunter „### “), Links als [Text](https://…), Tabellen als Zeilen wie „| Tag | Ort |“ "
                 "mit der Trennzeile „|---|---|“ unter der Kopfzeile. Andere Formatierungen und HTML werden entfernt.")
POSITION_HINT = "Kleinere Zahlen stehen weiter oben; bei gleicher Zahl wird nach Namen sortiert."
PROFILE_HINTS = {"goals": "Jedes Ziel in eine eigene Zeile.",
                 "opening_hours": "Zum Beispiel: Dienstag 9–12 Uhr und 13–18 Uhr"}


# -- the public page -------------------------------------------------------------------------------------------------

@bp.get("/")
@public
def home():
    profile = services.profile()
    panel = None
    if current_user.is_authenticated and can(current_user, "tenant.view", g.tenant):
        panel = workspace_panel()
    prevention = None
    if panel is not None and can(current_user, "prevention.stage", g.tenant):
        stage = stage_of(g.tenant.id)
        prevention = {"stage": stage, "diagram": cycle_diagram(stage, key="zyklus-klein", compact=True)}
    return render_template(
        "public/home.html", tenant=g.tenant, profile=profile, goals=services.goals(profile),
        news=services.latest_news(), partners=services.partners_by_sector(services.partners()),
        officers=services.officers(), documents=services.public_documents(),
        events=services.upcoming_events(), panel=panel, may_edit=can(current_user, "public.edit", g.tenant),
        analysis=services.published_analysis(), survey=services.running_survey(),
        prevention=prevention,
    )


@bp.get("/aktuelles")
@public
def news():
    page = services.news_page(request.args.get("seite", 1, type=int))
    return render_template("public/news.html", tenant=g.tenant, page=page)


@bp.get("/aktuelles/<int:post_id>")
@public
def post(post_id: int):
    """A published post for everyone; an unpublished one only as a preview for its editors."""
    entry = db.get_or_404(NewsPost, post_id)  # another KPR's post is a 404 by scoping
    may_edit = can(current_user, "public.edit", g.tenant)
    if not entry.published and not may_edit:
        abort(404)
    return render_template("public/post.html", tenant=g.tenant, post=entry, may_edit=may_edit)


# -- the alliance index ----------------------------------------------------------------------------------------------

@index_bp.get("/kpr/", endpoint="index")
@public
def alliance_index():
    form = AllianceFilterForm(request.args)
    districts = services.districts()
    form.district.choices = [("", "alle")] + [(d, d) for d in districts]
    valid = form.validate()
    district = form.district.data if valid else ""
    status = form.status.data if valid else ""
    q = (form.q.data or "").strip() if valid else ""
    page = services.alliance(district or "", status or "", q, request.args.get("seite", 1, type=int))
    counts = services.counts_by_status()
    kept = {key: value for key, value in (("district", district), ("status", status), ("q", q)) if value}
    return render_template("public/alliance.html", form=form, page=page, tenants=page.rows, counts=counts,
                           total=sum(counts.values()), statuses=list(TenantStatus), kept=kept,
                           filtered=bool(district or status or q)), 200 if valid else 422


# -- editing (coordinators) ------------------------------------------------------------------------------------------

def _edit_page(form, save, saved_message, heading: str, delete: tuple[str, str] | None = None, hints=None):
    """The one editing page of the public area: saved, it returns to the overview."""
    delete_url, delete_label = delete or (None, None)

    def saved():
        flash(saved_message(save(form.data)), "success")
        return redirect(url_for(".index"))

    return form_page(form, "public/edit/form.html", saved, heading=heading, delete_url=delete_url,
                     delete_label=delete_label, hints=hints or {})


def _done(message: str):
    flash(message, "success")
    return redirect(url_for(".index"))


@edit_bp.get("/oeffentlich")
@requires("public.edit")
def index():
    return render_template("public/edit/index.html", tenant=g.tenant, profile=services.profile(),
                           posts=services.all_news(), partners=services.partners(), officers=services.officers(),
                           sector_labels={sector.value: label for sector, label in SECTOR_LABELS.items()})


@edit_bp.route("/oeffentlich/profil", methods=["GET", "POST"])
@requires("public.edit")
def profile():
    form = ProfileForm(obj=services.profile())
    return _edit_page(form, services.save_profile,
                      lambda saved: "Die Angaben der öffentlichen Seite wurden gespeichert.",
                      "Über den KPR und Kontakt", hints=PROFILE_HINTS)


@new_and_edit(edit_bp, "/oeffentlich/meldungen/neu", "/oeffentlich/meldungen/<int:post_id>", NewsPost, "public.edit",
              ("new_post", "edit_post"))
def post_form(obj: NewsPost | None):
    form = NewsPostForm(obj=obj) if obj else NewsPostForm(data={"published": True})
    return _edit_page(form, lambda data: services.save_post(obj, data),
                      lambda saved: f"Die Meldung „{saved.title}“ wurde gespeichert.",
                      f"Meldung bearbeiten: {obj.title}" if obj else "Meldung schreiben",
                      (url_for(".delete_post", post_id=obj.id), "Meldung löschen") if obj else None,
                      hints={"body": MARKDOWN_HINT})


@edit_bp.post("/oeffentlich/meldungen/<int:post_id>/veroeffentlichen")
@requires("public.edit", load=load_or_none(NewsPost, "post_id"))
def publish_post(obj: NewsPost):
    services.set_published(obj, True)
    return _done(f"Die Meldung „{obj.title}“ ist jetzt öffentlich sichtbar.")


@edit_bp.post("/oeffentlich/meldungen/<int:post_id>/zurueckziehen")
@requires("public.edit", load=load_or_none(NewsPost, "post_id"))
def unpublish_post(obj: NewsPost):
    services.set_published(obj, False)
    return _done(f"Die Meldung „{obj.title}“ ist nicht mehr öffentlich sichtbar.")


def _delete_page(obj, title: str, consequences: list[str], label: str, done: str, back: str):
    """Deleting from the public page asks first: GET the question, a confirmed POST deletes."""
    question = confirm(title, [*consequences, "Die Löschung steht mit Ihrer Begründung im Änderungsprotokoll."],
                       label, back)
    if not question.confirmed:
        return question.page
    services.delete(obj)
    return _done(done)


@edit_bp.route("/oeffentlich/meldungen/<int:post_id>/loeschen", methods=["GET", "POST"])
@requires("public.edit", load=load_or_none(NewsPost, "post_id"))
def delete_post(obj: NewsPost):
    shown = (["Die Meldung verschwindet von der öffentlichen Seite des KPR und aus dem Archiv „Aktuelles“; ein "
              "Link auf sie führt danach ins Leere.",
              "Soll sie nur nicht mehr öffentlich sein, ziehen Sie sie stattdessen zurück: sie bleibt dann als "
              "Entwurf."]
             if obj.published else ["Der Entwurf wird gelöscht; er war nicht öffentlich sichtbar."])
    return _delete_page(obj, f"Meldung „{obj.title}“ löschen?", shown, "Meldung endgültig löschen",
                        f"Die Meldung „{obj.title}“ wurde gelöscht.", url_for(".edit_post", post_id=obj.id))


@new_and_edit(edit_bp, "/oeffentlich/partner/neu", "/oeffentlich/partner/<int:partner_id>", Partner, "public.edit",
              ("new_partner", "edit_partner"))
def partner_form(obj: Partner | None):
    return _edit_page(PartnerForm(obj=obj), lambda data: services.save_partner(obj, data),
                      lambda saved: f"{saved.name} wurde gespeichert.",
                      f"Netzwerkpartner bearbeiten: {obj.name}" if obj else "Netzwerkpartner eintragen",
                      (url_for(".delete_partner", partner_id=obj.id), "Netzwerkpartner entfernen") if obj else None,
                      hints={"position": POSITION_HINT})


@edit_bp.route("/oeffentlich/partner/<int:partner_id>/loeschen", methods=["GET", "POST"])
@requires("public.edit", load=load_or_none(Partner, "partner_id"))
def delete_partner(obj: Partner):
    return _delete_page(obj, f"{obj.name} aus den Netzwerkpartnern entfernen?",
                        [f"{obj.name} verschwindet aus der Liste der Netzwerkpartner auf der öffentlichen Seite."],
                        "Netzwerkpartner entfernen", f"{obj.name} wurde aus den Netzwerkpartnern entfernt.",
                        url_for(".edit_partner", partner_id=obj.id))


@new_and_edit(edit_bp, "/oeffentlich/buergerpolizei/neu", "/oeffentlich/buergerpolizei/<int:officer_id>",
              CommunityOfficer, "public.edit", ("new_officer", "edit_officer"))
def officer_form(obj: CommunityOfficer | None):
    return _edit_page(OfficerForm(obj=obj), lambda data: services.save_officer(obj, data),
                      lambda saved: f"{saved.name} wurde gespeichert.",
                      f"Bürgerpolizist:in bearbeiten: {obj.name}" if obj else "Bürgerpolizist:in eintragen",
                      (url_for(".delete_officer", officer_id=obj.id), "Bürgerpolizist:in entfernen") if obj
                      else None, hints={"position": POSITION_HINT})


@edit_bp.route("/oeffentlich/buergerpolizei/<int:officer_id>/loeschen", methods=["GET", "POST"])
@requires("public.edit", load=load_or_none(CommunityOfficer, "officer_id"))
def delete_officer(obj: CommunityOfficer):
    return _delete_page(obj, f"{obj.name} aus der Liste der Bürgerpolizist:innen entfernen?",
                        [f"{obj.name} verschwindet mit Kontaktdaten und Sprechzeiten von der öffentlichen Seite."],
                        "Bürgerpolizist:in entfernen", f"{obj.name} wurde aus der Liste der Bürgerpolizist:innen "
                        "entfernt.", url_for(".edit_officer", officer_id=obj.id))
