"""Small cells of the survey's results: the engine on its own (one line, cross tables sharing their
margins, multiple choice, a pattern only a combination of lines gives away), and the issue's crafted
data set through HTTP — one cell of 4 answers is "." on the page, in the CSV and in the XLSX, and a
brute-force search over every non-negative whole-number filling of the hidden cells that agrees with
every published number of the page and both exports finds more than one value for it."""

from __future__ import annotations

import csv
import html
import io
import math
import re
from collections.abc import Mapping, Sequence

from python_calamine import CalamineWorkbook

from asskomm.prevention.survey.models import Survey
from asskomm.prevention.survey.results import tables
from asskomm.prevention.survey.results.suppression import Entry, Line, _State, suppress
from asskomm.prevention.survey.results.tally import tally
from tenants import db

from .survey_results_data import BASE, in_bautzen, make_survey, question_of, random_people, respond

# -- a small solver, independent of the engine: interval propagation and branching ------------------------------------

Equation = tuple[dict[str, int], int]  # {variable: coefficient}, right-hand side


class Solver:
    """Non-negative whole numbers for the unknowns of linear equations: interval propagation (an
    equation narrows each of its variables by the others' bounds), then splitting an interval."""

    def __init__(self, equations: Sequence[Equation], unknowns: Sequence[str], bound: int) -> None:
        self.equations = [equation for equation in equations if equation[0]]
        self.unknowns, self.bound = list(unknowns), bound
        self.using: dict[str, list[int]] = {v: [] for v in unknowns}
        for index, (coefficients, _) in enumerate(self.equations):
            for v in coefficients:
                self.using[v].append(index)

    def propagate(self, low: dict[str, int], high: dict[str, int], pending: set[int]) -> bool:
        while pending:
            coefficients, rhs = self.equations[pending.pop()]
            least = sum(c * (low[v] if c > 0 else high[v]) for v, c in coefficients.items())
            most = sum(c * (high[v] if c > 0 else low[v]) for v, c in coefficients.items())
            if not least <= rhs <= most:
                return False
            for v, c in coefficients.items():
                others_least = least - c * (low[v] if c > 0 else high[v])
                others_most = most - c * (high[v] if c > 0 else low[v])
                first, second = sorted(((rhs - others_most) / c, (rhs - others_least) / c))
                new_low, new_high = max(low[v], math.ceil(first)), min(high[v], math.floor(second))
                if new_low > new_high:
                    return False
                if (new_low, new_high) != (low[v], high[v]):
                    low[v], high[v] = new_low, new_high
                    pending.update(self.using[v])
        return True

    def solve(self, low: dict[str, int], high: dict[str, int], changed: Sequence[str] | None = None) -> bool:
        low, high = dict(low), dict(high)
        pending = set(range(len(self.equations))) if changed is None else \
            {i for v in changed for i in self.using[v]}
        if not self.propagate(low, high, pending):
            return False
        open_ = [v for v in self.unknowns if low[v] < high[v]]
        if not open_:
            return True
        v = min(open_, key=lambda name: high[name] - low[name])
        middle = (low[v] + high[v]) // 2
        return self.solve({**low, v: low[v]}, {**high, v: middle}, [v]) or \
            self.solve({**low, v: middle + 1}, {**high, v: high[v]}, [v])

    def possible_values(self, target: str) -> set[int]:
        """Every value `target` takes in some solution (tried one by one)."""
        low, high = dict.fromkeys(self.unknowns, 0), dict.fromkeys(self.unknowns, self.bound)
        return {value for value in range(self.bound + 1)
                if self.solve({**low, target: value}, {**high, target: value})}

    def another_value(self, target: str, value: int) -> bool:
        """Whether some solution gives `target` a value other than `value`."""
        low, high = dict.fromkeys(self.unknowns, 0), dict.fromkeys(self.unknowns, self.bound)
        return (value > 0 and self.solve(low, {**high, target: value - 1})) or \
            (value < self.bound and self.solve({**low, target: value + 1}, high))


