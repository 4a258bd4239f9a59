"""Record a feedback on accessibility and mail it to the operator (flush only; the request commits)."""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app

from config import LegalSettings
from tenants import FIRST_ALLIANCE_ID, Tenant, db
from tenants.alliances import current_alliance

from ..errors import DomainError
from ..mail.services import public_link, queue_mail
from ..paging import Page, clamp
from .models import AccessibilityFeedback

MESSAGE_MAX = 5000
PAGE_MAX = 500
_KPR_PATH = re.compile(r"/k/([a-z0-9-]+)(?:/|$)")


def _tenant_of(page: str) -> int | None:
    """The KPR whose area the page concerned lies in (/k/<slug>/…), so the list can name it."""
    match = _KPR_PATH.match(urlsplit(page).path)
    if match is None:
        return None
    return db.session.scalar(sa.select(Tenant.id).where(Tenant.slug == match[1]))


def record_feedback(name: str | None, email: str | None, page: str, message: str) -> AccessibilityFeedback:
    """Store the feedback and queue its mail to the operator, with Reply-To the sender when given."""
    message, page = (message or "").strip(), " ".join((page or "").split())
    if not message:
        raise DomainError("Bitte beschreiben Sie, was Ihnen aufgefallen ist.", "message")
    if len(message) > MESSAGE_MAX:
        raise DomainError(f"Bitte fassen Sie sich auf höchstens {MESSAGE_MAX} Zeichen.", "message")
    if not page:
        raise DomainError("Bitte nennen Sie die Seite, um die es geht.", "page")
    feedback = AccessibilityFeedback(name=(name or "").strip() or None, email=(email or "").strip() or None,
                                     page=page[:PAGE_MAX], message=message, tenant_id=_tenant_of(page))
    db.session.add(feedback)
    db.session.flush()
    legal = operator_of_alliance(current_app.config["SETTINGS"].legal)
    queue_mail(legal.operator_email, "legal/mail_feedback.txt", f"accessibility-feedback:{feedback.id}",
               tenant_id=feedback.tenant_id, reply_to=feedback.email, feedback=feedback,
               link=public_link("legal.feedback_list"))
    return feedback


def feedback_page(number: int, per_page: int = 25) -> Page:
    """The received feedback, newest first, with the KPR each names: two queries whatever the count."""
    total = db.session.scalar(sa.select(sa.func.count(AccessibilityFeedback.id))) or 0
    number, pages = clamp(total, number, per_page)
    rows = db.session.execute(
        sa.select(AccessibilityFeedback, Tenant)
        .outerjoin(Tenant, Tenant.id == AccessibilityFeedback.tenant_id)
        .order_by(AccessibilityFeedback.created_at.desc(), AccessibilityFeedback.id.desc())
        .limit(per_page).offset((number - 1) * per_page)
    ).all()
    return Page(rows=list(rows), total=total, page=number, pages=pages)


def delete_feedback(feedback: AccessibilityFeedback) -> None:
    db.session.delete(feedback)
    db.session.flush()


def operator_of_alliance(legal: LegalSettings) -> LegalSettings:
    """The installation's legal settings with the current alliance's operator where it names one: each
    state's network has its own provider in its Impressum and its own controller in its privacy policy.
    The first alliance's operator is the installation's (OPERATOR_*)."""
    alliance = current_alliance()
    if alliance.id == FIRST_ALLIANCE_ID or not alliance.operator_name:
        return legal
    # the installation's representative and telephone are the first alliance's: not named for another
    return dataclasses.replace(legal, operator_name=alliance.operator_name, operator_address=alliance.operator_address,
                               operator_email=alliance.operator_email or legal.operator_email,
                               operator_represented_by="", operator_phone="")
