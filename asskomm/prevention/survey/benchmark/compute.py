"""What the benchmark's figures are, computed from the raw answers.

Who takes part: every KPR of the alliance (archived ones are no longer part of it) with a closed
survey it agreed to share (`share_for_benchmark`); of several, its newest by closing day, then id.
For each standard item of the bank (`bank.STANDARD`) in that survey:

- n: the respondents who answered the item (chose any of its options);
- share: the percent of them who chose a headline option — for a multiple choice, at least one —
  with one decimal, rounded half up;
- the KPR's figure exists only where n ≥ 5.

Per item, for the whole alliance (size class "") and for each size class of the bank, a summary
where at least three KPRs have a figure: median, lower and upper quartile of their shares (the
rounded shares as written, so anyone can recompute them from the figures), computed with
`statistics.quantiles(n=4, method="inclusive")` — linear interpolation between the sorted shares,
as spreadsheets' QUARTILE.INC and R's type 7 — and rounded half up; the number of KPRs and the sum
of their n. A KPR without a known population has no size class (`bank.UNKNOWN_SIZE`): it counts in
the alliance's summary only.

Each alliance (a state's network) is summarised on its own. Alliances that chose to compare across
(`Alliance.compares_across`) are also summarised together as alliance ACROSS, from the same KPR
figures under the same rules, and only where the KPRs of at least two alliances contribute; no KPR
figure ever leaves its alliance.

Reading is two queries whatever the number of KPRs; call them under `cross_tenant`."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa

from tenants import Tenant, db

from ..bank import SIZE_CLASSES, STANDARD, UNKNOWN_SIZE, size_class
from ..models import BenchmarkFigure, Survey, SurveyAnswer, SurveyOption, SurveyQuestion, SurveyStatus

JOB = "survey_benchmark"  # the SnapshotRun's job name: "Stand:" on both pages
MIN_ANSWERS = 5
MIN_KPRS = 3
ALLIANCE = ""  # the summary's size class for the whole alliance
ACROSS = 0  # the summaries' alliance id for the comparison across alliances
TENTH = Decimal("0.1")
STANDARD_KEYS = tuple(item.key for item in STANDARD)


@dataclass(frozen=True)
class Participant:
    survey_id: int
    tenant_id: int
    year: int
    size_class: str
    alliance_id: int


def newest_first(survey: Survey) -> tuple[date, int]:
    """The order that picks a KPR's survey: the newest closing day, then the highest id."""
    return survey.closed_on or date.min, survey.id


def _newest_shared() -> sa.Subquery:
    """Each KPR's closed, shared surveys ranked as `newest_first` does (rank 1 is the one that counts)."""
    rank = sa.func.row_number().over(partition_by=Survey.tenant_id,
                                     order_by=(Survey.closed_on.desc().nulls_last(), Survey.id.desc()))
    return (sa.select(Survey.id, rank.label("rank"))
            .where(Survey.status == SurveyStatus.closed, Survey.share_for_benchmark)
            .subquery("newest_shared"))


def participants() -> dict[int, Participant]:
    """survey id -> the participating KPR's survey with its year and size class; one query."""
    newest = _newest_shared()
    rows = db.session.execute(
        sa.select(Survey, Tenant.population, Tenant.alliance_id).join(Tenant, Tenant.id == Survey.tenant_id)
        .join(newest, newest.c.id == Survey.id)
        .where(newest.c.rank == 1, Tenant.archived_at.is_(None)))
    return {survey.id: Participant(survey.id, survey.tenant_id, survey.year, size_class(population), alliance)
            for survey, population, alliance in rows}


