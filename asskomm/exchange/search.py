"""Reading the exchange across KPRs: the search over shared measures, one shared measure with what
its page shows, and the state council's list of how far each practice spread. Every read names its
purpose in `cross_tenant(...)`; rows leave the block as plain values, so no lazy load runs later
without a tenant. Each function sends a fixed number of queries, however many KPRs share.

A reader sees the shared measures of their alliance and those other alliances' KPRs shared beyond
their alliance (issue 17): such a read leaves the alliance scope (`_beyond`) and names the rule
itself (`_visible_here`), so no other alliance's practice that stayed within it is ever read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import aliased, joinedload, selectinload

from tenants import Tenant, alliance_context, cross_tenant, db, maybe_alliance_id, within_tenants
from tenants.alliances import alliance_info
from tenants.models import compose_name

from ..paging import Page, clamp
from ..prevention.models import ActionField, Goal, Measure, MeasureStatus, Setting, TargetGroup, WorksheetStep
from ..prevention.reference import BECCARIA_STEPS, PROGRAMMES
from ..prevention.survey.bank import SIZE_CLASSES, SIZE_LABELS, size_class
from ..public.models import PublicProfile
from .models import Adoption

PER_PAGE = 20
SPREAD_PER_PAGE = 50
OWN_ADOPTIONS = 100
ADOPTERS_SHOWN = 50
REASON = "practice exchange: measures the KPRs shared with the alliance, and other alliances' shared beyond"


@dataclass(frozen=True)
class Criteria:
    """The search form's values; empty means "any"."""

    text: str = ""
    field: str = ""
    target_group: TargetGroup | None = None
    setting: Setting | None = None
    programme_key: str = ""
    evidence: int | None = None
    status: MeasureStatus | None = None
    district: str = ""
    size: str = ""


@dataclass(frozen=True)
class PracticeRow:
    id: int
    title: str
    field: str
    kpr: str
    district: str
    status: MeasureStatus
    target_group: TargetGroup | None
    setting: Setting | None
    programme_key: str
    evaluated: bool
    adopters: int
    land: str = ""  # the federal state of another alliance's KPR; "" for the reader's own alliance


def land_of(tenant: Tenant, current: int | None) -> str:
    """The federal state a practice comes from when it is another alliance's, else ""; no query."""
    if current is None or tenant.alliance_id == current:
        return ""
    return alliance_info(tenant.alliance_id).federal_state


@contextmanager
def _beyond(reason: str = REASON) -> Iterator[int | None]:
    """A cross-tenant read outside the alliance scope; yields the reader's alliance (None outside
    any), which the statements must then filter by with `_visible_here`."""
    current = maybe_alliance_id()
    with cross_tenant(reason), alliance_context(None):
        yield current


def _visible_here(current: int | None) -> list:
    """The reader's alliance's KPRs, and other alliances' measures shared beyond their alliance."""
    if current is None:
        return []
    return [sa.or_(Tenant.alliance_id == current, Measure.shared_beyond_alliance.is_(True))]


def _shared():
    """Shared measures of KPRs that are not archived, with their action field and KPR."""
    return (sa.select(Measure).join(ActionField, ActionField.id == Measure.action_field_id)
            .join(Tenant, Tenant.id == Measure.tenant_id)
            .where(Measure.shareable.is_(True), Tenant.archived_at.is_(None)))


def _size_range(key: str):
    bounds = [lowest for k, lowest, _ in SIZE_CLASSES]
    keys = [k for k, _, _ in SIZE_CLASSES]
    index = keys.index(key)
    condition = Tenant.population >= bounds[index]
    if index + 1 < len(bounds):
        condition = sa.and_(condition, Tenant.population < bounds[index + 1])
    return condition


def _where(criteria: Criteria) -> list:
    where = []
    if criteria.text:
        where.append(sa.or_(*(column.icontains(criteria.text, autoescape=True)
                              for column in (Measure.title, Measure.description, ActionField.title))))
    if criteria.field:
        where.append(ActionField.title.icontains(criteria.field, autoescape=True))
    if criteria.target_group is not None:
        where.append(Measure.target_group == criteria.target_group)
    if criteria.setting is not None:
        where.append(Measure.setting == criteria.setting)
    if criteria.programme_key:
        where.append(Measure.programme_key == criteria.programme_key)
    if criteria.evidence is not None:
        where.append(Measure.programme_key.in_([p.key for p in PROGRAMMES.values()
                                                if p.evidence == criteria.evidence]))
    if criteria.status is not None:
        where.append(Measure.status == criteria.status)
    if criteria.district:
        where.append(Tenant.district == criteria.district)
    if criteria.size:
        where.append(_size_range(criteria.size))
    return where


