"""What is findable, kind by kind: how an entry is read from the feature's rows (in bulk, one or
two queries per kind for any number of objects), who may open it (the policy's tenant actions of
the page it links to), and which changes of which rows make an entry stale."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from tenants import Tenant, db

from ..documents.models import Document
from ..events.models import Event
from ..meetings.models import AgendaItem, Decision, Meeting, Minutes
from ..prevention.models import ActionField, Measure, PreventionCycle
from ..public.models import NewsPost, PublicProfile
from ..structure.models import Body, Person


@dataclass(frozen=True)
class Fields:
    """An entry as a source reads it (file_text is the task's, see tasks.py)."""

    object_id: int
    tenant_id: int | None
    title: str
    text: str
    rule: str | None = None
    rule_alt: str | None = None
    open_to_all: bool = False
    for_alliance: bool = False
    target_id: int | None = None  # the id in the link, where it is not the object's (minutes: their meeting)


def _join(*parts) -> str:
    return "\n".join(str(part) for part in parts if part)


def _in(column, ids: Iterable[int] | None):
    return sa.true() if ids is None else column.in_(list(ids))


def _many(column_of_owner, column_of_text, ids) -> dict[int, list[str]]:
    """Texts of child rows (agenda items, decisions) by their owner's id, in one query."""
    found: dict[int, list[str]] = defaultdict(list)
    for owner, text in db.session.execute(
            sa.select(column_of_owner, column_of_text).where(_in(column_of_owner, ids))):
        found[owner].append(text)
    return found


def kprs(ids) -> Iterable[Fields]:
    """A KPR, by its names, district and the public page's texts; its public page is everyone's."""
    rows = db.session.execute(sa.select(Tenant, PublicProfile.about, PublicProfile.goals).outerjoin(
        PublicProfile, PublicProfile.tenant_id == Tenant.id).where(_in(Tenant.id, ids)))
    for tenant, about, goals in rows:
        yield Fields(tenant.id, tenant.id, tenant.council_name, _join(tenant.name, tenant.district, about, goals),
                     rule="tenant.view", open_to_all=True)


def people(ids) -> Iterable[Fields]:
    for person in db.session.scalars(sa.select(Person).where(_in(Person.id, ids))):
        yield Fields(person.id, person.tenant_id, person.name,
                     # no e-mail address: the hit's snippet would show it to every member (least visibility)
                     _join(person.function, person.organisation), rule="structure.view")


def meetings(ids) -> Iterable[Fields]:
    agenda = _many(AgendaItem.meeting_id, AgendaItem.title, ids)
    rows = db.session.execute(sa.select(Meeting, Body.name).join(Body, Body.id == Meeting.body_id)
                              .where(_in(Meeting.id, ids)))
    for meeting, body in rows:
        yield Fields(meeting.id, meeting.tenant_id, meeting.title,
                     _join(body, meeting.place, *agenda.get(meeting.id, [])), rule="meetings.view")


def minutes(ids) -> Iterable[Fields]:
    decisions = _many(Decision.minutes_id, Decision.text, ids)
    rows = db.session.execute(sa.select(Minutes, Meeting.title).join(Meeting, Meeting.id == Minutes.meeting_id)
                              .where(_in(Minutes.id, ids)))
    for record, meeting_title in rows:
        text = _join(record.text, *decisions.get(record.id, []))
        if text.strip():
            yield Fields(record.id, record.tenant_id, f"Niederschrift: {meeting_title}", text, rule="meetings.view",
                         target_id=record.meeting_id)


def documents(ids) -> Iterable[Fields]:
    for document in db.session.scalars(sa.select(Document).where(_in(Document.id, ids))):
        yield Fields(document.id, document.tenant_id, document.title,
                     _join(document.category.label, document.description), rule="documents.view")


def measures(ids) -> Iterable[Fields]:
    """Read by the KPR's people; by the state council once the round's strategy is shared; by the
    alliance once the KPR shares the measure in the practice exchange."""
    rows = db.session.execute(
        sa.select(Measure, ActionField.title, PreventionCycle.strategy_shared)
        .join(ActionField, ActionField.id == Measure.action_field_id)
        .join(PreventionCycle, PreventionCycle.id == Measure.cycle_id).where(_in(Measure.id, ids)))
    for measure, field, strategy_shared in rows:
        yield Fields(measure.id, measure.tenant_id, measure.title,
                     _join(field, measure.description, measure.partners, measure.evaluation_done,
                           measure.evaluation_reached, measure.evaluation_learned),
                     rule="prevention.view", rule_alt="prevention.shared" if strategy_shared else None,
                     for_alliance=measure.shareable)


def events(ids) -> Iterable[Fields]:
    """The alliance's catalog, which every signed-in person reads (network meetings' minutes are not
    indexed: only their organisers and invited KPRs read them)."""
    for event in db.session.scalars(sa.select(Event).where(_in(Event.id, ids))):
        yield Fields(event.id, None, event.title, _join(event.kind.label, event.district, event.description,
                                                        event.agenda), open_to_all=True)


def news(ids) -> Iterable[Fields]:
    """A published post is everyone's (on the public page); a draft is its editors'."""
    for post in db.session.scalars(sa.select(NewsPost).where(_in(NewsPost.id, ids))):
        yield Fields(post.id, post.tenant_id, post.title, post.body, rule="public.edit",
                     rule_alt="tenant.view" if post.published else None, open_to_all=post.published)


@dataclass(frozen=True)
class Source:
    kind: str
    label: str
    read: Callable[[Iterable[int] | None], Iterable[Fields]]


SOURCES = {source.kind: source for source in (
    Source("kpr", "KPR", kprs),
    Source("person", "Personen", people),
    Source("meeting", "Sitzungen", meetings),
    Source("minutes", "Niederschriften", minutes),
    Source("document", "Dokumente", documents),
    Source("measure", "Maßnahmen", measures),
    Source("event", "Veranstaltungen", events),
    Source("news", "Meldungen", news),
)}


# A changed row of these classes -> the entries to read again: (kind, id) pairs, or (kind, a
# select of ids) where a change reaches many entries (a round's strategy shared: all its measures).
TRIGGERS: dict[type, Callable] = {
    Tenant: lambda t: [("kpr", t.id)],
    PublicProfile: lambda p: [("kpr", p.tenant_id)],
    Person: lambda p: [("person", p.id)],
    Meeting: lambda m: [("meeting", m.id), ("minutes", sa.select(Minutes.id).where(Minutes.meeting_id == m.id))],
    AgendaItem: lambda a: [("meeting", a.meeting_id)],
    Body: lambda b: [("meeting", sa.select(Meeting.id).where(Meeting.body_id == b.id))],
    Minutes: lambda m: [("minutes", m.id)],
    Decision: lambda d: [("minutes", d.minutes_id)],
    Document: lambda d: [("document", d.id)],
    Measure: lambda m: [("measure", m.id)],
    ActionField: lambda f: [("measure", sa.select(Measure.id).where(Measure.action_field_id == f.id))],
    PreventionCycle: lambda c: [("measure", sa.select(Measure.id).where(Measure.cycle_id == c.id))],
    Event: lambda e: [("event", e.id)],
    NewsPost: lambda p: [("news", p.id)],
}
