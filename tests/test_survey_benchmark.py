"""The benchmark job (issue 12, item 5): its figures and summaries equal a direct computation in
Python from the raw answer rows; only the newest shared, closed survey of each KPR counts, figures
need 5 answers and summaries 3 KPRs; a re-run leaves the same rows; the counting is a fixed number
of queries however many KPRs take part."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import sqlalchemy as sa

from asskomm.prevention.survey.bank import BY_KEY, SIZE_CLASSES, STANDARD, size_class
from asskomm.prevention.survey.models import (
    BenchmarkFigure,
    BenchmarkSummary,
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyStatus,
)
from asskomm.snapshots.models import SnapshotRun
from asskomm.timeutil import now
from tenants import Tenant, cross_tenant
from workers.survey_benchmark import compute_survey_benchmark_now

from .survey_benchmark_data import YEAR, build_survey, given, new_kpr, no_demo_sharing

TENTH = Decimal("0.1")


def _half_up(value) -> Decimal:
    return Decimal(value).quantize(TENTH, rounding=ROUND_HALF_UP)


def _type7(shares: list[Decimal], p: Fraction) -> Decimal:
    """The p-quantile by linear interpolation between the sorted values (statistics' "inclusive"
    method, R's type 7, QUARTILE.INC), written out by hand."""
    values = sorted(Fraction(share) for share in shares)
    h = (len(values) - 1) * p
    low = int(h)
    above = values[min(low + 1, len(values) - 1)]
    exact = values[low] + (h - low) * (above - values[low])
    return _half_up(Decimal(exact.numerator) / Decimal(exact.denominator))


def direct_computation(session) -> tuple[dict, dict]:
    """The benchmark from the raw rows, one survey and one question at a time, without the job's code."""
    with cross_tenant("test: the benchmark computed by hand"):
        tenants = {t.id: t for t in session.scalars(sa.select(Tenant))}
        newest: dict[int, Survey] = {}
        for survey in session.scalars(sa.select(Survey)):
            if (survey.status == SurveyStatus.closed and survey.share_for_benchmark
                    and tenants[survey.tenant_id].archived_at is None):
                best = newest.get(survey.tenant_id)
                if best is None or (survey.closed_on, survey.id) > (best.closed_on, best.id):
                    newest[survey.tenant_id] = survey
        figures = {}
        for survey in newest.values():
            for question in session.scalars(sa.select(SurveyQuestion).filter_by(survey_id=survey.id)):
                item = BY_KEY.get(question.bank_key or "")
                if item is None or not item.headline:
                    continue
                chosen: dict[int, set[str]] = defaultdict(set)
                for answer, option in session.execute(
                        sa.select(SurveyAnswer, SurveyOption).where(SurveyAnswer.question_id == question.id)
                        .join(SurveyOption, SurveyOption.id == SurveyAnswer.option_id)):
                    chosen[answer.response_id].add(option.key)
                answered = len(chosen)
                hits = sum(1 for keys in chosen.values() if keys & item.headline)
                if answered >= 5:
                    figures[(survey.tenant_id, item.key)] = {
                        "answers": answered, "share": _half_up(Decimal(100 * hits) / Decimal(answered)),
                        "size_class": size_class(tenants[survey.tenant_id].population),
                        "survey_id": survey.id, "year": survey.year}
    summaries = {}
    for item in STANDARD:
        for group in [""] + [key for key, _, _ in SIZE_CLASSES]:
            members = [f for (_, key), f in figures.items() if key == item.key and group in ("", f["size_class"])]
            if len(members) >= 3:
                shares = [m["share"] for m in members]
                summaries[(item.key, group)] = {
                    "kprs": len(members), "answers": sum(m["answers"] for m in members),
                    "lower_quartile": _type7(shares, Fraction(1, 4)), "median": _type7(shares, Fraction(1, 2)),
                    "upper_quartile": _type7(shares, Fraction(3, 4))}
    return figures, summaries


def written(session) -> tuple[dict, dict]:
    with cross_tenant("test: the benchmark as the job wrote it"):
        figures = {(f.tenant_id, f.item_key): {"answers": f.answers, "share": f.share, "size_class": f.size_class,
                                               "survey_id": f.survey_id, "year": f.year}
                   for f in session.scalars(sa.select(BenchmarkFigure))}
    summaries = {(s.item_key, s.size_class): {"kprs": s.kprs, "answers": s.answers, "lower_quartile": s.lower_quartile,
                                              "median": s.median, "upper_quartile": s.upper_quartile}
                 for s in session.scalars(sa.select(BenchmarkSummary))}
    return figures, summaries


def _alliance(session) -> dict[str, int]:
    """KPRs of different sizes, each case of the rules once (see the expectations in the test)."""
    no_demo_sharing()
    kprs = {name: new_kpr(number, population).id for number, (name, population) in enumerate([
        ("a", 3_000), ("b", 4_000), ("c", 4_500), ("d", 12_000), ("e", 2_000), ("f", 2_500), ("g", None),
        ("h", 50_000), ("i", 3_000)], start=1)}
    build_survey(kprs["a"], {
        "safety_night": given(very_safe=5, fairly_safe=8, fairly_unsafe=4, very_unsafe=3),
        # a multiple choice: two headline answers count once, "nichts davon" is an answer too
        "victim": [("burglary", "theft"), ("none",), ("damage",), ("none",), ("theft",), ("none",)],
        "problem_graffiti": given(big=2, none=2),  # 4 answers: no figure
        "worry_assault": given(often=2, never=4),
        "safety_day": given(very_safe=6, fairly_unsafe=1),
        "age_band": given(**{"16-24": 20}),  # not a standard item
    })
    # B: an older shared survey, two closed the same day (the higher id counts) and a newer one not shared
    build_survey(kprs["b"], {"safety_night": given(very_unsafe=10)}, closed_on=date(YEAR - 3, 6, 1))
    build_survey(kprs["b"], {"safety_night": given(very_unsafe=9)}, closed_on=date(YEAR - 1, 6, 1))
    build_survey(kprs["b"], {"safety_night": given(very_safe=5, fairly_unsafe=3),
                             "worry_assault": given(very_often=1, rarely=4)}, closed_on=date(YEAR - 1, 6, 1))
    build_survey(kprs["b"], {"safety_night": given(very_safe=20)}, closed_on=date(YEAR - 1, 9, 1), shared=False)
    build_survey(kprs["c"], {
        "safety_night": given(very_safe=3, fairly_safe=2, very_unsafe=1),
        "victim": [("none",)] * 4 + [("fraud", "harassment")],
        "problem_graffiti": given(fair=3, small=2),
        "safety_day": given(very_safe=4, very_unsafe=1),
    })
    build_survey(kprs["d"], {"safety_night": given(fairly_safe=6, fairly_unsafe=3),
                             "victim": [("assault",)] + [("none",)] * 4,
                             "safety_day": given(very_safe=9, fairly_unsafe=1)})
    build_survey(kprs["e"], {"safety_night": given(very_unsafe=30)}, shared=False)  # not shared
    build_survey(kprs["f"], {"safety_night": given(very_unsafe=12)}, status=SurveyStatus.open)  # still running
    build_survey(kprs["g"], {"safety_night": given(fairly_safe=4, very_unsafe=4)})  # no population known
    build_survey(kprs["h"], {"safety_day": given(very_safe=79, fairly_unsafe=1)})  # 1.25 % -> 1.3 (half up)
    build_survey(kprs["i"], {"safety_night": given(very_unsafe=9)})
    session.get(Tenant, kprs["i"]).archived_at = now()  # archived: no longer part of the alliance
    session.flush()
    return kprs


def test_the_job_equals_a_direct_computation_from_the_raw_answers(ctx):
    with ctx() as session:
        kprs = _alliance(session)
        compute_survey_benchmark_now()
        figures, summaries = written(session)
        assert (figures, summaries) == direct_computation(session)

        names = {tenant_id: name for name, tenant_id in kprs.items()}
        share = {(names[t], key): f["share"] for (t, key), f in figures.items() if t in names}
        assert share[("a", "safety_night")] == Decimal("35.0")
        assert share[("a", "victim")] == Decimal("50.0")  # 3 of 6, the one with two offences counted once
        assert ("a", "problem_graffiti") not in share  # 4 answers
        assert share[("b", "safety_night")] == Decimal("37.5")  # the newest shared survey, the higher id
        assert share[("c", "safety_night")] == Decimal("16.7")
        assert share[("h", "safety_day")] == Decimal("1.3")
        assert not {name for name, _ in share} & {"e", "f", "i"}  # not shared, not closed, archived
        assert figures[(kprs["g"], "safety_night")]["size_class"] == "unknown"
        assert figures[(kprs["a"], "safety_night")]["year"] == YEAR - 1

        night = summaries[("safety_night", "")]
        assert (night["kprs"], night["answers"]) == (5, 20 + 8 + 6 + 9 + 8)
        assert (night["lower_quartile"], night["median"], night["upper_quartile"]) == (
            Decimal("33.3"), Decimal("35.0"), Decimal("37.5"))
        small = summaries[("safety_night", "lt5k")]  # A, B, C: quartiles between two shares, half up
        assert (small["lower_quartile"], small["median"], small["upper_quartile"]) == (
            Decimal("25.9"), Decimal("35.0"), Decimal("36.3"))
        assert ("safety_night", "5k-20k") not in summaries  # D alone
        assert ("safety_night", "unknown") not in summaries
        day = summaries[("safety_day", "")]
        assert (day["lower_quartile"], day["median"], day["upper_quartile"]) == (
            Decimal("7.8"), Decimal("12.2"), Decimal("15.7"))
        assert ("safety_day", "lt5k") not in summaries  # A and C only
        assert ("worry_assault", "") not in summaries and (kprs["b"], "worry_assault") in figures  # 2 KPRs
        assert ("problem_graffiti", "") not in summaries
        assert summaries[("victim", "")]["median"] == Decimal("20.0")


def test_the_job_equals_the_direct_computation_with_the_demo_surveys_too(ctx):
    """Zittau's demo survey (about 400 generated answers, shared) beside three more KPRs."""
    with ctx() as session:
        for number, population in ((11, 30_000), (12, 22_000), (13, 99_000)):
            tenant_id = new_kpr(number, population).id
            build_survey(tenant_id, {"safety_night": given(very_safe=number, very_unsafe=number - 8),
                                     "problem_litter": given(big=number - 9, none=4)})
        compute_survey_benchmark_now()
        assert written(session) == direct_computation(session)


def test_a_second_run_leaves_the_same_rows_and_records_its_time(ctx):
    with ctx() as session:
        _alliance(session)
        compute_survey_benchmark_now()
        first = written(session)
        compute_survey_benchmark_now()
        assert written(session) == first
        runs = session.scalars(sa.select(SnapshotRun).filter_by(job="survey_benchmark")).all()
        assert len(runs) == 2 and all(run.rows == len(first[0]) + len(first[1]) for run in runs)


def test_a_survey_no_longer_shared_leaves_the_benchmark_on_the_next_run(ctx):
    with ctx() as session:
        kprs = _alliance(session)
        compute_survey_benchmark_now()
        session.execute(sa.update(Survey.__table__).where(Survey.__table__.c.tenant_id == kprs["a"])
                        .values(share_for_benchmark=False))
        session.expire_all()  # the loaded surveys learn of the change
        compute_survey_benchmark_now()
        figures, summaries = written(session)
        assert not [key for key in figures if key[0] == kprs["a"]]
        assert ("safety_night", "lt5k") not in summaries  # B and C are left
        assert (figures, summaries) == direct_computation(session)


def _kprs_with_surveys(session, count: int) -> None:
    no_demo_sharing()
    for number in range(count):
        tenant_id = new_kpr(100 + number, 1_000 * (number + 1)).id
        build_survey(tenant_id, {"safety_night": given(very_safe=3, very_unsafe=2 + number % 3),
                                 "victim": [("none",), ("theft",)] * 3})


def test_the_job_sends_the_same_number_of_queries_for_3_and_12_kprs(ctx, count_queries):
    sent = {}
    for count in (3, 12):
        with ctx() as session:
            _kprs_with_surveys(session, count)
            session.flush()
            with count_queries() as n:
                compute_survey_benchmark_now()
            sent[count] = n.value
            assert len(written(session)[0]) >= 2 * count
            session.rollback()
    assert sent[3] == sent[12], sent