def _adopters():
    """practice id -> number of KPRs (not archived) of the practice's own alliance that adopted it,
    as a subquery. Adoptions are made within the practice's alliance (policy "practice.adopt"); the
    condition keeps it so for a read beyond the alliance, e.g. of a KPR that moved to another."""
    adopter, owner, practice = aliased(Tenant), aliased(Tenant), aliased(Measure)
    return (sa.select(Adoption.practice_id, sa.func.count(sa.distinct(Adoption.tenant_id)).label("adopters"))
            .join(adopter, adopter.id == Adoption.tenant_id)
            .join(practice, practice.id == Adoption.practice_id).join(owner, owner.id == practice.tenant_id)
            .where(adopter.archived_at.is_(None), adopter.alliance_id == owner.alliance_id)
            .group_by(Adoption.practice_id).subquery())


def search(criteria: Criteria, page: int = 1) -> Page:
    """One page of shared measures that fit, by title; two queries."""
    total = count(criteria)
    page, pages = clamp(total, page, PER_PAGE)
    return Page(rows(criteria, (page - 1) * PER_PAGE, PER_PAGE), total, page, pages)


def count(criteria: Criteria) -> int:
    """How many shared measures fit; one query."""
    with _beyond() as current:
        return db.session.scalar(sa.select(sa.func.count()).select_from(
            _shared().where(*_where(criteria), *_visible_here(current)).with_only_columns(Measure.id).subquery())) or 0


def rows(criteria: Criteria, offset: int, limit: int) -> list[PracticeRow]:
    """Shared measures that fit, by title, from `offset`; one query."""
    adopters = _adopters()
    with _beyond() as current:
        found = db.session.execute(
            _shared().where(*_where(criteria), *_visible_here(current))
            .add_columns(ActionField.title, Tenant, sa.func.coalesce(adopters.c.adopters, 0), Measure.evaluated_on)
            .outerjoin(adopters, adopters.c.practice_id == Measure.id)
            .order_by(Measure.title, Measure.id).limit(limit).offset(offset)).all()
    return [PracticeRow(m.id, m.title, field_title, tenant.official_name, tenant.district, m.status,
                        m.target_group, m.setting, m.programme_key, evaluated is not None, adopter_count,
                        land_of(tenant, current))
            for m, field_title, tenant, adopter_count, evaluated in found]


def districts() -> list[str]:
    """The districts of the KPRs that share something, for the filter; one query."""
    with _beyond() as current:
        return list(db.session.scalars(_shared().where(*_visible_here(current))
                                       .with_only_columns(Tenant.district).distinct().order_by(Tenant.district)))


# --- one practice ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Contact:
    """What the owning KPR's public page says about its coordination, nothing more."""

    office: str = ""
    person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass
class Practice:
    measure: Measure  # loaded with its action field, goal, round and steps; read, never changed
    tenant: Tenant
    contact: Contact
    adopters: list[str] = field(default_factory=list)  # the first ADOPTERS_SHOWN adopting KPRs' names
    adopter_count: int = 0
    own: list[tuple[int, str, int]] = field(default_factory=list)  # (adoption id, KPR name, KPR id) of `mine`
    land: str = ""  # the federal state of another alliance's KPR; "" for the reader's own alliance
    host: str | None = None  # that alliance's host name, for the link to the KPR's public page

    @property
    def size_label(self) -> str:
        return SIZE_LABELS.get(size_class(self.tenant.population), "unbekannt")


def shared_measure(measure_id: int) -> Measure | None:
    """A measure of any KPR, of any alliance, with what the exchange's page shows, its KPR loaded
    beside it (the policy decides whether it is shown: another alliance's only if shared beyond
    it); two queries."""
    with _beyond():
        found = db.session.execute(
            sa.select(Measure, Tenant).join(Tenant, Tenant.id == Measure.tenant_id).where(Measure.id == measure_id)
            .options(joinedload(Measure.action_field), joinedload(Measure.goal).joinedload(Goal.series),
                     joinedload(Measure.cycle), selectinload(Measure.steps))).first()
    return found[0] if found else None


