"""Choosing one KPR out of thousands by typing: a text field (name or slug) that the server resolves,
and suggestions as JSON for the small script static/kpr_picker.js. Forms never list every KPR.

Resolution: the exact slug, or exactly one KPR of exactly that name, or the only KPR whose name
contains the text; several → the form comes back with the matches (at most MAX_CHOICES) to choose
from; none → a message. Each is one bounded query. `within` limits the KPRs a person may pick
(a coach's assigned ones); a KPR outside it is "not found", its name never shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import Blueprint, abort, jsonify, request
from flask_login import current_user
from wtforms import StringField
from wtforms.utils import unset_value
from wtforms.validators import StopValidation

from tenants import Tenant, db

from .accounts.models import Assignment, AssignmentKind, User, current_assignment_clause
from .policy import can, requires
from .policy.rules import memberships_of
from .timeutil import today

MAX_CHOICES = 20
MAX_SUGGESTIONS = 10
MAX_TEXT = 160
CHOICE_SUFFIX = "_wahl"  # the radio buttons of the matches: `<field>_wahl` = slug

bp = Blueprint("kpr_picker", __name__)


@dataclass(frozen=True)
class Kpr:
    id: int
    slug: str
    name: str
    district: str


@dataclass
class Picked:
    """What the typed text names: one KPR, several to choose from, or nothing (with a message)."""

    text: str
    kpr: Kpr | None = None
    matches: list[Kpr] = field(default_factory=list)
    message: str = ""

    @property
    def empty(self) -> bool:
        return not self.text

    @property
    def ok(self) -> bool:
        return self.kpr is not None or self.empty


_COLUMNS = (Tenant.id, Tenant.slug, Tenant.name, Tenant.district)


def _bounded(query: sa.Select, within: sa.ColumnElement | None) -> sa.Select:
    return query if within is None else query.where(within)


def resolve(text: str | None, within: sa.ColumnElement | None = None) -> Picked:
    """The KPR `text` names among those `within` allows (None: every KPR); one query."""
    text = " ".join((text or "").split())[:MAX_TEXT]
    if not text:
        return Picked("")
    lowered = text.lower()
    name = sa.func.lower(Tenant.name)
    rank = sa.case((Tenant.slug == lowered, 0), (name == lowered, 1), else_=2)
    query = _bounded(sa.select(*_COLUMNS, rank).where(
        sa.or_(Tenant.slug == lowered, Tenant.name.icontains(lowered, autoescape=True))), within)
    rows = db.session.execute(query.order_by(rank, Tenant.name, Tenant.id).limit(MAX_CHOICES + 1)).all()
    found = [Kpr(*row[:4]) for row in rows]
    exact_names = [kpr for kpr, row in zip(found, rows, strict=True) if row[4] == 1]
    if rows and rows[0][4] == 0:
        return Picked(text, found[0])
    if len(exact_names) == 1:
        return Picked(text, exact_names[0])
    if len(found) == 1:
        return Picked(text, found[0])
    if not found:
        return Picked(text, message=f"Kein KPR passt zu „{text}“. Bitte prüfen Sie die Schreibweise.")
    more = len(found) > MAX_CHOICES
    message = f"Mehrere KPR passen zu „{text}“. Bitte wählen Sie einen aus" + (
        f" (gezeigt werden die ersten {MAX_CHOICES}; genauere Eingabe grenzt weiter ein)." if more else ".")
    return Picked(text, matches=found[:MAX_CHOICES], message=message)


def from_form(data, name: str, within: sa.ColumnElement | None = None) -> Picked:
    """The KPR the form field `name` names: a chosen match (radio `<name>_wahl`) before the text."""
    chosen = (data.get(name + CHOICE_SUFFIX) or "").strip()
    if chosen:
        picked = resolve(chosen, within)
        if picked.kpr is not None and picked.kpr.slug == chosen:
            return picked
    return resolve(data.get(name), within)


class KprField(StringField):
    """The picker as a form field: `data` is the typed text, `picked` what it names after
    validation (None before); `within` limits the KPRs (set by the view). Unresolved text is
    the field's error, so the form comes back with the matches and changes nothing."""

    def __init__(self, label: str, within: sa.ColumnElement | None = None, **kwargs) -> None:
        super().__init__(label, **kwargs)
        self.within = within
        self.picked: Picked | None = None
        self._formdata = None

    def process(self, formdata, data=unset_value, extra_filters=None) -> None:
        self._formdata = formdata
        super().process(formdata, data, extra_filters)

    def pre_validate(self, form) -> None:
        self.picked = from_form(self._formdata or {}, self.name, self.within)
        if not self.picked.ok:
            raise StopValidation(self.picked.message)
        if self.picked.kpr is not None:  # shown again (another field's error): the one it named, unambiguous
            self.data = self.picked.kpr.slug

    @property
    def kpr(self) -> Kpr | None:
        return self.picked.kpr if self.picked else None


def by_id(tenant_id: int | None) -> Kpr | None:
    """The KPR to show in the field when a form is first filled from stored data."""
    if not tenant_id:
        return None
    row = db.session.execute(sa.select(*_COLUMNS).where(Tenant.id == tenant_id)).first()
    return Kpr(*row) if row else None


def suggestions(text: str, within: sa.ColumnElement | None = None) -> list[Kpr]:
    """Up to MAX_SUGGESTIONS KPRs whose name contains the text or whose slug begins with it."""
    text = " ".join((text or "").split())[:MAX_TEXT].lower()
    if not text:
        return []
    name = sa.func.lower(Tenant.name)
    starts = sa.case((name.startswith(text, autoescape=True), 0), else_=1)
    query = _bounded(sa.select(*_COLUMNS).where(sa.or_(
        Tenant.name.icontains(text, autoescape=True), Tenant.slug.startswith(text, autoescape=True))), within)
    rows = db.session.execute(query.order_by(starts, Tenant.name, Tenant.id).limit(MAX_SUGGESTIONS))
    return [Kpr(*row) for row in rows]


def assigned_to(user: User) -> sa.ColumnElement:
    """The KPRs `user` is the coach of today (SQL, for `within`)."""
    return Tenant.id.in_(sa.select(Assignment.tenant_id).where(
        Assignment.user_id == user.id, Assignment.kind == AssignmentKind.coach, current_assignment_clause(today())))


# purpose -> which KPRs a person may pick for it: None = all; abort(404) if the purpose is not theirs
def _for_reports(user: User) -> sa.ColumnElement | None:
    if not can(user, "reports.view"):
        abort(404)
    return None if user.is_state_staff else assigned_to(user)


def _for_choosing_any(user: User) -> sa.ColumnElement | None:
    """Forms that name any KPR (inviting a person, an event's organiser and invited KPRs): state staff
    and coordinators, who organise their KPR's events."""
    if user.is_state_staff or any(role == "coordinator" for role in memberships_of(user).values()):
        return None
    abort(404)


PURPOSES = {"berichte": _for_reports, "alle": _for_choosing_any}


def within_for(user: User, purpose: str) -> sa.ColumnElement | None:
    if purpose not in PURPOSES:
        abort(404)
    return PURPOSES[purpose](user)


@bp.get("/kpr-vorschlaege")
@requires(None)
def suggest():
    within = within_for(current_user, request.args.get("fuer", ""))
    found = suggestions(request.args.get("q", ""), within)
    return jsonify([{"slug": k.slug, "name": k.name, "district": k.district} for k in found])
