"""The Präventionsbericht pages of a KPR (/k/<slug>/praeventionsbericht/…): the years, a year's draft
with its preview and texts, the submitted versions with their frozen HTML and PDF; and the state
council's list of who submitted for which year (/land/praeventionsberichte/)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from tenants import db

from ..confirm import confirm
from ..exports import download
from ..forms import back_on_refusal, form_page, on_refusal
from ..navigation import tenant_nav_item
from ..policy import can, requires, tenant_area
from ..tagged_pdf import tagged_pdf
from ..timeutil import today
from . import listing, rendering, services
from .forms import OpenYearForm, ReturnForm, TextsForm
from .models import AnnualReport, ReportVersion

bp = tenant_area("annual_report", __name__, template_folder="templates")
state_bp = Blueprint("annual_report_state", __name__, url_prefix="/land/praeventionsberichte",
                     template_folder="templates")
tenant_nav_item("Präventionsbericht", "annual_report.index", "annual_report.submitted", 57, group="praevention")

# The frozen document keeps its own styles inline and has no scripts: it may style itself, nothing else.
DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"


def _report(report_id: int) -> AnnualReport:
    return db.get_or_404(AnnualReport, report_id)  # a foreign KPR's report is a 404 by scoping


def _version(report_version_id: int) -> ReportVersion:
    return db.get_or_404(ReportVersion, report_version_id)


def _index_page(form: OpenYearForm, status: int = 200):
    reports = listing.reports_of_tenant()
    return render_template("annual_report/index.html", reports=reports, form=form,
                           may_edit=can(current_user, "annual_report.edit", g.tenant),
                           may_read_drafts=can(current_user, "annual_report.view", g.tenant)), status


@bp.get("/praeventionsbericht/")
@requires("annual_report.submitted")
def index():
    return _index_page(OpenYearForm())


@bp.post("/praeventionsbericht/neu")
@requires("annual_report.edit")
def open_year():
    form = OpenYearForm()
    on_refusal(lambda: _index_page(form, 422), form)
    if not form.validate_on_submit():
        return _index_page(form, 422)
    report = services.open_report(form.year.data)
    flash(f"Der Präventionsbericht {report.year} ist angelegt: er liest die Einträge des Jahres.", "success")
    return redirect(url_for(".draft", report_id=report.id))


@bp.route("/praeventionsbericht/<int:report_id>", methods=["GET", "POST"])
@requires("annual_report.read", load=_report)
def draft(obj: AnnualReport):
    report = obj
    may_edit = can(current_user, "annual_report.edit", report)
    if request.method == "POST" and not may_edit:
        abort(403)
    form = TextsForm(obj=report)

    def save():
        services.save_texts(report, form.foreword.data or "", form.outlook.data or "")
        flash("Vorwort und Ausblick sind gespeichert.", "success")
        return redirect(url_for(".draft", report_id=report.id))

    return form_page(form, "annual_report/draft.html", save, may_edit=may_edit,
                     may_submit=can(current_user, "annual_report.submit", report),
                     **rendering.context(report))


@bp.get("/praeventionsbericht/<int:report_id>/entwurf.html")
@requires("annual_report.read", load=_report)
def draft_html(obj: AnnualReport):
    return _document(rendering.document_html(obj).encode(), "text/html", f"Praeventionsbericht-{obj.year}-Entwurf.html")


@bp.get("/praeventionsbericht/<int:report_id>/entwurf.pdf")
@requires("annual_report.read", load=_report)
def draft_pdf(obj: AnnualReport):
    pdf = tagged_pdf(rendering.document_html(obj))
    return _document(pdf, "application/pdf", f"Praeventionsbericht-{obj.year}-Entwurf.pdf")


@bp.route("/praeventionsbericht/<int:report_id>/einreichen", methods=["GET", "POST"])
@requires("annual_report.read", load=_report)
def submit(obj: AnnualReport):
    report = obj
    if not can(current_user, "annual_report.edit", report):
        abort(403)
    back = url_for(".draft", report_id=report.id)
    back_on_refusal(back)
    services.check_submittable(report)  # no question for what cannot be done
    number = max((v.number for v in report.versions), default=0) + 1
    answer = confirm(
        f"{report.title} einreichen?",
        [f"Der Bericht wird so, wie er jetzt lautet, als Fassung {number} eingefroren (HTML und PDF).",
         "Der Landespräventionsrat sieht die Fassung sofort; sie lässt sich danach nicht mehr ändern.",
         "Spätere Einträge ändern diese Fassung nicht. Gibt der Landespräventionsrat sie zurück, "
         "können Sie eine neue Fassung einreichen."],
        "Verbindlich einreichen", back)
    if not answer.confirmed:
        return answer.page
    version = services.submit(report, current_user)
    flash(f"Fassung {version.number} des {report.title} ist beim Landespräventionsrat eingereicht.", "success")
    return redirect(url_for(".version", report_version_id=version.id))


@bp.get("/praeventionsbericht/fassungen/<int:report_version_id>")
@requires("report_version.read", load=_version)
def version(obj: ReportVersion):
    return render_template("annual_report/version.html", version=obj,
                           may_return=can(current_user, "report_version.return", obj),
                           may_publish=can(current_user, "report_version.publish", obj),
                           may_read_draft=can(current_user, "annual_report.read", obj.report))


@bp.get("/praeventionsbericht/fassungen/<int:report_version_id>/bericht.html")
@requires("report_version.read", load=_version)
def version_html(obj: ReportVersion):
    return _document(obj.html.encode(), "text/html",
                     f"Praeventionsbericht-{obj.year}-Fassung-{obj.number}.html")


@bp.get("/praeventionsbericht/fassungen/<int:report_version_id>/bericht.pdf")
@requires("report_version.read", load=_version)
def version_pdf(obj: ReportVersion):
    return _document(obj.pdf, "application/pdf", f"Praeventionsbericht-{obj.year}-Fassung-{obj.number}.pdf")


@bp.route("/praeventionsbericht/fassungen/<int:report_version_id>/zurueckgeben", methods=["GET", "POST"])
@requires("report_version.read", load=_version)
def return_version(obj: ReportVersion):
    if not can(current_user, "annual_report.return", obj):
        abort(403)
    form = ReturnForm()

    def save():
        services.return_version(obj, current_user, form.remark.data or "")
        flash(f"Fassung {obj.number} ist an die Koordinierungsstelle zurückgegeben.", "success")
        return redirect(url_for(".version", report_version_id=obj.id))

    return form_page(form, "annual_report/return.html", save, version=obj)


@bp.route("/praeventionsbericht/fassungen/<int:report_version_id>/veroeffentlichen", methods=["GET", "POST"])
@requires("report_version.read", load=_version)
def publish(obj: ReportVersion):
    if not can(current_user, "annual_report.edit", obj):
        abort(403)
    back = url_for(".version", report_version_id=obj.id)
    back_on_refusal(back)
    services.check_publishable(obj)  # no question for what cannot be done
    answer = confirm(
        f"{obj.title} veröffentlichen?",
        [f"Die Fassung {obj.number} wird als Dokument „Präventionsbericht {obj.year}“ auf der öffentlichen Seite "
         "des KPR für alle lesbar, als barrierefreies PDF.",
         "Gibt es schon ein Dokument dieses Namens, wird sie dessen neue Version; die frühere bleibt erhalten.",
         "Rückgängig machen Sie es unter „Dokumente“: dort stellen Sie das Dokument auf intern oder löschen es."],
        "Veröffentlichen", back, reversible=True)
    if not answer.confirmed:
        return answer.page
    services.publish(obj, current_user)
    flash(f"{obj.title} steht jetzt auf der öffentlichen Seite des KPR.", "success")
    return redirect(back)


def _document(content: bytes, mimetype: str, filename: str) -> Response:
    """Shown in the browser (inline); the name is the one a download keeps."""
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    if mimetype == "text/html":
        response.headers["Content-Security-Policy"] = DOCUMENT_CSP
    return response


def _state_year(years: list[int]) -> tuple[int | None, str]:
    """The list's year filter: a year with submissions, else all years (and what was asked for)."""
    raw = request.args.get("jahr", "").strip()
    return (int(raw) if raw.isdigit() and int(raw) in years else None), raw


@state_bp.get("/")
@requires("annual_report.list")
def state_list():
    years = listing.submitted_years()
    year, raw_year = _state_year(years)
    if raw_year and year is None:
        flash(f"Für das Jahr „{raw_year[:10]}“ ist kein Präventionsbericht eingereicht; gezeigt werden alle Jahre.",
              "error")
    page = listing.submissions(year, request.args.get("seite", 1, type=int) or 1)
    return render_template("annual_report/state_list.html", page=page, years=years, year=year,
                           readable=listing.readable_tenants(current_user))


@state_bp.get("/liste.csv")
@requires("annual_report.list")
def state_list_csv():
    """The list with the page's year filter, every page of it, for a spreadsheet."""
    year, _ = _state_year(listing.submitted_years())
    return download(listing.submissions_csv(year),
                    f"praeventionsberichte-{year or 'alle-jahre'}-{today().isoformat()}.csv")
