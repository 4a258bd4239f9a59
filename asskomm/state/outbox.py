"""The outbox, for state admins: every mail the platform sent or holds (asskomm.mail sends them)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template, request

from tenants import db

from ..mail.models import OutboxMessage
from ..policy import requires

bp = Blueprint("outbox", __name__, url_prefix="/land/postausgang", template_folder="templates")


@bp.get("/")
@requires("outbox.read")
def outbox():
    query = sa.select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    recipient = request.args.get("an", "").strip().lower()
    if recipient:
        query = query.where(OutboxMessage.recipient.contains(recipient))
    page = db.paginate(query, per_page=50, error_out=False)
    return render_template("outbox/outbox.html", page=page, recipient=recipient)


@bp.get("/<int:message_id>")
@requires("outbox.read")
def message(message_id: int):
    return render_template("outbox/message.html", message=db.get_or_404(OutboxMessage, message_id))
