"""The state council's benchmark page as it reads, from the snapshot only: the summaries of every
standard item (the alliance and each size class), how many KPRs have figures, and one item's KPR
figures a page at a time with a name filter — never every KPR at once (the alliance may grow to
thousands), in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from tenants import Tenant, cross_tenant, db
from tenants.alliances import current_alliance

from ....paging import Page, clamp
from ...statistics.table import german
from ..bank import SECTIONS, SIZE_CLASSES, SIZE_LABELS, STANDARD, BankItem
from ..models import BenchmarkFigure, BenchmarkSummary
from .compute import ACROSS, ALLIANCE
from .reading import SUPPRESSED, percent, spread

PER_PAGE = 50
REASON = "citizen survey benchmark for the state council"
GROUPS: list[tuple[str, str]] = [(ALLIANCE, "Alle teilnehmenden KPR"),
                                  *((key, label) for key, _, label in SIZE_CLASSES)]
ACROSS_LABEL = "Alle Bündnisse im Vergleich"


@dataclass(frozen=True)
class Cell:
    median: str  # "." where fewer than three KPRs contribute
    quartiles: str = ""
    kprs: str = ""
    answers: str = ""


@dataclass(frozen=True)
class SummaryRow:
    item: BankItem
    cells: list[Cell]  # one per GROUPS entry


@dataclass(frozen=True)
class KprRow:
    name: str
    size: str
    year: int
    share: str
    answers: str


def _cell(summary: BenchmarkSummary | None) -> Cell:
    if summary is None:
        return Cell(SUPPRESSED)
    return Cell(percent(summary.median), spread(summary), german(summary.kprs), german(summary.answers))


def columns() -> list[tuple[int, str, str]]:
    """The summary's columns as (alliance id, size class, label): the alliance's groups, and the
    comparison across alliances where this alliance chose it."""
    here = current_alliance()
    found = [(here.id, key, label) for key, label in GROUPS]
    if here.compares_across:
        found.append((ACROSS, ALLIANCE, ACROSS_LABEL))
    return found


def summary_rows(shown: list[tuple[int, str, str]]) -> list[SummaryRow]:
    """Every standard item in the bank's order of sections, with a cell per column; one query."""
    found = {(s.alliance_id, s.item_key, s.size_class): s for s in db.session.scalars(
        sa.select(BenchmarkSummary).where(BenchmarkSummary.alliance_id.in_({alliance for alliance, _, _ in shown})))}
    order = {title: index for index, title in enumerate(SECTIONS)}
    items = sorted(STANDARD, key=lambda item: order[item.section])
    return [SummaryRow(item, [_cell(found.get((alliance, item.key, size))) for alliance, size, _ in shown])
            for item in items]


def participating() -> int:
    """KPRs with at least one figure in the snapshot."""
    with cross_tenant(REASON):
        return db.session.scalar(sa.select(sa.func.count(sa.distinct(BenchmarkFigure.tenant_id)))) or 0


def kpr_page(item_key: str, name: str, page: int) -> Page:
    """One item's KPR figures, by KPR name, PER_PAGE at a time (the page number is kept in range)."""
    where = [BenchmarkFigure.item_key == item_key]
    if name:
        where.append(sa.or_(Tenant.name.icontains(name, autoescape=True), Tenant.slug == name.lower()))
    on = Tenant.id == BenchmarkFigure.tenant_id
    with cross_tenant(REASON):
        total = db.session.scalar(sa.select(sa.func.count(BenchmarkFigure.id)).join(Tenant, on).where(*where)) or 0
        page, pages = clamp(total, page, PER_PAGE)
        found = db.session.execute(
            sa.select(BenchmarkFigure, Tenant).join(Tenant, on).where(*where).order_by(Tenant.name, Tenant.id)
            .limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
        rows = [KprRow(tenant.official_name, SIZE_LABELS.get(figure.size_class, "unbekannt"), figure.year,
                       percent(figure.share), german(figure.answers)) for figure, tenant in found]
    return Page(rows, total, page, pages)
