"""Demo surveys: Zittau's finished Bürgerbefragung 2025 with 403 generated answers (shared for the
benchmark, its headline figures carried into the round), and Meißen's survey that is running now,
linked from its public page. The answers are invented by a seeded generator, so every load is the
same; they are written in bulk (the demo is loaded again after every committed test)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from tenants import Tenant, db, tenant_context

from ..models import PreventionCycle
from .bank import BY_KEY, NIGHT, UNSAFE
from .models import (
    Channel,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyCode,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
    SurveyStatus,
)
from .results.flow import apply_to_cycle
from .surveys import add_bank_question

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
DEMO_NOTE = "Demo-Daten: Die Antworten dieser Befragung sind für die Demo erzeugt (erfunden)."


@dataclass(frozen=True)
class DemoSurvey:
    slug: str
    title: str
    items: tuple[str, ...]
    districts: tuple[tuple[str, int], ...]  # Ortsteil, weight
    opened: date
    closed: date | None
    responses: int
    unsafe: int  # how many of them feel unsafe at night
    codes: int
    sample: int
    inner_district: str  # where the night feels least safe


ZITTAU = DemoSurvey(
    "zittau", "Bürgerbefragung Zittau 2025",
    ("safety_night", "safety_day", "worry_burglary", "worry_street_robbery", "worry_fraud", "worry_harassment",
     "avoid_places", "protection", "victim", "problem_graffiti", "problem_litter", "problem_drugs", "problem_noise",
     "problem_dark_places", "problem_youth_groups", "problem_traffic", "satisfaction_police",
     "satisfaction_administration", "age_band", "gender", "district"),
    (("Innenstadt", 30), ("Zittau-Süd", 22), ("Zittau-West", 18), ("Pethau", 9), ("Hirschfelde", 9),
     ("Eichgraben", 6), ("Hartau", 3)),
    date(2025, 5, 5), date(2025, 7, 11), 403, 166, 1000, 1000, "Innenstadt",
)
MEISSEN = DemoSurvey(
    "meissen", "Bürgerbefragung Meißen 2026",
    ("safety_night", "safety_day", "worry_burglary", "avoid_places", "problem_graffiti", "problem_drugs",
     "problem_dark_places", "problem_traffic", "satisfaction_police", "age_band", "gender", "district"),
    (("Altstadt", 25), ("Cölln", 20), ("Triebischtal", 20), ("Zscheila", 15), ("Bohnitzsch", 10), ("Spaar", 10)),
    date(2026, 11, 2), None, 37, 14, 250, 1000, "Altstadt",
)
SURVEYS = (ZITTAU, MEISSEN)

# How often each answer is given (by option key) where an item's answers do not depend on the person.
WEIGHTS: dict[str, dict[str, int]] = {
    "worry": {"never": 22, "rarely": 34, "sometimes": 27, "often": 12, "very_often": 5},
    "problem_graffiti": {"none": 20, "small": 38, "fair": 27, "big": 15},
    "problem_litter": {"none": 12, "small": 30, "fair": 33, "big": 25},
    "problem_drugs": {"none": 18, "small": 32, "fair": 29, "big": 21},
    "problem_noise": {"none": 35, "small": 40, "fair": 17, "big": 8},
    "problem_dark_places": {"none": 22, "small": 35, "fair": 26, "big": 17},
    "problem_youth_groups": {"none": 30, "small": 38, "fair": 20, "big": 12},
    "problem_traffic": {"none": 14, "small": 31, "fair": 31, "big": 24},
    "satisfaction_police": {"very_satisfied": 18, "rather_satisfied": 47, "rather_dissatisfied": 24,
                            "very_dissatisfied": 11},
    "satisfaction_administration": {"very_satisfied": 12, "rather_satisfied": 43, "rather_dissatisfied": 31,
                                    "very_dissatisfied": 14},
    "age_band": {"16-24": 11, "25-44": 29, "45-64": 34, "65+": 26},
    "gender": {"female": 52, "male": 45, "diverse": 1, "no_answer": 2},
}
PROTECTION = {"lock": 0.34, "company": 0.18, "taxi": 0.12, "carry": 0.05}
VICTIM = {"burglary": 0.03, "theft": 0.09, "damage": 0.07, "assault": 0.015, "fraud": 0.05, "harassment": 0.06}
OWN_SCALE = ("Wie gut fühlen Sie sich über die Arbeit des Kriminalpräventiven Rates informiert?",
             "gar nicht informiert", "sehr gut informiert")
OWN_TEXT = "Gibt es einen Ort, an dem Sie sich besonders unsicher fühlen? Wenn ja: welchen?"
PLACES = ("am Bahnhof", "in der Unterführung am Abend", "im Park nach Einbruch der Dunkelheit",
          "an der Bushaltestelle am Markt", "auf dem Weg vom Parkhaus")


def load(tenants: dict[str, Tenant]) -> None:
    for spec in SURVEYS:
        tenant = tenants.get(spec.slug)
        if tenant is None:
            continue
        with tenant_context(tenant.id):
            cycle = db.session.scalars(sa.select(PreventionCycle).order_by(PreventionCycle.number.desc())).first()
            if cycle is None or db.session.scalar(sa.select(Survey.id).filter_by(title=spec.title)) is not None:
                continue
            survey = _compose(spec, cycle)
            _codes(survey, spec)
            _answers(survey, spec, tenant.id)
            if spec.closed is not None:
                apply_to_cycle(survey)


def _compose(spec: DemoSurvey, cycle: PreventionCycle) -> Survey:
    survey = Survey(cycle=cycle, title=spec.title, status=SurveyStatus.draft,
                    public_key=f"demo-{spec.slug}-{spec.opened.year}",
                    introduction=_introduction(spec), open_link=True, sample_size=spec.sample,
                    share_for_benchmark=spec.closed is not None)
    db.session.add(survey)
    sections: dict[str, SurveySection] = {}
    for key in spec.items:
        item = BY_KEY[key]
        if item.section not in sections:
            sections[item.section] = SurveySection(survey=survey, position=len(sections) + 1, title=item.section,
                                                   bank_section=item.section)
            db.session.add(sections[item.section])
        districts = [name for name, _ in spec.districts] if item.demographic == "district" else None
        add_bank_question(survey, sections[item.section], item, districts)
    if spec.closed is not None:
        _own_questions(survey, sections)
    survey.status = SurveyStatus.closed if spec.closed else SurveyStatus.open
    survey.opened_on, survey.closed_on = spec.opened, spec.closed
    db.session.flush()
    return survey


def _introduction(spec: DemoSurvey) -> str:
    return (f"{DEMO_NOTE}\n\nWie sicher fühlen Sie sich in Ihrer Wohngegend, und was stört Sie dort? Der "
            "Kriminalpräventive Rat möchte es von Ihnen wissen, damit er das Richtige tut. Das Ausfüllen dauert "
            "etwa zehn Minuten. Ihre Antworten bleiben anonym: Niemand erfährt, was Sie geantwortet haben.")


def _own_questions(survey: Survey, sections: dict[str, SurveySection]) -> None:
    section = sections[BY_KEY["avoid_places"].section]
    question, lowest, highest = OWN_SCALE
    scale = SurveyQuestion(survey=survey, section=section, position=10, kind=QuestionKind.scale, text=question)
    scale.options = [SurveyOption(position=step, key=str(step),
                                  label={1: f"1 – {lowest}", 5: f"5 – {highest}"}.get(step, str(step)))
                     for step in range(1, 6)]
    text = SurveyQuestion(survey=survey, section=section, position=11, kind=QuestionKind.text, text=OWN_TEXT)
    db.session.add_all([scale, text])
    db.session.flush()
    db.session.expire(survey, ["questions"])


def _codes(survey: Survey, spec: DemoSurvey) -> None:
    rng = random.Random(f"codes-{spec.slug}")  # noqa: S311 - demo codes, not secrets
    codes = {"".join(rng.choice(CODE_ALPHABET) for _ in range(8)) for _ in range(spec.codes)}
    used = set(list(sorted(codes))[: spec.responses // 2])  # about half answered with a code: gone
    survey.codes_issued = len(codes)
    db.session.execute(sa.insert(SurveyCode.__table__), [
        {"tenant_id": survey.tenant_id, "survey_id": survey.id, "code": code} for code in sorted(codes - used)])


def _answers(survey: Survey, spec: DemoSurvey, tenant_id: int) -> None:
    rng = random.Random(f"answers-{spec.slug}")  # noqa: S311 - invented demo answers
    questions = {question.bank_key or question.kind.value: question for question in survey.questions}
    options = {question.id: {option.key: option.id for option in question.options}
               for question in survey.questions}
    # The Ortsteil item's options are keyed d1, d2, …: a person's Ortsteil is found by its name.
    options[questions["district"].id].update({option.label: option.id for option in questions["district"].options})
    people = [_person(rng, spec) for _ in range(spec.responses)]
    # The most worried by age and place feel unsafe at night: exactly spec.unsafe of them.
    ranked = sorted(range(len(people)), key=lambda index: people[index]["worry"], reverse=True)
    for rank, index in enumerate(ranked):
        people[index]["unsafe"] = rank < spec.unsafe
    days = max(1, ((spec.closed or date(2026, 11, 30)) - spec.opened).days)
    table = SurveyResponse.__table__  # Core, with the KPR named: bulk inserts bypass the ORM's scoping
    ids = db.session.scalars(
        sa.insert(table).returning(table.c.id, sort_by_parameter_order=True),
        [{"tenant_id": tenant_id, "survey_id": survey.id,
          "submitted_on": spec.opened + timedelta(days=int(days * rng.random() ** 2)),
          "channel": Channel.paper if rng.random() < 0.35 else Channel.online} for _ in people]).all()
    rows = []
    for response_id, person in zip(ids, people, strict=True):
        for key, value in _choices(rng, person, questions).items():
            question = questions[key]
            for chosen in value if isinstance(value, list) else [value]:
                if question.kind == QuestionKind.text:
                    rows.append({"response_id": response_id, "question_id": question.id, "option_id": None,
                                 "text": chosen})
                else:
                    rows.append({"response_id": response_id, "question_id": question.id,
                                 "option_id": options[question.id][chosen], "text": None})
    db.session.execute(sa.insert(SurveyAnswer.__table__), [{"tenant_id": tenant_id, **row} for row in rows])


def _person(rng: random.Random, spec: DemoSurvey) -> dict:
    age = _weighted(rng, WEIGHTS["age_band"])
    district = rng.choices([name for name, _ in spec.districts], [weight for _, weight in spec.districts])[0]
    worry = rng.random() + {"16-24": 0.05, "25-44": 0.0, "45-64": 0.15, "65+": 0.4}[age]
    worry += 0.3 if district == spec.inner_district else 0.0
    return {"age": age, "district": district, "worry": worry}


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _choices(rng: random.Random, person: dict, questions: dict) -> dict[str, str | list[str]]:
    unsafe = person["unsafe"]
    chosen: dict[str, str | list[str]] = {
        NIGHT.key: rng.choice(sorted(UNSAFE)) if unsafe else rng.choices(["very_safe", "fairly_safe"], [1, 3])[0],
        "safety_day": ("fairly_unsafe" if unsafe and rng.random() < 0.25 else
                       rng.choices(["very_safe", "fairly_safe"], [3, 2])[0]),
        "avoid_places": rng.choices(["often", "sometimes", "never"], [4, 4, 2] if unsafe else [1, 3, 6])[0],
    }
    for key in questions:
        if key.startswith("worry_"):
            chosen[key] = _weighted(rng, WEIGHTS["worry"])
        elif key in WEIGHTS and rng.random() > 0.03:  # a few leave an item out
            chosen[key] = _weighted(rng, WEIGHTS[key])
    if rng.random() > 0.05:  # some leave out where they live or their age
        chosen["district"] = person["district"]
    chosen["age_band"] = person["age"] if rng.random() > 0.03 else ""
    chosen["protection"] = [key for key, share in PROTECTION.items() if rng.random() < share] or ["none"]
    chosen["victim"] = [key for key, share in VICTIM.items() if rng.random() < share] or ["none"]
    if "scale" in questions:
        chosen["scale"] = str(rng.choices(range(1, 6), [14, 26, 32, 20, 8])[0])
    if "text" in questions and rng.random() < 0.12:
        chosen["text"] = rng.choice(PLACES)
    return {key: value for key, value in chosen.items() if key in questions and value}
