"""The results of a citizen survey through HTTP: counts against a direct count of generated answers,
the headline figure in words, tables with charts and breakdowns, short texts only for coordinators,
the CSV and XLSX exports (read back with the csv module and python-calamine), carrying the figures
into the round, who may do what, and a constant number of queries as answers and questions grow."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from datetime import date
from decimal import Decimal

from python_calamine import CalamineWorkbook

from asskomm.prevention.models import PreventionCycle
from asskomm.prevention.survey.bank import BY_KEY
from asskomm.prevention.survey.collection import codes
from asskomm.prevention.survey.models import Survey, SurveyStatus
from asskomm.prevention.survey.results import exports, flow
from asskomm.prevention.survey.results.tables import build, share_of
from asskomm.prevention.survey.results.tally import NONE, headline_keys, tally
from tenants import db

from .survey_results_data import (
    BASE,
    DISTRICTS,
    YEAR,
    Own,
    in_bautzen,
    make_survey,
    question_of,
    random_people,
    respond,
)

KEYS = ["safety_night", "safety_day", "protection", "victim", "problem_graffiti", "problem_litter", "age_band",
        "gender", "district"]
OWN = [Own("multiple", "Welche Angebote kennen Sie?", ("Streetwork", "Seniorentag", "Nachbarschaftshilfe")),
       Own("scale", "Wie wichtig ist Ihnen Prävention?", ("1", "2", "3", "4", "5")),
       Own("text", "Was sollte sich ändern?")]


def _survey(ctx, people: int = 120, keys=KEYS, own=OWN, seed: int = 7, **options) -> int:
    with ctx() as session, in_bautzen():
        survey = make_survey(keys, DISTRICTS, own, **options)
        respond(survey, random_people(survey, people, seed))
        session.commit()
        return survey.id


def _text(response) -> str:
    return response.get_data(as_text=True)


# -- counting -------------------------------------------------------------------------------------------------------

def test_tallies_equal_a_direct_count_of_the_generated_answers(ctx):
    with ctx(), in_bautzen():
        survey = make_survey(KEYS, DISTRICTS, OWN)
        people = random_people(survey, 150, seed=3, skip=0.15)
        respond(survey, people)
        counted = tally(survey)
        questions = {q.bank_key or q.text: q for q in survey.questions}
        breakdowns = [questions["district"], questions["age_band"]]
        assert counted.breakdowns == breakdowns and counted.responses == 150

        def chosen(person, name) -> set[str]:
            answer = person.get(name)
            return set() if answer is None else {answer} if isinstance(answer, str) else set(answer)

        for name, q in questions.items():
            options = {o.key: o.id for o in q.options}
            assert counted.answered.get(q.id, 0) == sum(1 for p in people if name in p), name
            for key, option_id in options.items():
                assert counted.counts.get((q.id, option_id), 0) == sum(1 for p in people if key in chosen(p, name))
            if headline_keys(q):
                assert counted.headline.get(q.id, 0) == sum(1 for p in people if chosen(p, name) & headline_keys(q))
            for b in breakdowns:
                if b is q or q.kind == "text":
                    continue
                by = {o.key: o.id for o in b.options}
                rows = Counter()
                cells = Counter()
                heads = Counter()
                for p in people:
                    if name not in p:
                        continue
                    row = by[p[b.bank_key]] if b.bank_key in p else NONE
                    rows[row] += 1
                    for key in chosen(p, name):
                        cells[row, options[key]] += 1
                    if chosen(p, name) & headline_keys(q):
                        heads[row] += 1
                for row in [*by.values(), NONE]:
                    assert counted.row_answered.get((q.id, b.id, row), 0) == rows[row]
                    assert counted.row_headline.get((q.id, b.id, row), 0) == (heads[row] if headline_keys(q) else 0)
                    for option_id in options.values():
                        assert counted.cross.get((q.id, b.id, row, option_id), 0) == cells[row, option_id]


def test_shares_are_percent_with_one_decimal_rounded_half_up():
    assert share_of(33, 80) == Decimal("41.3")  # 41.25: half up, not to the even 41.2
    assert share_of(7, 17) == Decimal("41.2")
    assert share_of(1, 3) == Decimal("33.3") and share_of(2, 3) == Decimal("66.7")


# -- the page -------------------------------------------------------------------------------------------------------

def test_the_headline_share_is_stated_in_words(client_as, ctx):
    with ctx() as session, in_bautzen():
        survey = make_survey(["safety_night"])
        respond(survey, [{"safety_night": key} for key, n in
                         (("very_safe", 100), ("fairly_safe", 134), ("fairly_unsafe", 98), ("very_unsafe", 66))
                         for _ in range(n)])
        session.commit()
        survey_id = survey.id
    page = _text(client_as("mitglied.bautzen").get(f"{BASE}/{survey_id}/ergebnisse"))
    # (98 + 66) / 398 = 41,206… %
    assert "41,2 % fühlen sich nachts allein in der Wohngegend unsicher (n = 398)" in page


def test_the_page_has_a_table_and_a_chart_per_question_and_a_cross_table_per_breakdown(client_as, ctx):
    survey_id = _survey(ctx)
    response = client_as("mitglied.bautzen").get(f"{BASE}/{survey_id}/ergebnisse")
    assert response.status_code == 200
    page = _text(response)
    with ctx(), in_bautzen():
        survey = db.session.get(Survey, survey_id)
        tabulated = [q for q in survey.questions if q.kind != "text"]
        night = question_of(survey, "safety_night")
    # a chart beside each table: overall for every tabulated question, one per breakdown (not the breakdown itself)
    charts = re.findall(r'<svg class="survey-chart"[^>]*role="img" aria-labelledby="([^"]+)"', page)
    assert len(charts) == len(tabulated) + 2 * (len(tabulated) - 2) + 2
    for label in charts:
        assert re.search(rf'<title id="{label}">Diagramm: [^<]+</title>', page)
    assert f"frage-{night.id}-district-tabelle\"" in page and 'role="region"' in page
    assert "Nach Ortsteil" in page and "Nach Altersgruppe" in page and "ohne Angabe" in page
    assert "<script" not in page  # drawn on the server, no JavaScript
    assert "Zahlen unter 5 (auch 0) stehen als „.“" in page


def test_short_texts_are_shown_to_coordinators_only_in_random_order_and_never_exported(client_as, ctx):
    with ctx() as session, in_bautzen():
        survey = make_survey(["safety_night"], own=[Own("text", "Was sollte sich ändern?")])
        texts = [f"Hinweis Nummer {n} zur Beleuchtung" for n in range(12)]
        respond(survey, [{"safety_night": "fairly_safe", "Was sollte sich ändern?": text} for text in texts])
        session.commit()
        survey_id = survey.id
    url = f"{BASE}/{survey_id}/ergebnisse"
    coordinator = client_as("koordination.bautzen")
    shown = _text(coordinator.get(url))
    assert all(text in shown for text in texts)
    assert "Freitexte können Personen nennen" in shown
    orders = {tuple(re.findall(r"Hinweis Nummer (\d+)", _text(coordinator.get(url)))) for _ in range(6)}
    assert len(orders) > 1  # not the order in which they came in
    member = _text(client_as("mitglied.bautzen").get(url))
    assert "Hinweis Nummer" not in member and "12 Antworten" in member
    for fmt in ("csv", "xlsx"):
        content = coordinator.get(f"{BASE}/{survey_id}/ergebnisse.{fmt}").data
        assert b"Hinweis" not in content
        if fmt == "xlsx":
            rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
            assert not any("Hinweis" in str(cell) for row in rows for cell in row)


# -- exports --------------------------------------------------------------------------------------------------------

def _csv_rows(data: bytes) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    start = next(i for i, row in enumerate(rows) if row and row[0] == exports.HEADER[0])
    assert rows[start] == exports.HEADER
    return rows[start + 1:]


def _xlsx_rows(data: bytes) -> list[list]:
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    start = next(i for i, row in enumerate(rows) if row and row[0] == exports.HEADER[0])
    assert list(rows[start]) == exports.HEADER
    return [list(row) for row in rows[start + 1:]]


def test_csv_and_xlsx_hold_the_same_suppressed_tables_as_the_page(client_as, ctx):
    survey_id = _survey(ctx, people=60)
    client = client_as("mitglied.bautzen")
    as_csv = client.get(f"{BASE}/{survey_id}/ergebnisse.csv")
    as_xlsx = client.get(f"{BASE}/{survey_id}/ergebnisse.xlsx")
    assert as_csv.status_code == as_xlsx.status_code == 200
    assert as_csv.mimetype == "text/csv" and "attachment" in as_csv.headers["Content-Disposition"]
    assert as_xlsx.mimetype.endswith("spreadsheetml.sheet")
    csv_rows, xlsx_rows = _csv_rows(as_csv.data), _xlsx_rows(as_xlsx.data)
    with ctx(), in_bautzen():
        survey = db.session.get(Survey, survey_id)
        expected = exports.lines(build(tally(survey)))
        night = question_of(survey, "safety_night")
        gender = question_of(survey, "gender")
    assert len(csv_rows) == len(xlsx_rows) == len(expected)
    hidden = 0
    for line, from_csv, from_xlsx in zip(expected, csv_rows, xlsx_rows, strict=True):
        assert from_csv[:5] == [str(cell) for cell in line[:5]] and from_xlsx[:5] == line[:5]
        for column in (5, 6, 7):
            cell = line[column]
            if cell == ".":
                hidden += 1
                assert from_csv[column] == from_xlsx[column] == "."
            elif isinstance(cell, int):
                assert from_csv[column] == str(cell) and from_xlsx[column] == cell
            elif isinstance(cell, Decimal):
                assert from_csv[column] == str(cell).replace(".", ",")
                assert abs(from_xlsx[column] - float(cell)) < 1e-9
    assert hidden > 0  # 60 answers over three Ortsteile and four age bands leave small cells
    # the lines cover the overall distribution and both breakdowns of a question
    groups = {(row[2], row[3]) for row in csv_rows if row[1] == night.text}
    assert ("gesamt", "") in groups and {("Ortsteil", d) for d in DISTRICTS} <= groups
    assert ("Altersgruppe", "65 Jahre und älter") in groups and ("Ortsteil", "ohne Angabe") in groups
    assert any(row[1] == gender.text and row[4] == "weiblich" for row in csv_rows)
    # the page shows the same numbers
    page = _text(client.get(f"{BASE}/{survey_id}/ergebnisse"))
    first = next(row for row in csv_rows if row[1] == night.text and row[2] == "gesamt")
    count = first[5] if first[5] == "." else f"{int(first[5]):,}".replace(",", ".")
    assert f'<th scope="row">{first[4]}</th><td class="num">{count}</td>' in page


def test_a_foreign_format_is_404(client_as, ctx):
    survey_id = _survey(ctx, people=5)
    assert client_as("mitglied.bautzen").get(f"{BASE}/{survey_id}/ergebnisse.pdf").status_code == 404


# -- into the round's analysis --------------------------------------------------------------------------------------

def _problems_people() -> list[dict]:
    """Litter named a big problem most often, then graffiti; dark places by three people only (a suppressed
    share is not ranked); noise answered by four people."""
    people = []
    for n in range(40):
        people.append({"safety_night": "very_unsafe" if n < 10 else "fairly_unsafe" if n < 18 else "fairly_safe",
                       "problem_graffiti": "big" if n < 12 else "small",
                       "problem_litter": "fair" if n < 25 else "none",
                       "problem_dark_places": "big" if n < 3 else "none",
                       **({"problem_noise": "big"} if n < 4 else {})})
    return people


def test_the_button_carries_the_figures_into_the_open_round(client_as, ctx):
    with ctx() as session, in_bautzen():
        survey = make_survey(["safety_night", "problem_graffiti", "problem_litter", "problem_noise",
                              "problem_dark_places"], sample_size=200)
        respond(survey, _problems_people())
        session.commit()
        survey_id, cycle_id = survey.id, survey.cycle_id
    coordinator = client_as("koordination.bautzen")
    page = _text(coordinator.get(f"{BASE}/{survey_id}/ergebnisse"))
    assert "Ergebnisse in die Sicherheitsanalyse übernehmen" in page
    response = coordinator.submit(f"{BASE}/{survey_id}/in-analysis-uebernehmen")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/runden/{cycle_id}#subjektiv")
    with ctx(), in_bautzen():
        cycle = db.session.get(PreventionCycle, cycle_id)
        assert (cycle.survey_year, cycle.survey_sample, cycle.survey_responses, cycle.survey_unsafe_share) == (
            YEAR, 200, 40, Decimal("45.0"))
        # litter 25 of 40, graffiti 12 of 40; dark places 3 of 40 is "." on the page and not ranked; noise: n = 4
        assert cycle.survey_problems.splitlines() == ["Müll und Verschmutzung", "Graffiti und Schmierereien"]
    shown = _text(coordinator.get(response.headers["Location"]))
    assert "45,0 %" in shown and "Graffiti und Schmierereien" in shown and "20,0 %" in shown  # rate 40 of 200


def test_the_sample_is_the_number_of_codes_unless_more_answered(ctx):
    with ctx(), in_bautzen():
        survey = make_survey(["safety_night"])
        codes.generate(survey, 30)
        respond(survey, [{"safety_night": "fairly_safe"}] * 12)
        flow.apply_to_cycle(survey)
        assert (survey.cycle.survey_sample, survey.cycle.survey_responses) == (30, 12)
        respond(survey, [{"safety_night": "very_safe"}] * 20)  # the open link besides the codes: 32 > 30
        flow.apply_to_cycle(survey)
        assert (survey.cycle.survey_sample, survey.cycle.survey_responses) == (None, 32)
        # fewer than five feel unsafe: the share is suppressed and not carried over
        assert survey.cycle.survey_unsafe_share is None


def test_a_closed_round_keeps_its_figures(client_as, ctx):
    with ctx() as session, in_bautzen():
        survey = make_survey(["safety_night"], status=SurveyStatus.closed)
        respond(survey, [{"safety_night": "fairly_unsafe"}] * 8)
        survey.cycle.closed_on = date(YEAR, 6, 1)
        survey.cycle.survey_responses = 1000
        flow.apply_to_cycle(survey)  # quietly nothing
        assert survey.cycle.survey_responses == 1000 and survey.cycle.survey_unsafe_share is None
        session.commit()
        survey_id = survey.id
    coordinator = client_as("koordination.bautzen")
    page = _text(coordinator.get(f"{BASE}/{survey_id}/ergebnisse"))
    assert "Ergebnisse in die Sicherheitsanalyse übernehmen" not in page
    response = coordinator.submit(f"{BASE}/{survey_id}/in-analysis-uebernehmen")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/{survey_id}/ergebnisse")
    assert "ist abgeschlossen" in _text(coordinator.get(response.headers["Location"]))
    with ctx(), in_bautzen():
        assert db.session.get(Survey, survey_id).cycle.survey_responses == 1000


# -- who may -------------------------------------------------------------------------------------------------------

def test_members_read_and_only_coordinators_carry_over(client_as, ctx):
    survey_id = _survey(ctx, people=20)
    url = f"{BASE}/{survey_id}/ergebnisse"
    member = client_as("mitglied.bautzen")
    assert member.get(url).status_code == 200 and member.get(f"{url}.csv").status_code == 200
    assert "Ergebnisse in die Sicherheitsanalyse übernehmen" not in _text(member.get(url))
    assert member.submit(f"{BASE}/{survey_id}/in-analysis-uebernehmen").status_code == 404
    with ctx(), in_bautzen():
        assert db.session.get(Survey, survey_id).cycle.survey_responses is None
    assert client_as("coach1").get(url).status_code == 200  # Bautzen's coach reads
    assert client_as("koordination.zwickau").get(url.replace("/bautzen/", "/zwickau/")).status_code == 404
    assert client_as("koordination.bautzen").submit(f"{BASE}/{survey_id}/in-analysis-uebernehmen").status_code == 302


# -- queries --------------------------------------------------------------------------------------------------------

def test_the_results_page_sends_as_many_queries_for_many_answers_and_questions_as_for_few(client_as, ctx,
                                                                                         count_queries):
    small = _survey(ctx, people=10, keys=["safety_night", "district", "age_band"], own=OWN[-1:])
    large = _survey(ctx, people=200, keys=KEYS + ["problem_noise", "problem_drugs", "worry_burglary"], own=OWN,
                    seed=11)
    client = client_as("koordination.bautzen")
    counts = []
    for survey_id in (small, large, small, large):
        for suffix in ("", ".csv"):
            client.get(f"{BASE}/{survey_id}/ergebnisse{suffix}")  # warm up the request's caches (roles, menu)
            with count_queries() as queries:
                assert client.get(f"{BASE}/{survey_id}/ergebnisse{suffix}").status_code == 200
            counts.append((suffix, queries.value))
    assert counts[0] == counts[2] and counts[1] == counts[3]
    assert [c for s, c in counts if s == ""] == [counts[0][1]] * 4, counts
    assert [c for s, c in counts if s == ".csv"] == [counts[1][1]] * 4, counts


def test_a_problem_is_named_in_the_words_of_its_item():
    assert flow.problem_name(BY_KEY["problem_graffiti"]) == "Graffiti und Schmierereien"
    assert flow.problem_name(BY_KEY["problem_dark_places"]) == "Schlecht beleuchtete Wege und Plätze"