def answer_counts() -> list[tuple[int, str, int, int]]:
    """(survey id, item key, respondents who answered, respondents with a headline answer) for the
    standard items of each KPR's counting survey: one query, grouped in the database."""
    newest = _newest_shared()
    question, option, answer = SurveyQuestion, SurveyOption, SurveyAnswer
    headline = sa.or_(*(sa.and_(question.bank_key == item.key, option.key.in_(sorted(item.headline)))
                        for item in STANDARD))
    rows = db.session.execute(
        sa.select(question.survey_id, question.bank_key, sa.func.count(sa.distinct(answer.response_id)),
                  sa.func.count(sa.distinct(sa.case((headline, answer.response_id)))))
        .join(answer, answer.question_id == question.id)
        .join(option, sa.and_(option.id == answer.option_id, option.question_id == question.id))
        .join(newest, newest.c.id == question.survey_id)
        .where(newest.c.rank == 1, question.bank_key.in_(STANDARD_KEYS))
        .group_by(question.survey_id, question.bank_key))
    return [(survey_id, key, answered, hits) for survey_id, key, answered, hits in rows]


def stored_figures() -> list[dict]:
    """Every stored KPR figure with its KPR's alliance, for the summaries; one query."""
    figure = BenchmarkFigure
    rows = db.session.execute(sa.select(figure.item_key, figure.share, figure.answers, figure.size_class,
                                        Tenant.alliance_id).join(Tenant, Tenant.id == figure.tenant_id))
    return [row._asdict() for row in rows]


def share(hits: int, answered: int) -> Decimal:
    """Percent with one decimal, half up, in whole numbers: floor(1000·hits/answered + ½) tenths."""
    return (Decimal((2000 * hits + answered) // (2 * answered)) / 10).quantize(TENTH)


def rounded(value: Decimal) -> Decimal:
    return Decimal(value).quantize(TENTH, rounding=ROUND_HALF_UP)


def quartiles(shares: list[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    """(lower quartile, median, upper quartile), each rounded half up to one decimal."""
    lower, median, upper = statistics.quantiles(shares, n=4, method="inclusive")
    return rounded(lower), rounded(median), rounded(upper)


def figures(found: dict[int, Participant], counts: list[tuple[int, str, int, int]]) -> list[dict]:
    """The KPR figures (rows of survey_benchmark_figure) from at least MIN_ANSWERS answers."""
    rows = []
    for survey_id, key, answered, hits in counts:
        taking_part = found.get(survey_id)
        if taking_part is None or answered < MIN_ANSWERS:
            continue
        rows.append({"tenant_id": taking_part.tenant_id, "item_key": key, "survey_id": survey_id,
                     "year": taking_part.year, "answers": answered, "share": share(hits, answered),
                     "size_class": taking_part.size_class})
    return sorted(rows, key=lambda row: (row["item_key"], row["tenant_id"]))


def summaries(rows: list[dict], across: frozenset[int] = frozenset()) -> list[dict]:
    """The rows of survey_benchmark_summary: per alliance and item, the alliance and each size
    class with at least MIN_KPRS figures; the same for the alliances in `across` together (ACROSS)
    where KPRs of at least two of them contribute. `rows` carry their KPR's "alliance_id"."""
    groups: dict[tuple[int, str, str], list[dict]] = defaultdict(list)
    for row in rows:
        for alliance in (row["alliance_id"], ACROSS) if row["alliance_id"] in across else (row["alliance_id"],):
            groups[(alliance, row["item_key"], ALLIANCE)].append(row)
            if row["size_class"] != UNKNOWN_SIZE:
                groups[(alliance, row["item_key"], row["size_class"])].append(row)
    order = {key: index for index, key in enumerate([ALLIANCE] + [key for key, _, _ in SIZE_CLASSES])}
    found = []
    for (alliance, key, size), members in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1], order[g[0][2]])):
        if len(members) < MIN_KPRS or (alliance == ACROSS and len({m["alliance_id"] for m in members}) < 2):
            continue
        lower, median, upper = quartiles([member["share"] for member in members])
        found.append({"alliance_id": alliance, "item_key": key, "size_class": size, "kprs": len(members),
                      "answers": sum(member["answers"] for member in members),
                      "median": median, "lower_quartile": lower, "upper_quartile": upper})
    return found