def _system(entries: Mapping[str, Entry], lines: Sequence[Line], hidden: frozenset) -> tuple[list[Equation], list]:
    """The lines as equations over what is not published; the published numbers are constants."""
    unknown = [k for k, e in entries.items() if (k in hidden or not e.shown) and not e.fixed]
    unknown_set = set(unknown)
    equations = []
    for line in lines:
        coefficients: dict[str, int] = {}
        rhs = 0
        for key, sign in [(k, 1) for k in line.parts] + [(line.total, -1)]:
            if key in unknown_set:
                coefficients[key] = coefficients.get(key, 0) + sign
            else:
                rhs -= sign * entries[key].value
        equations.append(({k: c for k, c in coefficients.items() if c}, rhs))
    return equations, unknown


def assert_protected(entries: Mapping[str, Entry], lines: Sequence[Line], hidden: frozenset) -> None:
    equations, unknown = _system(entries, lines, hidden)
    bound = max(e.value for e in entries.values())
    truth = {key: entries[key].value for key in unknown}
    assert all(sum(c * truth[k] for k, c in coefficients.items()) == rhs for coefficients, rhs in equations)
    solver = Solver(equations, unknown, bound)
    for key in hidden:
        assert solver.another_value(key, entries[key].value), key


def _table(rows: Mapping[str, Sequence[int]], columns: Sequence[str], prefix: str = "") -> tuple[dict, list]:
    """A cross table: cells, row totals, column totals and the grand total, with their lines."""
    entries, lines = {}, []
    for r, values in rows.items():
        for c, value in zip(columns, values, strict=True):
            entries[f"{prefix}{r}{c}"] = Entry(value)
        entries[f"{prefix}{r}+"] = Entry(sum(values))
        lines.append(Line(tuple(f"{prefix}{r}{c}" for c in columns), f"{prefix}{r}+"))
    for i, c in enumerate(columns):
        entries[f"+{c}"] = Entry(sum(values[i] for values in rows.values()))
        lines.append(Line(tuple(f"{prefix}{r}{c}" for r in rows), f"+{c}"))
    entries["++"] = Entry(sum(map(sum, rows.values())))
    lines.append(Line(tuple(f"{prefix}{r}+" for r in rows), "++"))
    lines.append(Line(tuple(f"+{c}" for c in columns), "++"))
    return entries, lines


# -- the engine ------------------------------------------------------------------------------------------------------

def test_one_line_hides_the_small_entry_and_the_smallest_other():
    entries = {"a": Entry(4), "b": Entry(10), "c": Entry(12), "n": Entry(26)}
    lines = [Line(("a", "b", "c"), "n")]
    hidden = suppress(entries, lines)
    assert hidden == {"a", "b"}
    assert_protected(entries, lines, hidden)


def test_hidden_entries_that_add_up_to_zero_take_one_more():
    entries = {"a": Entry(0), "b": Entry(0), "c": Entry(20), "d": Entry(9), "n": Entry(29)}
    lines = [Line(("a", "b", "c", "d"), "n")]
    hidden = suppress(entries, lines)
    assert hidden == {"a", "b", "d"}  # two zeros alone would be known to be zero
    assert_protected(entries, lines, hidden)


def test_a_margin_shared_by_two_cross_tables_is_hidden_in_both():
    # one question (columns x, y) by Ortsteil (rows A, B) and by age band (rows P, Q): the column totals
    # "+x", "+y" and the grand total are the same numbers in both tables
    first, first_lines = _table({"A": [3, 20], "B": [30, 6]}, ["x", "y"], "o")
    second, second_lines = _table({"P": [12, 12], "Q": [21, 14]}, ["x", "y"], "a")
    entries, lines = {**first, **second}, first_lines + second_lines
    hidden = suppress(entries, lines)
    assert "oAx" in hidden
    assert_protected(entries, lines, hidden)
    # the second table could give away the first table's margins; hidden there, they are hidden everywhere
    alone = suppress(first, first_lines)
    assert_protected(first, first_lines, alone)


