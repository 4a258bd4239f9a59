"""What can be commented on: each kind of workspace item with its model, who may see it, its German
label, its title and the page that shows it.

An item is loaded through the ORM within the current tenant, so another KPR's id is simply not
found (404), and an unknown kind is a 404 too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import abort, g, url_for
from flask_login import current_user

from tenants import db

from ..annual_report.models import AnnualReport
from ..documents.models import Document
from ..founding.guide import BY_KEY
from ..founding.models import FoundingStep
from ..meetings.models import ActionItem, Meeting
from ..policy import can
from ..prevention.models import Goal, Measure, PreventionCycle


@dataclass(frozen=True)
class ItemKind:
    key: str
    model: type
    view_action: str  # the permission needed to see an item of this kind
    label: str
    title: Callable[[Any], str]
    page: Callable[[Any], str]  # the path of the page that shows the item (and its comments)

    def anchor(self, item_id: int) -> str:
        """The id of the comments panel of one item on its page."""
        return f"kommentare-{self.key.replace('_', '-')}-{item_id}"

    def url(self, item) -> str:
        return f"{self.page(item)}#{self.anchor(item.id)}"

    def visible_to(self, user, tenant) -> bool:
        return can(user, self.view_action, tenant)


KINDS: dict[str, ItemKind] = {kind.key: kind for kind in (
    ItemKind("meeting", Meeting, "meetings.view", "Sitzung", lambda m: m.title,
             lambda m: url_for("meetings.show", meeting_id=m.id)),
    ItemKind("document", Document, "documents.view", "Dokument", lambda d: d.title,
             lambda d: url_for("documents.detail", document_id=d.id)),
    ItemKind("founding_step", FoundingStep, "founding.view", "Gründungsschritt", lambda s: BY_KEY[s.key].title,
             lambda s: url_for("founding.guide")),
    ItemKind("action_item", ActionItem, "meetings.view", "Aufgabe", lambda a: a.title,
             lambda a: url_for("meetings.show", meeting_id=a.meeting_id)),
    # The prevention cycle: a round (its Sicherheitsanalyse), a goal of its strategy, a measure.
    ItemKind("prevention_cycle", PreventionCycle, "prevention.view", "Sicherheitsanalyse", lambda c: c.title,
             lambda c: url_for("prevention.cycle", cycle_id=c.id)),
    ItemKind("prevention_goal", Goal, "prevention.view", "Ziel", lambda goal: goal.title,
             lambda goal: url_for("prevention.goal", goal_id=goal.id)),
    ItemKind("prevention_measure", Measure, "prevention.view", "Maßnahme", lambda m: m.title,
             lambda m: url_for("prevention.measure", measure_id=m.id)),
    # The draft of a Präventionsbericht: the coach comments, the coordinators answer.
    ItemKind("annual_report", AnnualReport, "annual_report.view", "Präventionsbericht", lambda r: r.title,
             lambda r: url_for("annual_report.draft", report_id=r.id)),
)}


def kind_or_404(key: str | None) -> ItemKind:
    kind = KINDS.get(key or "")
    if kind is None:
        abort(404)
    return kind


def load_item(kind: ItemKind, item_id: int):
    """The item of the current KPR that the current person may see; anything else is a 404."""
    item = db.session.get(kind.model, item_id)
    if item is None or not kind.visible_to(current_user, g.tenant):
        abort(404)
    return item