def practice_of(measure: Measure, mine: list[int]) -> Practice:
    """The owning KPR's public contact, the KPRs that adopted the measure (their number and the first
    ADOPTERS_SHOWN names) and the adoptions of `mine`, the KPRs the reader coordinates; four queries."""
    # Read beyond the reader's alliance, the adopters are still only the practice's own alliance's
    # KPRs (as in `_adopters`): what that alliance's readers see, never another alliance's KPR.
    with _beyond() as current:
        tenant = db.session.get(Tenant, measure.tenant_id)  # loaded with the measure: no query
        adopted = (sa.select(Adoption.id, Tenant.name, Tenant.kind, Tenant.id)
                   .join(Tenant, Tenant.id == Adoption.tenant_id)
                   .where(Adoption.practice_id == measure.id, Tenant.archived_at.is_(None),
                          Tenant.alliance_id == tenant.alliance_id))
        profile = db.session.scalar(sa.select(PublicProfile).where(PublicProfile.tenant_id == tenant.id))
        count = db.session.scalar(sa.select(sa.func.count()).select_from(adopted.subquery())) or 0
        first = db.session.execute(adopted.order_by(Tenant.name, Tenant.id).limit(ADOPTERS_SHOWN)).all()
        own = db.session.execute(adopted.where(Adoption.tenant_id.in_(mine)).order_by(Tenant.name)).all() \
            if mine else []
    contact = Contact(profile.office_name, profile.contact_person, profile.phone, profile.email,
                      profile.visitor_address or profile.postal_address) if profile else Contact()
    land = land_of(tenant, current)
    return Practice(measure, tenant, contact, [compose_name(kind, name) for _, name, kind, _ in first], count,
                    [(a_id, compose_name(kind, name), t_id) for a_id, name, kind, t_id in own], land,
                    alliance_info(tenant.alliance_id).host if land else None)


def worksheet_summary(measure: Measure) -> list[tuple[int, str, bool, list[tuple[str, str]]]]:
    """The Beccaria steps with answers: (number, title, done, [(question, answer)]) from the loaded steps."""
    rows: dict[int, WorksheetStep] = {row.step: row for row in measure.steps}
    summary = []
    for step in BECCARIA_STEPS:
        row = rows.get(step.number)
        answers = [(q.text, row.answers[q.key]) for q in step.questions if row and row.answers.get(q.key)]
        summary.append((step.number, step.title, bool(row and row.completed), answers))
    return summary


@dataclass(frozen=True)
class OwnAdoption:
    """An adoption of a KPR the person coordinates; the practice's title only while it is shared."""

    id: int
    practice_id: int
    title: str | None
    kpr: str


def own_adoptions(tenant_ids: list[int]) -> list[OwnAdoption]:
    """The newest OWN_ADOPTIONS adoptions of these KPRs, also of practices no longer shared (to
    withdraw them); one query each for the adoptions and the practices' titles."""
    if not tenant_ids:
        return []
    with within_tenants(tenant_ids, "practice exchange: the adoptions of the KPRs a person coordinates"):
        found = db.session.execute(
            sa.select(Adoption.id, Adoption.practice_id, Tenant.name, Tenant.kind)
            .join(Tenant, Tenant.id == Adoption.tenant_id)
            .order_by(Adoption.created_at.desc(), Adoption.id.desc()).limit(OWN_ADOPTIONS)).all()
    with cross_tenant(REASON):
        titles = dict(db.session.execute(_shared().with_only_columns(Measure.id, Measure.title)
                                         .where(Measure.id.in_([row[1] for row in found]))).all()) if found else {}
    return [OwnAdoption(a_id, p_id, titles.get(p_id), compose_name(kind, name)) for a_id, p_id, name, kind in found]


# --- the state council's view ----------------------------------------------------------------------

@dataclass(frozen=True)
class SpreadRow:
    id: int
    title: str
    kpr: str
    district: str
    adopters: int
    evaluated_on: date | None


def spread(page: int = 1) -> Page:
    """Shared practices by the number of KPRs that adopted them, most first; two queries."""
    adopters = _adopters()
    count = sa.func.coalesce(adopters.c.adopters, 0)
    with cross_tenant("practice exchange: how far the shared measures spread, for the state council"):
        total = db.session.scalar(sa.select(sa.func.count()).select_from(
            _shared().with_only_columns(Measure.id).subquery())) or 0
        page, pages = clamp(total, page, SPREAD_PER_PAGE)
        found = db.session.execute(
            _shared().with_only_columns(Measure.id, Measure.title, Tenant.name, Tenant.kind, Tenant.district,
                                        count, Measure.evaluated_on)
            .outerjoin(adopters, adopters.c.practice_id == Measure.id)
            .order_by(count.desc(), Measure.title, Measure.id)
            .limit(SPREAD_PER_PAGE).offset((page - 1) * SPREAD_PER_PAGE)).all()
    rows = [SpreadRow(m_id, title, compose_name(kind, name), district, n, evaluated)
            for m_id, title, name, kind, district, n, evaluated in found]
    return Page(rows, total, page, pages)