def test_multiple_choice_protects_a_small_number_of_those_who_did_not_choose():
    # 38 of 40 chose the answer: "did not choose" is 2, shown nowhere but n − 38
    entries = {"chose": Entry(38), "not": Entry(2, shown=False), "n": Entry(40),
               "other": Entry(20), "other_not": Entry(20, shown=False)}
    lines = [Line(("chose", "not"), "n"), Line(("other", "other_not"), "n")]
    hidden = suppress(entries, lines)
    assert "chose" in hidden and "n" not in hidden and "other" not in hidden


def test_a_cell_only_a_combination_of_lines_gives_away_is_hidden_too():
    """Two blocks of four small cells, joined by one small cell: every row and column has two hidden
    cells or more, so no single line tells anything — but rows 1 and 2 less columns 1 and 2 leave the
    joining cell alone. The exact check finds it."""
    rows = {"1": [1, 2, 3, 9, 9], "2": [2, 1, 9, 9, 9], "3": [9, 9, 1, 2, 9], "4": [9, 9, 2, 1, 9]}
    entries, lines = _table(rows, ["a", "b", "c", "d", "e"])
    state = _State(entries, lines, 5)
    state.close()
    assert "1c" in state.determined()  # the line rule alone leaves it recoverable
    hidden = suppress(entries, lines)
    assert "1c" in hidden
    assert_protected(entries, lines, hidden)


def test_what_the_number_of_responses_gives_away_is_not_hidden():
    # everyone answered: n equals the number of responses, which is published anyway
    entries = {"N": Entry(30, fixed=True), "n": Entry(30), "none": Entry(0, shown=False, sensitive=False),
               "a": Entry(3), "b": Entry(27)}
    lines = [Line(("n", "none"), "N"), Line(("a", "b"), "n")]
    hidden = suppress(entries, lines)
    assert hidden == {"a", "b"}


def test_the_survey_tables_leave_no_hidden_number_recoverable(ctx):
    """The engine on the lines of real tables: single and multiple choice (with "nichts davon"), a
    headline, broken down by two Ortsteile and four age bands, everyone answering the night-time item."""
    with ctx(), in_bautzen():
        survey = make_survey(["safety_night", "victim", "protection", "age_band", "district"], ["Nord", "Süd"])
        people = random_people(survey, 45, seed=2, skip=0.0)
        for n, person in enumerate(people):
            if n % 9 == 0:
                person.pop("district")
            if person["victim"] and "none" in person["victim"]:
                person["victim"] = ["none"]  # "nichts davon" stands alone
        respond(survey, people)
        builder = tables._Builder(tally(survey))
        counted = builder.tally
        for q in counted.breakdowns:
            builder.question(q)
        for q in counted.tabulated():
            if q not in counted.breakdowns:
                builder.question(q)
            for b in counted.breakdowns:
                if b.id != q.id:
                    builder.cross(q, b)
    hidden = suppress(builder.entries, builder.lines)
    assert len([k for k in hidden if builder.entries[k].shown]) > 10
    assert_protected(builder.entries, builder.lines, hidden)


# -- the crafted data set through HTTP ---------------------------------------------------------------------------------

OPTIONS = ["very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe"]
LABELS = ["sehr sicher", "ziemlich sicher", "ziemlich unsicher", "sehr unsicher"]
HEADLINE = "Kennzahl: fühlen sich nachts allein in der Wohngegend unsicher"
CRAFTED = {"Altstadt": [8, 6, 5, 4], "Neustadt": [7, 6, 5, 6], None: [5, 5, 5, 5]}  # None: no Ortsteil given
GROUPS = ["Altstadt", "Neustadt", "ohne Angabe"]


def _crafted(ctx) -> int:
    people = []
    for district, counts in CRAFTED.items():
        for option, count in zip(OPTIONS, counts, strict=True):
            people += [{"safety_night": option, **({"district": district} if district else {})}] * count
    with ctx() as session, in_bautzen():
        survey = make_survey(["safety_night", "district"], ["Altstadt", "Neustadt"])
        respond(survey, [{k: (v if k == "safety_night" else _district_key(survey, v)) for k, v in p.items()}
                         for p in people])
        session.commit()
        return survey.id


def _district_key(survey, name: str) -> str:
    return next(o.key for o in question_of(survey, "district").options if o.label == name)


