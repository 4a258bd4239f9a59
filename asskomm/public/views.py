"""The public page of a KPR and the public index of the alliance."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from tenants import TenantStatus, db

from ..forms import service_call
from ..kpr.views import workspace_panel
from ..navigation import tenant_nav_item
from ..policy import can, public, public_tenant_area, requires, tenant_area
from ..structure.models import SECTOR_LABELS
from . import services
from .forms import AllianceFilterForm, NewsPostForm, OfficerForm, PartnerForm, ProfileForm
from .models import CommunityOfficer, NewsPost, Partner

bp = public_tenant_area("public", __name__, template_folder="templates")
edit_bp = tenant_area("public_edit", __name__, template_folder="templates")
index_bp = Blueprint("alliance", __name__, template_folder="templates")

tenant_nav_item("Start", "public.home", "tenant.view", 0)
tenant_nav_item("Öffentliche Seite bearbeiten", "public_edit.index", "public.edit", 40)

MARKDOWN_HINT = ("Absätze durch eine Leerzeile trennen; **fett**, *kursiv*, Listen mit „- “, Zwischenüberschriften "
                 "mit „### “, Links als [Text](https://…). Andere Formatierungen und HTML werden entfernt.")
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
    return render_template(
        "public/home.html", tenant=g.tenant, profile=profile, goals=services.goals(profile),
        news=services.latest_news(), partners=services.partners_by_sector(services.partners()),
        officers=services.officers(), documents=services.public_documents(),
        events=services.upcoming_events(), panel=panel, may_edit=can(current_user, "public.edit", g.tenant),
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
    tenants = services.alliance(district or "", status or "")
    counts = services.counts_by_status()
    return render_template("public/alliance.html", form=form, tenants=tenants, counts=counts,
                           total=sum(counts.values()), statuses=list(TenantStatus),
                           filtered=bool(district or status)), 200 if valid else 422


# -- editing (coordinators) ------------------------------------------------------------------------------------------

def _form_page(form, save, saved_message, heading: str, delete: tuple[str, str] | None = None, **context):
    """GET shows the form; a valid POST saves, commits and returns to the overview; otherwise 422."""
    if form.validate_on_submit():
        with service_call(form) as call:
            saved = save(form.data)
        if call.ok:
            flash(saved_message(saved), "success")
            return redirect(url_for(".index"))
    delete_url, delete_label = delete or (None, None)
    return render_template("public/edit/form.html", form=form, heading=heading, delete_url=delete_url,
                           delete_label=delete_label, hints=context.pop("hints", {}), **context), \
        422 if form.is_submitted() else 200


def _delete(obj, message: str):
    services.delete(obj)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(".index"))


def _load_post(post_id: int) -> NewsPost:
    return db.get_or_404(NewsPost, post_id)


def _load_partner(partner_id: int) -> Partner:
    return db.get_or_404(Partner, partner_id)


def _load_officer(officer_id: int) -> CommunityOfficer:
    return db.get_or_404(CommunityOfficer, officer_id)


@edit_bp.get("/oeffentlich")
@requires("public.edit")
def index():
    return render_template("public/edit/index.html", tenant=g.tenant, profile=services.profile(),
                           posts=services.all_news(), partners=services.partners(), officers=services.officers(),
                           sector_labels={sector.value: label for sector, label in SECTOR_LABELS.items()})


@edit_bp.route("/oeffentlich/profil", methods=["GET", "POST"])
@requires("public.edit")
def profile():
    current = services.profile()
    form = ProfileForm(obj=current)
    return _form_page(form, services.save_profile,
                      lambda saved: "Die Angaben der öffentlichen Seite wurden gespeichert.",
                      "Über den KPR und Kontakt", hints=PROFILE_HINTS)


def _post_page(post: NewsPost | None):
    form = NewsPostForm(obj=post) if post else NewsPostForm(data={"published": True})
    return _form_page(form, lambda data: services.save_post(post, data),
                      lambda saved: f"Die Meldung „{saved.title}“ wurde gespeichert.",
                      f"Meldung bearbeiten: {post.title}" if post else "Meldung schreiben",
                      (url_for(".delete_post", post_id=post.id), "Meldung löschen") if post else None,
                      hints={"body": MARKDOWN_HINT})


@edit_bp.route("/oeffentlich/meldungen/neu", methods=["GET", "POST"])
@requires("public.edit")
def new_post():
    return _post_page(None)


@edit_bp.route("/oeffentlich/meldungen/<int:post_id>", methods=["GET", "POST"])
@requires("public.edit", load=_load_post)
def edit_post(obj: NewsPost):
    return _post_page(obj)


@edit_bp.post("/oeffentlich/meldungen/<int:post_id>/veroeffentlichen")
@requires("public.edit", load=_load_post)
def publish_post(obj: NewsPost):
    services.set_published(obj, True)
    db.session.commit()
    flash(f"Die Meldung „{obj.title}“ ist jetzt öffentlich sichtbar.", "success")
    return redirect(url_for(".index"))


@edit_bp.post("/oeffentlich/meldungen/<int:post_id>/zurueckziehen")
@requires("public.edit", load=_load_post)
def unpublish_post(obj: NewsPost):
    services.set_published(obj, False)
    db.session.commit()
    flash(f"Die Meldung „{obj.title}“ ist nicht mehr öffentlich sichtbar.", "success")
    return redirect(url_for(".index"))


@edit_bp.post("/oeffentlich/meldungen/<int:post_id>/loeschen")
@requires("public.edit", load=_load_post)
def delete_post(obj: NewsPost):
    return _delete(obj, f"Die Meldung „{obj.title}“ wurde gelöscht.")


def _partner_page(partner: Partner | None):
    form = PartnerForm(obj=partner)
    return _form_page(form, lambda data: services.save_partner(partner, data),
                      lambda saved: f"{saved.name} wurde gespeichert.",
                      f"Netzwerkpartner bearbeiten: {partner.name}" if partner else "Netzwerkpartner eintragen",
                      (url_for(".delete_partner", partner_id=partner.id), "Netzwerkpartner entfernen") if partner
                      else None,
                      hints={"position": POSITION_HINT})


@edit_bp.route("/oeffentlich/partner/neu", methods=["GET", "POST"])
@requires("public.edit")
def new_partner():
    return _partner_page(None)


@edit_bp.route("/oeffentlich/partner/<int:partner_id>", methods=["GET", "POST"])
@requires("public.edit", load=_load_partner)
def edit_partner(obj: Partner):
    return _partner_page(obj)


@edit_bp.post("/oeffentlich/partner/<int:partner_id>/loeschen")
@requires("public.edit", load=_load_partner)
def delete_partner(obj: Partner):
    return _delete(obj, f"{obj.name} wurde aus den Netzwerkpartnern entfernt.")


def _officer_page(officer: CommunityOfficer | None):
    form = OfficerForm(obj=officer)
    return _form_page(form, lambda data: services.save_officer(officer, data),
                      lambda saved: f"{saved.name} wurde gespeichert.",
                      f"Bürgerpolizist:in bearbeiten: {officer.name}" if officer else "Bürgerpolizist:in eintragen",
                      (url_for(".delete_officer", officer_id=officer.id), "Bürgerpolizist:in entfernen") if officer
                      else None, hints={"position": POSITION_HINT})


@edit_bp.route("/oeffentlich/buergerpolizei/neu", methods=["GET", "POST"])
@requires("public.edit")
def new_officer():
    return _officer_page(None)


@edit_bp.route("/oeffentlich/buergerpolizei/<int:officer_id>", methods=["GET", "POST"])
@requires("public.edit", load=_load_officer)
def edit_officer(obj: CommunityOfficer):
    return _officer_page(obj)


@edit_bp.post("/oeffentlich/buergerpolizei/<int:officer_id>/loeschen")
@requires("public.edit", load=_load_officer)
def delete_officer(obj: CommunityOfficer):
    return _delete(obj, f"{obj.name} wurde aus der Liste der Bürgerpolizist:innen entfernt.")
