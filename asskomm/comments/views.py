"""Posting and withdrawing comments on workspace items.

The panel under each item (templates/comments/_panel.html) reads its comments through the template
globals below; posting and withdrawing lead back to the item's page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask import abort, flash, g, redirect, render_template, url_for
from flask_login import current_user

from tenants import db

from ..formats import format_number
from ..forms import back_on_refusal
from ..policy import can, requires, tenant_area
from . import items, services
from .forms import CommentForm
from .models import WorkspaceComment

bp = tenant_area("comments", __name__, template_folder="templates")


@bp.app_template_global()
def comment_threads(wanted: Mapping[str, Iterable[int]]) -> dict[str, dict[int, list[WorkspaceComment]]]:
    """Comments on the items a page shows, {kind: item ids}, with their authors (one query)."""
    return services.threads({items.kind_or_404(kind).key: ids for kind, ids in wanted.items()})


@bp.app_template_global()
def comment_kind(kind: str) -> items.ItemKind:
    return items.kind_or_404(kind)


@bp.app_template_global()
def comment_max_length() -> tuple[int, str]:
    return services.MAX_LENGTH, format_number(services.MAX_LENGTH)


@bp.app_template_global()
def may_comment(kind: str) -> bool:
    """Whether the current person may write under items of this kind in this KPR."""
    return can(current_user, "comments.write", g.tenant) and items.kind_or_404(kind).visible_to(current_user, g.tenant)


@bp.post("/kommentare")
@requires("comments.write")
def create():
    form = CommentForm()
    if not form.validate_on_submit():
        # Without the item it belongs to, there is no page to return to.
        return render_template("errors/error.html", title="Kommentar nicht gesendet",
                               text="Das Formular nennt keinen Eintrag, zu dem der Kommentar gehört. "
                                    "Bitte öffnen Sie den Eintrag und schreiben Sie den Kommentar dort."), 422
    kind = items.kind_or_404(form.item_kind.data)
    item = items.load_item(kind, form.item_id.data)
    back_on_refusal(kind.url(item))
    services.add_comment(g.tenant, kind, item, current_user, form.body.data)
    flash("Ihr Kommentar wurde gespeichert.", "success")
    return redirect(kind.url(item))


@bp.post("/kommentare/<int:comment_id>/zurueckziehen")
@requires("comments.write", load=lambda comment_id: db.get_or_404(WorkspaceComment, comment_id))
def withdraw(obj: WorkspaceComment):
    if not can(current_user, "comment.withdraw", obj):
        abort(403)
    kind = items.kind_or_404(obj.item_kind)
    item = db.session.get(kind.model, obj.item_id)
    back = kind.url(item) if item is not None else url_for("public.home")
    back_on_refusal(back)
    services.withdraw(obj)
    flash("Ihr Kommentar wurde zurückgezogen.", "success")
    return redirect(back)
