"""The survey's headline figures into its round's Sicherheitsanalyse: the fields survey_year,
survey_sample, survey_responses, survey_unsafe_share and survey_problems, which the round's page
shows and goal progress reads across rounds. Closing a survey does it (the editor calls
apply_to_cycle), and the results page offers it by a button while the round is open.

The figures are the published ones: a share the results page suppresses is not carried over either."""

from __future__ import annotations

import re
from decimal import Decimal

from tenants import db

from ....errors import DomainError
from ..bank import BY_KEY, NIGHT, BankItem
from ..models import Survey, SurveyStatus
from .suppression import THRESHOLD
from .tables import QuestionResult, Results, build
from .tally import tally

PROBLEM_PREFIX = "problem_"
PROBLEM_TEXT = re.compile(r"^Wie sehr sind (?P<what>.+) in Ihrer Wohngegend ein Problem\?$")


def apply_to_cycle(survey: Survey) -> None:
    """Fill the round's survey figures from the survey's results. A closed round keeps its figures:
    nothing happens (closing a survey after its round must not fail)."""
    cycle = survey.cycle
    if cycle.closed_on is not None:
        return
    counted = tally(survey)
    results = build(counted)
    sample = survey.sample_size or survey.codes_issued or None
    if sample is not None and counted.responses > sample:
        sample = None  # more answers than questionnaires sent (open link besides codes): no response rate
    cycle.survey_year = survey.year
    cycle.survey_sample = sample
    cycle.survey_responses = counted.responses
    cycle.survey_unsafe_share = unsafe_share(results)
    cycle.survey_problems = "\n".join(problems(results))
    db.session.flush()


def apply_on_request(survey: Survey) -> None:
    """The button: like apply_to_cycle, but says why where there is nothing to carry over."""
    if survey.cycle.closed_on is not None:
        raise DomainError(f"Die {survey.cycle.number}. Runde ist abgeschlossen; ihre Sicherheitsanalyse wird nicht "
                          "mehr geändert.")
    if survey.status == SurveyStatus.draft:
        raise DomainError("Die Befragung ist noch in Vorbereitung; es gibt noch keine Ergebnisse.")
    apply_to_cycle(survey)


def _published_share(result: QuestionResult | None) -> Decimal | None:
    """The headline share if it is published and rests on at least five answers."""
    if result is None or result.headline is None:
        return None
    n = result.overall.n.count
    if n is None or n < THRESHOLD:
        return None
    return result.headline.figure.share


def unsafe_share(results: Results) -> Decimal | None:
    return _published_share(results.by_bank_key(NIGHT.key))


def problem_name(item: BankItem) -> str:
    """"Graffiti und Schmierereien", from the item's question."""
    match = PROBLEM_TEXT.match(item.text)
    what = match.group("what") if match else item.text
    return what[:1].upper() + what[1:]


def problems(results: Results) -> list[str]:
    """The bank's local problems of the survey, the most often called a (fairly) big problem first."""
    ranked = []
    for result in results.questions:
        key = result.question.bank_key or ""
        if key.startswith(PROBLEM_PREFIX) and key in BY_KEY and isinstance(result, QuestionResult):
            share = _published_share(result)
            if share is not None:
                ranked.append((share, problem_name(BY_KEY[key])))
    ranked.sort(key=lambda pair: -pair[0])  # stable: equal shares keep the questionnaire's order
    return [name for _, name in ranked]
