"""The survey's results as they are published — on the page, in the charts and in both exports: per
question the distribution with n, the headline figure, and one cross table per breakdown (Ortsteil,
age band). Every number is an entry of the disclosure-control engine (suppression.py) under one key,
with the lines that tie the numbers together; what the engine hides is "." everywhere at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ...statistics.table import german
from ..bank import BY_KEY
from ..models import QuestionKind, SurveyOption, SurveyQuestion
from .suppression import THRESHOLD, Entry, Key, Line, suppress
from .tally import NONE, Tally, headline_keys

HIDDEN = "."
NO_ANSWER = "ohne Angabe"
BREAKDOWN_LABELS = {"district": ("Ortsteil", "nach Ortsteil"), "age": ("Altersgruppe", "nach Altersgruppe")}
TOTAL = ("N",)
# Which numbers the engine hides last (see Entry.rank): n's, then overall and headline counts, cells first.
RANKS = {"n": 3, "rn": 3, "none": 3, "h": 2, "hx": 2, "c": 1}


def share_of(count: int, n: int) -> Decimal:
    """Percent with one decimal, rounded half up (41,25 → 41,3)."""
    return (Decimal(100) * count / n).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Figure:
    """A published count and its share; None where it is suppressed (or has no share)."""

    count: int | None
    share: Decimal | None = None
    hidden: bool = False

    @property
    def count_text(self) -> str:
        return HIDDEN if self.count is None else german(self.count)

    @property
    def share_text(self) -> str:
        if self.share is None:
            return HIDDEN if self.hidden else "–"
        return f"{german(self.share, 1)} %"


@dataclass(frozen=True)
class Headline:
    label: str  # "fühlen sich nachts allein in der Wohngegend unsicher"
    figure: Figure
    n: Figure

    @property
    def sentence(self) -> str:
        """"41,2 % fühlen sich nachts allein in der Wohngegend unsicher (n = 398)"."""
        if self.figure.share is None:
            return f"„{self.label}“: Anteil nicht ausgewiesen (.), um kleine Zahlen zu schützen."
        return f"{self.figure.share_text} {self.label} (n = {self.n.count_text})"


@dataclass(frozen=True)
class Row:
    label: str
    n: Figure
    figures: list[Figure]
    headline: Figure | None = None


@dataclass(frozen=True)
class CrossTable:
    demographic: str  # "district" or "age"
    row_label: str  # "Ortsteil"
    title: str  # "nach Ortsteil"
    rows: list[Row]  # the breakdown's options, then "ohne Angabe"
    total: Row  # the overall distribution, the columns' totals


@dataclass(frozen=True)
class QuestionResult:
    question: SurveyQuestion
    columns: list[str]  # the option labels
    overall: Row
    headline: Headline | None
    breakdowns: list[CrossTable] = field(default_factory=list)

    @property
    def multiple(self) -> bool:
        return self.question.kind == QuestionKind.multiple


@dataclass(frozen=True)
class TextResult:
    question: SurveyQuestion
    n: Figure


@dataclass(frozen=True)
class Results:
    responses: int
    questions: list[QuestionResult | TextResult]
    hidden: int  # how many published numbers are "."

    def sections(self) -> list[tuple[str, list[QuestionResult | TextResult]]]:
        grouped: list[tuple[str, list]] = []
        for result in self.questions:
            title = result.question.section.title
            if not grouped or grouped[-1][0] != title:
                grouped.append((title, []))
            grouped[-1][1].append(result)
        return grouped

    def by_bank_key(self, key: str) -> QuestionResult | None:
        return next((r for r in self.questions if isinstance(r, QuestionResult) and r.question.bank_key == key), None)


def _cell(question: SurveyQuestion, option: SurveyOption, breakdown: SurveyQuestion, row: int) -> Key:
    """One key for "answered question with option and breakdown with row": the Ortsteil × age cell is the
    same number in the age table by Ortsteil and in the Ortsteil table by age."""
    if row == NONE:
        return ("x", (question.id, option.id), (breakdown.id, NONE))
    return ("x", *sorted([(question.id, option.id), (breakdown.id, row)]))


class _Builder:
    """Collects the entries and lines of every table, then asks the engine which to hide."""

    def __init__(self, tally: Tally) -> None:
        self.tally = tally
        self.entries: dict[Key, Entry] = {TOTAL: Entry(tally.responses, fixed=True)}
        self.lines: list[Line] = []
        self.alias: dict[Key, Key] = {}
        self.complement: dict[int, Key] = {}  # multiple choice: who chose no headline answer

    def add(self, key: Key, value: int, shown: bool = True, sensitive: bool = True, fixed: bool = False) -> Key:
        """`fixed`: a zero that describes no one and that every reader can tell is zero (an empty "ohne
        Angabe" row): shown always, never hidden to protect another number (it would not)."""
        key = self.alias.get(key, key)
        rank = RANKS.get(key[0], 0)
        known = self.entries.get(key)
        if known is not None:  # the same number in another table (both count the same respondents)
            self.entries[key] = Entry(known.value, known.shown or shown, known.sensitive or sensitive,
                                      known.fixed or fixed, max(rank, known.rank))
        else:
            self.entries[key] = Entry(value, shown, sensitive, fixed, rank)
        return key

    def line(self, parts: list[Key], total: Key) -> None:
        self.lines.append(Line(tuple(self.alias.get(k, k) for k in parts), self.alias.get(total, total)))

    def question(self, q: SurveyQuestion) -> None:
        t, multiple = self.tally, q.kind == QuestionKind.multiple
        n = self.add(("n", q.id), t.answered.get(q.id, 0))
        counts = [self.add(("c", q.id, o.id), t.counts.get((q.id, o.id), 0)) for o in q.options]
        if multiple:
            for o, count in zip(q.options, counts, strict=True):
                self.line([count, self.add(("nc", q.id, o.id), t.answered.get(q.id, 0) - t.counts.get((q.id, o.id), 0),
                                           shown=False)], n)
        else:
            self.line(counts, n)
        heads = headline_keys(q)
        if heads:
            h = self.add(("h", q.id), t.headline.get(q.id, 0))
            if multiple:
                self._multiple_headline(q, h, n)
            else:
                self._headline_lines(q, counts, h, n)
        if q in t.breakdowns:
            missing = t.responses - t.answered.get(q.id, 0)
            none = self.add(("none", q.id), missing, shown=False, sensitive=False, fixed=not missing)
            self.line([n, none], TOTAL)

    def _headline_lines(self, q: SurveyQuestion, counts: list[Key], headline: Key, n: Key) -> None:
        """The headline answers add up to the headline count, and with the other answers to n: the second
        line is the difference of two lines, stated so that the line rule sees it."""
        heads = headline_keys(q)
        self.line([c for o, c in zip(q.options, counts, strict=True) if o.key in heads], headline)
        self.line([c for o, c in zip(q.options, counts, strict=True) if o.key not in heads] + [headline], n)

    def _multiple_headline(self, q: SurveyQuestion, h: Key, n: Key) -> None:
        """"Chose a headline answer" against n; where "nichts davon" makes up exactly the rest, the
        complement is that published count."""
        t = self.tally
        rest = t.answered.get(q.id, 0) - t.headline.get(q.id, 0)
        values = [t.counts.get((q.id, o.id), 0) for o in q.options]
        same = self._rest(q, rest, values, [("c", q.id, o.id) for o in q.options])
        self.complement[q.id] = same or self.add(("nh", q.id), rest, shown=False)
        self.line([h, self.complement[q.id]], n)

    @staticmethod
    def _rest(q: SurveyQuestion, rest: int, values: list[int], keys: list[Key]) -> Key | None:
        """The one option outside the headline ("nichts davon") when its count is exactly the rest."""
        others = [i for i, o in enumerate(q.options) if o.key not in headline_keys(q)]
        if len(others) == 1 and values[others[0]] == rest:
            return keys[others[0]]
        return None

    def cross(self, q: SurveyQuestion, b: SurveyQuestion) -> None:
        t, multiple, heads = self.tally, q.kind == QuestionKind.multiple, headline_keys(q)
        rows = [o.id for o in b.options] + [NONE]
        everyone = t.answered.get(q.id, 0) == t.responses
        row_keys, complements = [], []
        for r in rows:
            row_n = t.row_answered.get((q.id, b.id, r), 0)
            same = ("c", b.id, r) if r != NONE else ("none", b.id)
            if everyone and self.entries[same].value == row_n:
                # everyone answered this question: a row's n is the breakdown's count (for "ohne Angabe":
                # the responses less the breakdown's n), a number published already
                self.alias[("rn", q.id, b.id, r)] = same
            # nobody without an answer to the breakdown answered this question: the row's zeros describe no one
            empty = r == NONE and row_n == 0
            rn = self.add(("rn", q.id, b.id, r), row_n, sensitive=r != NONE, fixed=empty)
            row_keys.append(rn)
            cells = []
            for o in q.options:
                value = t.cross.get((q.id, b.id, r, o.id), 0)
                cell = self.add(_cell(q, o, b, r), value, sensitive=not empty, fixed=empty)
                cells.append(cell)
                if multiple:
                    self.line([cell, self.add(("nx", q.id, o.id, b.id, r), row_n - value, shown=False,
                                              sensitive=not empty, fixed=empty)], rn)
            if not multiple:
                self.line(cells, rn)
            if heads:
                chose = t.row_headline.get((q.id, b.id, r), 0)
                hx = self.add(("hx", q.id, b.id, r), chose, sensitive=not empty, fixed=empty)
                if multiple:
                    rest = self._rest(q, row_n - chose, [t.cross.get((q.id, b.id, r, o.id), 0) for o in q.options],
                                      cells)
                    complements.append(rest or self.add(("nhx", q.id, b.id, r), row_n - chose, shown=False,
                                                        sensitive=not empty, fixed=empty))
                    self.line([hx, complements[-1]], rn)
                else:
                    self._headline_lines(q, cells, hx, rn)
        for o in q.options:
            self.line([_cell(q, o, b, r) for r in rows], ("c", q.id, o.id))
            if multiple:
                self.line([("nx", q.id, o.id, b.id, r) for r in rows], ("nc", q.id, o.id))
        self.line(row_keys, ("n", q.id))
        if heads:
            self.line([("hx", q.id, b.id, r) for r in rows], ("h", q.id))
            if multiple:
                self.line(complements, self.complement[q.id])


def build(tally: Tally) -> Results:
    """Every table of the survey with the engine's suppression applied."""
    builder = _Builder(tally)
    tabulated = tally.tabulated()
    for breakdown in tally.breakdowns:  # first, so that aliased row n's find the breakdown's counts
        builder.question(breakdown)
    for q in tabulated:
        if q not in tally.breakdowns:
            builder.question(q)
    for q in tabulated:
        for b in tally.breakdowns:
            if b.id != q.id:
                builder.cross(q, b)
    texts = [q for q in tally.questions if q.kind == QuestionKind.text]
    for q in texts:
        builder.add(("n", q.id), tally.answered.get(q.id, 0))
    hidden = suppress(builder.entries, builder.lines, THRESHOLD)
    return _publish(tally, builder, hidden)


def _publish(tally: Tally, builder: _Builder, hidden: frozenset[Key]) -> Results:
    entries, alias = builder.entries, builder.alias

    def figure(key: Key, over: Key | None = None) -> Figure:
        key = alias.get(key, key)
        if key in hidden:
            return Figure(None, None, True)
        value = entries[key].value
        if over is None:
            return Figure(value)
        over = alias.get(over, over)
        if over in hidden:
            return Figure(value, None, True)
        n = entries[over].value
        return Figure(value, share_of(value, n) if n else None)

    results: list[QuestionResult | TextResult] = []
    for q in tally.questions:
        if q.kind == QuestionKind.text:
            results.append(TextResult(q, figure(("n", q.id))))
            continue
        n = ("n", q.id)
        overall = Row("Gesamt", figure(n), [figure(("c", q.id, o.id), n) for o in q.options],
                      figure(("h", q.id), n) if headline_keys(q) else None)
        item = BY_KEY.get(q.bank_key or "")
        headline = Headline(item.headline_label, overall.headline, overall.n) if overall.headline else None
        crosses = []
        for b in tally.breakdowns:
            if b.id == q.id:
                continue
            demographic = BY_KEY[b.bank_key].demographic
            row_label, title = BREAKDOWN_LABELS[demographic]
            rows = []
            for r, label in [(o.id, o.label) for o in b.options] + [(NONE, NO_ANSWER)]:
                rn = ("rn", q.id, b.id, r)
                rows.append(Row(label, figure(rn), [figure(_cell(q, o, b, r), rn) for o in q.options],
                                figure(("hx", q.id, b.id, r), rn) if headline else None))
            crosses.append(CrossTable(demographic, row_label, title, rows, overall))
        results.append(QuestionResult(q, [o.label for o in q.options], overall, headline, crosses))
    shown_hidden = sum(1 for key in hidden if entries[key].shown)
    return Results(tally.responses, results, shown_hidden)