def _number(text: str) -> int | str:
    """A count as the page prints it: "1.234" or "."."""
    return text if text == "." else int(text.replace(".", ""))


def _records(rows: Sequence[Sequence]) -> dict[tuple, tuple]:
    """(question, breakdown, group, answer) -> (count, n of the group), "." where hidden."""
    found = {}
    for row in rows:
        count = "." if str(row[5]) == "." else int(row[5])
        n = "" if str(row[7]) == "" else "." if str(row[7]) == "." else int(row[7])
        found[(row[1][:12], row[2], row[3], row[4])] = (count, n)
    return found


def _truth(variables: dict[tuple, str], question: str) -> dict[str, int]:
    """The true value of every hidden number, from the crafted counts."""
    truth = {}
    for ((q, breakdown, group, answer), part), name in variables.items():
        if q != question:  # the Ortsteil question's own counts
            truth[name] = sum(CRAFTED[answer]) if part == 0 else sum(map(sum, list(CRAFTED.values())[:2]))
            continue
        rows = [CRAFTED[g] for g in CRAFTED] if breakdown == "gesamt" else \
            [CRAFTED[None if group == "ohne Angabe" else group]]
        if part == 1:
            truth[name] = sum(map(sum, rows))
        elif answer == HEADLINE:
            truth[name] = sum(row[2] + row[3] for row in rows)
        else:
            truth[name] = sum(row[LABELS.index(answer)] for row in rows)
    return truth


def _export_rows(client, survey_id: int) -> tuple[list, list]:
    as_csv = client.get(f"{BASE}/{survey_id}/ergebnisse.csv").data.decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(as_csv), delimiter=";"))
    csv_rows = csv_rows[next(i for i, row in enumerate(csv_rows) if row[:1] == ["Abschnitt"]) + 1:]
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(client.get(f"{BASE}/{survey_id}/ergebnisse.xlsx").data))
    xlsx_rows = sheet.get_sheet_by_index(0).to_python()
    xlsx_rows = xlsx_rows[next(i for i, row in enumerate(xlsx_rows) if row[:1] == ["Abschnitt"]) + 1:]
    return csv_rows, xlsx_rows


def _page_tables(page: str) -> list[list[list[str]]]:
    """Every table of the page as rows of cell texts."""
    tables = []
    for table in re.findall(r"<table.*?</table>", page, re.S):
        rows = []
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
            rows.append([html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
                         for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)])
        tables.append(rows)
    return tables


def _page_records(page: str, night_text: str, district_text: str) -> dict[tuple, tuple]:
    """The page's numbers in the shape of the export's records."""
    found = {}
    overall_night, cross, overall_district = _page_tables(page)
    n = _number(overall_night[-1][1])
    for label, count, _ in overall_night[1:-1]:
        found[(night_text[:12], "gesamt", "", label)] = (_number(count), n)
    header = cross[0]
    for row in cross[1:-1]:
        group, group_n = row[0], _number(row[1])
        for label, cell in zip(header[2:], row[2:], strict=True):
            answer = label if label in LABELS else HEADLINE
            found[(night_text[:12], "Ortsteil", group, answer)] = (_number(cell.split("(")[1].rstrip(")")), group_n)
    headline_total = cross[-1][-1]
    found[(night_text[:12], "gesamt", "", HEADLINE)] = (_number(headline_total.split("(")[1].rstrip(")")), n)
    district_n = _number(overall_district[-1][1])
    for label, count, _ in overall_district[1:-1]:
        found[(district_text[:12], "gesamt", "", label)] = (_number(count), district_n)
    return found


