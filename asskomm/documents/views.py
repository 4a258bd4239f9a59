"""Documents with versions: upload, list, download."""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import abort, flash, g, redirect, render_template, send_file, url_for
from flask_login import current_user

from tenants import db

from ..confirm import confirm
from ..forms import form_page
from ..navigation import tenant_nav_item
from ..policy import can, public_tenant_area, requires, tenant_area
from . import services, storage
from .forms import FILE_HINT, DocumentForm, NewDocumentForm, VersionForm
from .models import Document, DocumentVersion, Visibility
from .too_large import form_again_when_too_large, upload_form_page
from .uploads import format_size

log = logging.getLogger(__name__)

bp = tenant_area("documents", __name__, template_folder="templates")
public_bp = public_tenant_area("documents_public", __name__, template_folder="templates")
tenant_nav_item("Dokumente", "documents.index", "documents.view", 30, group="dokumente")


@bp.app_template_filter("filesize")
def _filesize(size: int | None) -> str:
    return "–" if size is None else format_size(size)


def _load_document(document_id: int) -> Document:
    return db.get_or_404(Document, document_id)


def _load_version(document_id: int, version_id: int) -> DocumentVersion:
    return services.version_of(document_id, version_id) or abort(404)


def send_version(version: DocumentVersion, private: bool):
    """The stored file under its original name, always as a download (also used for the signed
    cooperation agreement)."""
    path = storage.file_path(version.tenant_id, version.storage_name)
    if not path.is_file():
        log.error("stored file of document version %s is missing: %s", version.id, path)
        abort(404)
    response = send_file(path, mimetype=version.content_type, as_attachment=True,
                         download_name=version.original_name, conditional=True, etag=version.sha256, max_age=None)
    # Even a file that is also a web page cannot run: no scripts, no plugins, its own origin.
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    if private:
        response.headers["Cache-Control"] = "private, no-store"
    else:
        response.headers["Cache-Control"] = "public, no-cache"
    return response


@bp.get("/dokumente")
@requires("documents.view")
def index():
    groups = services.grouped_documents()
    names = services.uploader_names(version for rows in groups.values() for _, version in rows)
    return render_template("documents/index.html", groups=groups, labels=services.GROUP_LABELS, names=names)


@bp.route("/dokumente/neu", methods=["GET", "POST"])
@form_again_when_too_large
@requires("documents.edit")
def new():
    def save(form: NewDocumentForm, upload) -> tuple[Document, str]:
        document = services.create_document(form.data, upload, form.note.data, current_user.id)
        return document, f"„{document.title}“ wurde hochgeladen."

    return _upload_page(NewDocumentForm(), None, "new", save)


def _upload_page(form, document: Document | None, mode: str, save: Callable):
    """Check the file and let `save` store it; a refused file changes nothing (the rollback also
    deletes the file stored meanwhile), and its message stands at the file field."""
    def store():
        upload = services.check(form.file.data.filename, form.file.data.stream)
        saved, message = save(form, upload)
        flash(message, "success")
        return redirect(url_for(".detail", document_id=saved.id))

    return upload_form_page(form, lambda: _form_page(form, document, mode, store, refusal_field="file"))


def _form_page(form, document: Document | None, mode: str, save: Callable, refusal_field: str | None = None):
    return form_page(form, "documents/form.html", save, refusal_field=refusal_field, document=document, mode=mode,
                     file_hint=FILE_HINT, limit=format_size(services.upload_limit()))


@bp.get("/dokumente/<int:document_id>")
@requires("documents.view", load=lambda document_id: services.document_with_versions(document_id) or abort(404))
def detail(obj: Document):
    return render_template("documents/detail.html", document=obj, names=services.uploader_names(obj.versions),
                           Visibility=Visibility)


@bp.route("/dokumente/<int:document_id>/bearbeiten", methods=["GET", "POST"])
@requires("documents.edit", load=_load_document)
def edit(obj: Document):
    form = DocumentForm(obj=obj)
    if not form.is_submitted():
        form.category.data, form.visibility.data = obj.category.value, obj.visibility.value

    def save():
        services.update_document(obj, form.data)
        flash(f"„{obj.title}“ wurde gespeichert.", "success")
        return redirect(url_for(".detail", document_id=obj.id))

    return _form_page(form, obj, "edit", save)


@bp.route("/dokumente/<int:document_id>/versionen/neu", methods=["GET", "POST"])
@form_again_when_too_large
@requires("documents.edit", load=_load_document)
def new_version(obj: Document):
    def save(form: VersionForm, upload) -> tuple[Document, str]:
        version = services.add_version(obj, upload, form.note.data, current_user.id)
        return obj, f"Version {version.number} von „{obj.title}“ wurde hochgeladen."

    return _upload_page(VersionForm(), obj, "version", save)


@bp.get("/dokumente/<int:document_id>/versionen/<int:version_id>")
@requires("documents.view", load=_load_version)
def version_download(obj: DocumentVersion):
    return send_version(obj, private=True)


@public_bp.get("/dokumente/<int:document_id>/datei")
def download(document_id: int):
    """The current version: for everyone when the document is public, else for the KPR's readers.
    Anyone else gets 404, anonymous visitors too: an internal document does not exist for them."""
    document = db.get_or_404(Document, document_id)
    readable = current_user.is_authenticated and can(current_user, "documents.view", g.tenant)
    if document.visibility != Visibility.public and not readable:
        abort(404)
    version = services.current_version(document) or abort(404)
    return send_version(version, private=document.visibility != Visibility.public)


@bp.route("/dokumente/<int:document_id>/loeschen", methods=["GET", "POST"])
@requires("documents.edit", load=_load_document)
def delete(obj: Document):
    versions = len(obj.versions)
    question = confirm(f"„{obj.title}“ löschen?", [
        f"Das Dokument und {'seine Version' if versions == 1 else f'alle {versions} Versionen'} mit ihren Dateien "
        "werden gelöscht.", "Kommentare zum Dokument werden mit gelöscht.",
        "Die Löschung steht mit Ihrer Begründung im Änderungsprotokoll."],
        "Endgültig löschen", url_for(".detail", document_id=obj.id))
    if not question.confirmed:
        return question.page
    title = obj.title
    services.delete_document(obj)
    flash(f"„{title}“ und alle Versionen wurden gelöscht.", "success")
    return redirect(url_for(".index"))
