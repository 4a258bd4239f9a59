"""The KPR's benchmark page as it reads: whether the KPR takes part (and if not, why), and per
standard item its own share beside the alliance's and its size class's distribution. Everything
comes from the snapshot the worker wrote (a fixed number of queries), except whether the KPR takes
part, which is read from its own surveys so that a survey shared today is acknowledged today."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from tenants import Tenant, db
from tenants.alliances import alliance_info

from ...statistics.table import german
from ..bank import SECTIONS, SIZE_LABELS, STANDARD, UNKNOWN_SIZE, BankItem, size_class
from ..models import BenchmarkFigure, BenchmarkSummary, Survey, SurveyQuestion, SurveyStatus
from .chart import BoxChart, box_chart
from .compute import ACROSS, ALLIANCE, MIN_ANSWERS, MIN_KPRS, newest_first

SUPPRESSED = "."
FEW_ANSWERS = f"Weniger als {MIN_ANSWERS} Antworten: kein Wert."
FEW_KPRS = f"Weniger als {MIN_KPRS} KPR mit mindestens {MIN_ANSWERS} Antworten: kein Wert."
FEW_ACROSS = (f"Weniger als {MIN_KPRS} KPR aus mindestens zwei Bündnissen, die sich für den Vergleich entschieden "
              "haben: kein Wert.")
NOT_ASKED = "In Ihrer Befragung nicht gestellt."
UNKNOWN_CLASS = "Für Ihren KPR ist keine Einwohnerzahl eingetragen; die Größenklasse ist unbekannt."


def percent(value: Decimal | None) -> str:
    """"37,5 %", the sign kept with its number (a no-break space) in narrow table cells."""
    return "–" if value is None else f"{german(value, 1)}\u00a0%"


def spread(summary: BenchmarkSummary) -> str:
    return f"{percent(summary.lower_quartile)} bis {percent(summary.upper_quartile)}"


@dataclass(frozen=True)
class Line:
    """One row of an item's table: the KPR, the alliance, or the KPR's size class."""

    label: str
    value: str  # the share, the median, or "." where no figure may be shown
    quartiles: str  # or, where there is no value, a plain sentence why
    answers: str
    kprs: str


@dataclass(frozen=True)
class Comparison:
    item: BankItem
    lines: list[Line]
    chart: BoxChart | None


@dataclass(frozen=True)
class Section:
    title: str
    comparisons: list[Comparison]


@dataclass(frozen=True)
class KprBenchmark:
    # takes_part | no_survey | not_closed | not_shared | archived
    status: str
    survey: Survey | None  # the survey that counts, or the one whose settings would share it
    size_label: str
    sections: list[Section]
    computed: bool  # the snapshot holds figures of this KPR


def _line(label: str, summary: BenchmarkSummary | None, missing: str = FEW_KPRS) -> Line:
    if summary is None:
        return Line(label, SUPPRESSED, missing, "–", "–")
    return Line(label, percent(summary.median), spread(summary), german(summary.answers), german(summary.kprs))


def _chart(item: BankItem, figure: BenchmarkFigure | None, summaries: list[tuple[str, str, BenchmarkSummary]]
           ) -> BoxChart | None:
    if not summaries:
        return None
    parts = [f"Ihr KPR {percent(figure.share)}" if figure else "kein Wert Ihres KPR"]
    parts += [f"{long}: Median {percent(s.median)}, mittlere Hälfte {spread(s)}, {s.kprs} KPR"
              for _, long, s in summaries]
    groups = [(short, s.lower_quartile, s.median, s.upper_quartile) for short, _, s in summaries]
    return box_chart(f"{item.headline_label} – " + "; ".join(parts), figure.share if figure else None, groups)


def _comparison(item: BankItem, figure: BenchmarkFigure | None, asked: bool, overall: BenchmarkSummary | None,
                own_class: BenchmarkSummary | None, size: str, computed: bool,
                across: tuple[bool, BenchmarkSummary | None] = (False, None)) -> Comparison:
    if figure is not None:
        own = Line("Ihr KPR", percent(figure.share), "–", german(figure.answers), "–")
    elif asked:
        note = FEW_ANSWERS if computed else "Noch nicht berechnet (oder weniger als 5 Antworten): kein Wert."
        own = Line("Ihr KPR", SUPPRESSED, note, "–", "–")
    else:
        own = Line("Ihr KPR", "–", NOT_ASKED, "–", "–")
    lines = [own, _line("Alle teilnehmenden KPR", overall)]
    shown = [("Alle KPR", "alle teilnehmenden KPR", overall)] if overall else []
    if size == UNKNOWN_SIZE:
        lines.append(Line("KPR Ihrer Größenklasse", "–", UNKNOWN_CLASS, "–", "–"))
    else:
        label = f"KPR Ihrer Größenklasse ({SIZE_LABELS[size]})"
        lines.append(_line(label, own_class))
        if own_class:
            shown.append(("Größenklasse", f"KPR Ihrer Größenklasse ({SIZE_LABELS[size]})", own_class))
    compares, everywhere = across
    if compares:
        lines.append(_line("Alle Bündnisse im Vergleich", everywhere, FEW_ACROSS))
        if everywhere:
            shown.append(("Alle Bündnisse", "alle Bündnisse im Vergleich", everywhere))
    return Comparison(item, lines, _chart(item, figure, shown))


def _status(tenant: Tenant, surveys: list[Survey]) -> tuple[str, Survey | None]:
    closed = sorted((s for s in surveys if s.status == SurveyStatus.closed), key=newest_first, reverse=True)
    shared = [s for s in closed if s.share_for_benchmark]
    if tenant.archived_at is not None:
        return "archived", shared[0] if shared else None
    if shared:
        return "takes_part", shared[0]
    if closed:
        return "not_shared", closed[0]
    if surveys:
        return "not_closed", max(surveys, key=lambda s: s.id)
    return "no_survey", None


def kpr_benchmark(tenant: Tenant) -> KprBenchmark:
    """The page of `tenant` (the request's KPR): its own figures and the aggregates, never another
    KPR's figure (the figures are read under the request's tenant scoping)."""
    surveys = list(db.session.scalars(sa.select(Survey)))
    status, survey = _status(tenant, surveys)
    if status != "takes_part":
        return KprBenchmark(status, survey, "", [], False)
    figures = {f.item_key: f for f in db.session.scalars(sa.select(BenchmarkFigure))}
    size = next(iter(figures.values())).size_class if figures else size_class(tenant.population)
    counted = next(iter(figures.values())).survey_id if figures else survey.id
    if counted != survey.id:  # a newer survey was shared after the last run: the figures are the older one's
        survey = next((s for s in surveys if s.id == counted), survey)
    asked = set(db.session.scalars(sa.select(SurveyQuestion.bank_key).filter_by(survey_id=survey.id)))
    alliance = alliance_info(tenant.alliance_id)
    summary = BenchmarkSummary
    wanted = sa.and_(summary.alliance_id == alliance.id, summary.size_class.in_([ALLIANCE, size]))
    if alliance.compares_across:
        wanted = sa.or_(wanted, sa.and_(summary.alliance_id == ACROSS, summary.size_class == ALLIANCE))
    summaries, across = {}, {}
    for found in db.session.scalars(sa.select(summary).where(wanted)):
        if found.alliance_id == ACROSS:
            across[found.item_key] = found
        else:
            summaries[(found.item_key, found.size_class)] = found
    sections = []
    for title in SECTIONS:
        comparisons = [
            _comparison(item, figures.get(item.key), item.key in asked, summaries.get((item.key, ALLIANCE)),
                        summaries.get((item.key, size)), size, bool(figures),
                        (alliance.compares_across, across.get(item.key)))
            for item in STANDARD
            if item.section == title and (item.key in asked or (item.key, ALLIANCE) in summaries)]
        if comparisons:
            sections.append(Section(title, comparisons))
    return KprBenchmark(status, survey, SIZE_LABELS.get(size, "unbekannt"), sections, bool(figures))