def test_the_crafted_cell_of_four_is_hidden_and_cannot_be_recovered(client_as, ctx):
    survey_id = _crafted(ctx)
    client = client_as("mitglied.bautzen")
    page = client.get(f"{BASE}/{survey_id}/ergebnisse").get_data(as_text=True)
    with ctx(), in_bautzen():
        survey = db.session.get(Survey, survey_id)
        night, district = question_of(survey, "safety_night"), question_of(survey, "district")
        night_text, district_text = night.text, district.text
    # the page: the cell is ".", with its share
    cross = _page_tables(page)[1]
    altstadt = next(row for row in cross if row[0] == "Altstadt")
    assert altstadt[2 + LABELS.index("sehr unsicher")] == ". (.)"
    # the exports: the same records as the page, "." in the same places
    csv_rows, xlsx_rows = _export_rows(client, survey_id)
    records = _records(csv_rows)
    assert records == _records(xlsx_rows)
    shown_on_page = _page_records(page, night_text, district_text)
    assert shown_on_page.items() <= records.items()
    key = (night_text[:12], "Ortsteil", "Altstadt", "sehr unsicher")
    assert records[key][0] == "."
    # every relation a reader knows, over the hidden numbers
    total = int(re.search(r"<dt>Antworten</dt><dd>(\d+)</dd>", page).group(1))
    assert total == 67
    variables: dict[tuple, str] = {}

    def term(record_key, part: int = 0) -> tuple[dict[str, int], int]:
        value = records[record_key][part]
        if value == ".":
            name = variables.setdefault((record_key, part), f"v{len(variables)}")
            return {name: 1}, 0
        return {}, value

    equations: list[Equation] = []

    def equal(left: list, right: list) -> None:
        """sum(left) == sum(right), each a list of (record key, part) or an int."""
        coefficients: dict[str, int] = {}
        rhs = 0
        for sign, side in ((1, left), (-1, right)):
            for item in side:
                if isinstance(item, int):
                    rhs -= sign * item
                    continue
                found, value = term(*item)
                for name, c in found.items():
                    coefficients[name] = coefficients.get(name, 0) + sign * c
                rhs -= sign * value
        equations.append(({k: c for k, c in coefficients.items() if c}, rhs))

    q = night_text[:12]
    overall = [(q, "gesamt", "", label) for label in LABELS]
    equal([(k, 0) for k in overall], [(overall[0], 1)])  # the options add up to n
    equal([(overall[2], 0), (overall[3], 0)], [((q, "gesamt", "", HEADLINE), 0)])  # the headline
    equal([(overall[0], 1)], [total])  # everyone answered the night-time item: n is the number of responses
    for group in GROUPS:
        row = [(q, "Ortsteil", group, label) for label in LABELS]
        equal([(k, 0) for k in row], [(row[0], 1)])
        equal([(row[2], 0), (row[3], 0)], [((q, "Ortsteil", group, HEADLINE), 0)])
    for i, label in enumerate(LABELS):
        equal([((q, "Ortsteil", group, label), 0) for group in GROUPS], [(overall[i], 0)])
    equal([((q, "Ortsteil", group, HEADLINE), 0) for group in GROUPS], [((q, "gesamt", "", HEADLINE), 0)])
    equal([((q, "Ortsteil", group, LABELS[0]), 1) for group in GROUPS], [(overall[0], 1)])
    d = district_text[:12]
    districts = [(d, "gesamt", "", name) for name in ("Altstadt", "Neustadt")]
    equal([(k, 0) for k in districts], [(districts[0], 1)])
    for name, k in zip(("Altstadt", "Neustadt"), districts, strict=True):  # who answered both: everyone here
        equal([((q, "Ortsteil", name, LABELS[0]), 1)], [(k, 0)])
    equal([((q, "Ortsteil", "ohne Angabe", LABELS[0]), 1), (districts[0], 1)], [total])
    assert (key, 0) in variables
    truth = _truth(variables, night_text[:12])
    assert len(variables) > 5, variables  # more than the one cell is hidden
    solver = Solver(equations, list(variables.values()), total)
    values = solver.possible_values(variables[(key, 0)])
    assert 4 in values and len(values) >= 2, values
    # the control: were the cell the only "." (no secondary suppression), these relations would give it away
    alone = [({k: c for k, c in coefficients.items() if k == variables[(key, 0)]},
              rhs - sum(c * truth[k] for k, c in coefficients.items() if k != variables[(key, 0)]))
             for coefficients, rhs in equations]
    assert Solver(alone, [variables[(key, 0)]], total).possible_values(variables[(key, 0)]) == {4}
    # and no other hidden number is determined either
    for name in variables.values():
        assert len(solver.possible_values(name)) >= 2, name
