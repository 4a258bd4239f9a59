"""Disclosure control: which published counts are shown as "." so that no small count can be read
or worked out from what is shown.

The engine knows nothing of surveys. It works on numbers (entries, by key) and on *lines*: sets of
entries whose parts add up to their total (an option distribution and its n, a row of a cross table
and its row n, a column and the overall count, "chose" and "did not choose" and n). An entry that
appears in several tables is one key, so once hidden it is hidden everywhere.

- Primary suppression: every sensitive count below the threshold (5, zero included) is hidden.
- Secondary suppression, iterated to a fixed point: a line in which exactly one entry is unknown
  would give it away (total minus the others), and so would a line whose unknown parts add up to
  zero (none can be below zero); either hides the smallest other shown entry — a cell of a table
  before an overall count, and that before an n, whose hiding would take every share over it.
- Then an exact check: the lines as a linear system over the unknown entries; any hidden entry the
  system determines (a combination of lines, not only one line, can pin it) hides one more entry of
  its lines, and the fixed point runs again.

Entries that are not shown anywhere (the "did not choose" counts, which follow from n and "chose")
are unknowns from the start; they need protection only if they are sensitive and small.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

THRESHOLD = 5
RULE = ("Zahlen unter 5 (auch 0) stehen als „.“, und so viele weitere Zahlen ebenfalls, dass sich keine "
        "ausgeblendete Zahl aus Summen, Differenzen, anderen Tabellen oder den Downloads zurückrechnen lässt; "
        "Anteile fehlen, wo ihre Anzahl oder ihr n fehlt.")

Key = Hashable


@dataclass(frozen=True)
class Entry:
    value: int
    shown: bool = True  # printed in a table or export (else only derivable)
    sensitive: bool = True  # a count of people with an answer: protected when small
    fixed: bool = False  # always shown (the number of responses)
    # Which to hide first when a line needs one more: 0 a table's cell, 1 an overall or headline count,
    # 2 an n (hiding an n hides every share over it); the smallest value within a rank.
    rank: int = 0


@dataclass(frozen=True)
class Line:
    parts: tuple[Key, ...]
    total: Key

    @property
    def entries(self) -> tuple[Key, ...]:
        return (*self.parts, self.total)


class _State:
    def __init__(self, entries: Mapping[Key, Entry], lines: Sequence[Line], threshold: int) -> None:
        self.entries, self.lines, self.threshold = entries, lines, threshold
        self.order = {key: index for index, key in enumerate(entries)}
        self.lines_of: dict[Key, list[Line]] = {}
        for line in lines:
            for key in line.entries:
                self.lines_of.setdefault(key, []).append(line)
        self.cache: dict[frozenset, list[Key]] = {}
        # What the fixed entries alone determine (n = the number of responses, when everyone answered)
        # is known to every reader: hiding it would protect nothing.
        self.known: set[Key] = {key for key, e in entries.items() if e.fixed}
        self.known |= set(self._pinned_all(lambda key: key not in self.known))
        self.invisible = {key for key, e in entries.items() if not e.shown and key not in self.known}
        self.hidden: set[Key] = {key for key, e in entries.items()
                                 if e.shown and e.sensitive and key not in self.known and e.value < threshold}

    def unknown(self, key: Key) -> bool:
        return key in self.hidden or key in self.invisible

    def protected(self, key: Key) -> bool:
        """Must not be determined: what a table shows as ".", and small counts shown nowhere."""
        entry = self.entries[key]
        if key in self.known:
            return False
        if entry.shown:
            return key in self.hidden
        return entry.sensitive and entry.value < self.threshold

    def candidates(self, lines: Iterable[Line]) -> list[Key]:
        return [key for line in lines for key in line.entries
                if self.entries[key].shown and key not in self.known and key not in self.hidden]

    def hide_smallest(self, lines: Iterable[Line], totals: frozenset[Key] = frozenset()) -> bool:
        """Hide the smallest shown entry of `lines`: cells before margins and n's, then the smallest,
        parts before totals, the first made."""
        keys = self.candidates(lines)
        if not keys:
            return False
        self.hidden.add(min(keys, key=lambda k: (self.entries[k].rank, self.entries[k].value, k in totals,
                                                  self.order[k])))
        return True

    def weak(self, line: Line) -> bool:
        unknown = [key for key in line.entries if self.unknown(key)]
        if not unknown:
            return False
        if len(unknown) == 1:
            return self.protected(unknown[0])
        if self.unknown(line.total):
            return False
        parts = [key for key in line.parts if self.unknown(key)]
        return any(self.protected(key) for key in parts) and not sum(self.entries[key].value for key in parts)

    def close(self) -> None:
        """Apply the line rules until no line gives an entry away."""
        changed = True
        while changed:
            changed = False
            for line in self.lines:
                if self.weak(line) and self.hide_smallest([line], frozenset({line.total})):
                    changed = True

    def _pinned_all(self, unknown) -> list[Key]:
        found = []
        for variables, equations in _components(self.lines, unknown):
            signature = frozenset(variables)
            if signature not in self.cache:  # a part of the system that did not change is not solved again
                self.cache[signature] = _pinned(variables, equations)
            found += self.cache[signature]
        return found

    def determined(self) -> list[Key]:
        """Protected entries the lines pin down as a linear system (in the order they were made), or
        failing that by bounds: no count is below zero, so a sum of unknowns that is small pins them."""
        pinned = [key for key in self._pinned_all(self.unknown) if self.protected(key)] or \
            [key for key in self._bounded() if self.protected(key)]
        return sorted(pinned, key=self.order.__getitem__)

    def _bounded(self) -> list[Key]:
        """Interval propagation: each line narrows each unknown entry of it to what the others' intervals
        leave; entries whose interval closes to one value are pinned."""
        unknown = [key for key in self.entries if self.unknown(key)]
        low = dict.fromkeys(unknown, 0)
        high = dict.fromkeys(unknown, max((e.value for e in self.entries.values()), default=0))
        equations, using = [], {key: [] for key in unknown}
        for line in self.lines:
            coefficients, rhs = {}, 0
            for key, sign in [(k, 1) for k in line.parts] + [(line.total, -1)]:
                if key in low:
                    coefficients[key] = coefficients.get(key, 0) + sign
                else:
                    rhs -= sign * self.entries[key].value
            coefficients = {key: c for key, c in coefficients.items() if c}
            if coefficients:
                for key in coefficients:
                    using[key].append(len(equations))
                equations.append((coefficients, rhs))
        pending = set(range(len(equations)))
        while pending:
            coefficients, rhs = equations[pending.pop()]
            least = sum(c * (low[k] if c > 0 else high[k]) for k, c in coefficients.items())
            most = sum(c * (high[k] if c > 0 else low[k]) for k, c in coefficients.items())
            for key, c in coefficients.items():
                # c * key = rhs - others, others within [least - c·own least, most - c·own most]
                own_least, own_most = (low[key], high[key]) if c > 0 else (high[key], low[key])
                first, second = rhs - (most - c * own_most), rhs - (least - c * own_least)
                lower, upper = (-(-first // c), second // c) if c > 0 else (-(-second // c), first // c)
                lower, upper = max(low[key], lower), min(high[key], upper)
                if (lower, upper) != (low[key], high[key]) and lower <= upper:
                    low[key], high[key] = lower, upper
                    pending.update(using[key])
        return [key for key in unknown if low[key] == high[key]]


def suppress(entries: Mapping[Key, Entry], lines: Sequence[Line], threshold: int = THRESHOLD) -> frozenset[Key]:
    """The shown entries to print as ".": primary and secondary suppression, checked exactly."""
    for line in lines:
        missing = [key for key in line.entries if key not in entries]
        assert not missing, f"line names unknown entries {missing}"
    state = _State(entries, lines, threshold)
    while True:
        state.close()
        pinned = state.determined()
        if not pinned:
            return frozenset(state.hidden)
        progress = False
        for key in pinned:
            lines_of = state.lines_of.get(key, [])
            progress |= state.hide_smallest(lines_of, frozenset(line.total for line in lines_of))
        if not progress:  # all their lines hidden already: the smallest shown entry of their part of the system
            around = {key for variables, _ in _components(state.lines, state.unknown) if pinned[0] in variables
                      for key in variables}
            if not state.hide_smallest([line for line in state.lines if set(line.entries) & around]):
                return frozenset(state.hidden)


def _components(lines: Sequence[Line], unknown) -> list[tuple[list[Key], list[dict[Key, int]]]]:
    """The linear system split into independent parts: unknowns linked by a shared line."""
    parent: dict[Key, Key] = {}

    def find(key: Key) -> Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    equations = []
    for line in lines:
        coefficients = {key: 1 for key in line.parts if unknown(key)}
        if unknown(line.total):
            coefficients[line.total] = coefficients.get(line.total, 0) - 1
        coefficients = {key: c for key, c in coefficients.items() if c}
        if not coefficients:
            continue
        equations.append(coefficients)
        keys = list(coefficients)
        for key in keys:
            parent.setdefault(key, key)
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
    grouped: dict[Key, tuple[dict[Key, None], list[dict[Key, int]]]] = {}
    for coefficients in equations:
        root = find(next(iter(coefficients)))
        variables, rows = grouped.setdefault(root, ({}, []))
        rows.append(coefficients)
        variables.update(dict.fromkeys(coefficients))
    return [(list(variables), rows) for variables, rows in grouped.values()]


# Elimination modulo a large prime instead of over the rationals: the same answer unless the prime
# divides a minor of the system, which with these coefficients (1 and −1, table-like) does not happen,
# and many times faster than fractions.
PRIME = (1 << 61) - 1


def _pinned(variables: list[Key], equations: list[dict[Key, int]]) -> list[Key]:
    """Variables whose value the equations fix: in reduced row echelon form, a variable is fixed
    exactly when a row of it has no other variable."""
    # Variables in few equations (the cells) before those in many (the margins), short equations first:
    # far less fill-in than the order of appearance.
    degree: dict[Key, int] = {}
    for equation in equations:
        for key in equation:
            degree[key] = degree.get(key, 0) + 1
    ordered = sorted(range(len(variables)), key=lambda i: degree[variables[i]])
    variables = [variables[i] for i in ordered]
    index = {key: i for i, key in enumerate(variables)}
    pivots: dict[int, dict[int, int]] = {}
    for equation in sorted(equations, key=len):
        row = {index[key]: c % PRIME for key, c in equation.items()}
        while row:
            column = min(row)
            pivot = pivots.get(column)
            if pivot is None:
                inverse = pow(row[column], PRIME - 2, PRIME)
                pivots[column] = {c: v * inverse % PRIME for c, v in row.items()}
                break
            _subtract(row, pivot, row[column])
    for column in sorted(pivots, reverse=True):  # back substitution: later pivots are reduced already
        row = pivots[column]
        for other in [c for c in row if c != column and c in pivots]:
            if other in row:
                _subtract(row, pivots[other], row[other])
    return [variables[column] for column, row in pivots.items() if len(row) == 1]


def _subtract(row: dict[int, int], pivot: dict[int, int], factor: int) -> None:
    for column, value in pivot.items():
        changed = (row.get(column, 0) - factor * value) % PRIME
        if changed:
            row[column] = changed
        else:
            row.pop(column, None)
