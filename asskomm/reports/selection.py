"""Which part of the alliance a report shows, and who may see it.

State staff choose a federal state, a district or a KPR. A coach sees the KPRs assigned to them
today, together or one by one; any other KPR, district or state is a 404 for them, exactly as
the KPR's own pages are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import abort
from werkzeug.datastructures import MultiDict

from tenants import Tenant, db

from .. import kpr_picker
from ..accounts.models import User

DEFAULT_STATE = "Sachsen"
SEARCH_FIELD = "kpr_suche"  # the picker's text field; `kpr` stays the exact slug of links


@dataclass
class Selection:
    label: str
    scope: str  # state | district | kpr | caseload (a coach's KPRs, summed when read)
    keys: list[str]
    child_scope: str | None = None
    children: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # (scope key, label, args)
    args: dict[str, str] = field(default_factory=dict)  # the query arguments that select it again
    kpr_name: str = ""  # the one KPR shown, for the picker's field


@dataclass
class Choices:
    """What the filter form offers this person: the federal states and districts (bounded), and the
    KPR picker limited to `within` (a coach's assigned KPRs; None for state staff)."""

    states: list[str]
    districts: list[str]
    coach: bool
    within: sa.ColumnElement | None
    picked: kpr_picker.Picked | None = None  # what the typed KPR text named, for the form


def choices_for(user: User) -> Choices:
    coach = not user.is_state_staff
    if coach:
        return Choices([], [], True, kpr_picker.assigned_to(user))
    rows = db.session.execute(sa.select(Tenant.federal_state, Tenant.district).distinct()).all()
    return Choices(sorted({s for s, _ in rows}), sorted({d for _, d in rows}), False, None)


def _kprs(where: sa.ColumnElement) -> list[tuple[str, str, dict[str, str]]]:
    query = sa.select(Tenant.id, Tenant.slug, Tenant.name).where(where).order_by(Tenant.name, Tenant.id)
    return [(str(i), name, {"kpr": slug}) for i, slug, name in db.session.execute(query)]


def _kpr(kpr: kpr_picker.Kpr) -> Selection:
    return Selection(f"KPR {kpr.name}", "kpr", [str(kpr.id)], args={"kpr": kpr.slug}, kpr_name=kpr.name)


def resolve(args: MultiDict, choices: Choices) -> Selection:
    """The selection the query arguments name; 404 for anything this person may not see.

    `kpr` is a slug (links, exports): exact, or 404. `kpr_suche` is the picker's typed text: what
    it names is shown; several or no matches leave the wider selection with the picker's message."""
    if slug := args.get("kpr", ""):
        picked = kpr_picker.resolve(slug, choices.within)
        if picked.kpr is None or picked.kpr.slug != slug:
            abort(404)
        return _kpr(picked.kpr)
    picked = kpr_picker.from_form(args, SEARCH_FIELD, choices.within)
    if not picked.empty:
        choices.picked = picked
        if picked.kpr is not None:
            return _kpr(picked.kpr)
    if choices.coach:
        if args.get("landkreis") or args.get("land"):
            abort(404)
        children = _kprs(choices.within)
        return Selection("Meine KPR", "caseload", [key for key, _, _ in children], "kpr", children)
    if district := args.get("landkreis", ""):
        if district not in choices.districts:
            abort(404)
        children = _kprs(Tenant.district == district)
        return Selection(district, "district", [district], "kpr", children, {"landkreis": district})
    state = args.get("land", "") or (DEFAULT_STATE if DEFAULT_STATE in choices.states else "")
    state = state or (choices.states[0] if choices.states else DEFAULT_STATE)
    if choices.states and state not in choices.states:
        abort(404)
    districts = db.session.scalars(sa.select(Tenant.district).where(Tenant.federal_state == state)
                                   .distinct().order_by(Tenant.district)).all()
    children = [(d, d, {"landkreis": d}) for d in districts]
    return Selection(state, "state", [state], "district", children, {"land": state})
