"""Disclosure control: which published counts are shown as "." so that no small count can be read
or worked out from what is shown.

The engine knows nothing of surveys. It works on numbers (entries, by key) and on *lines*: sets of
entries whose parts add up to their total (an option distribution and its n, a row of a cross table
and its row n, a column and the overall count, "chose" and "did not choose" and n). An entry that
appears in several tables is one key, so once hidden it is hidden everywhere.

- Primary suppression: every sensitive count below the threshold (5, zero included) is hidden.
- Secondary suppression, iterated to a fixed point: a line in which exactly one entry is unknown
  would give it away (total minus the others), and so would a line whose unknown parts add up to
  zero (none can be below zero); either hides the smallest other shown entry.
- Then an exact check: the lines as a linear system over the unknown entries; any hidden entry the
  system determines (a combination of lines, not only one line, can pin it) hides one more entry of
  its lines, and the fixed point runs again.

Entries that are not shown anywhere (the "did not choose" counts, which follow from n and "chose")
are unknowns from the start; they need protection only if they are sensitive and small.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

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
        self.hidden: set[Key] = {key for key, e in entries.items()
                                 if e.shown and e.sensitive and not e.fixed and e.value < threshold}
        self.lines_of: dict[Key, list[Line]] = {}
        for line in lines:
            for key in line.entries:
                self.lines_of.setdefault(key, []).append(line)

    def unknown(self, key: Key) -> bool:
        return key in self.hidden or not self.entries[key].shown

    def protected(self, key: Key) -> bool:
        """Must not be determined: what a table shows as ".", and small counts shown nowhere."""
        entry = self.entries[key]
        if entry.shown:
            return key in self.hidden
        return entry.sensitive and entry.value < self.threshold

    def candidates(self, lines: Iterable[Line]) -> list[Key]:
        return [key for line in lines for key in line.entries
                if self.entries[key].shown and not self.entries[key].fixed and key not in self.hidden]

    def hide_smallest(self, lines: Iterable[Line], totals: frozenset[Key] = frozenset()) -> bool:
        """Hide the smallest shown entry of `lines` (parts before totals, then the first made)."""
        keys = self.candidates(lines)
        if not keys:
            return False
        self.hidden.add(min(keys, key=lambda k: (self.entries[k].value, k in totals, self.order[k])))
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

    def determined(self) -> list[Key]:
        """Protected entries the lines pin down as a linear system (in the order they were made)."""
        found = []
        for variables, equations in _components(self.lines, self.unknown):
            for key in _pinned(variables, equations):
                if self.protected(key):
                    found.append(key)
        return sorted(found, key=self.order.__getitem__)


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
        # nothing left to hide around them: the smallest shown entry of any line
        if not progress and not state.hide_smallest(state.lines):
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
    grouped: dict[Key, tuple[list[Key], list[dict[Key, int]]]] = {}
    for coefficients in equations:
        root = find(next(iter(coefficients)))
        variables, rows = grouped.setdefault(root, ([], []))
        rows.append(coefficients)
        for key in coefficients:
            if key not in variables:
                variables.append(key)
    return list(grouped.values())


def _pinned(variables: list[Key], equations: list[dict[Key, int]]) -> list[Key]:
    """Variables whose value the equations fix: reduced row echelon form; a variable is fixed
    exactly when a row of it has no other variable."""
    index = {key: i for i, key in enumerate(variables)}
    rows = [{index[key]: Fraction(c) for key, c in equation.items()} for equation in equations]
    reduced: list[dict[int, Fraction]] = []
    for column in range(len(variables)):
        pivot = next((row for row in rows if row.get(column)), None)
        if pivot is None:
            continue
        rows.remove(pivot)
        factor = pivot[column]
        pivot = {c: v / factor for c, v in pivot.items()}
        for others in (rows, reduced):
            for position, row in enumerate(others):
                if row.get(column):
                    scale = row[column]
                    merged = dict(row)
                    for c, v in pivot.items():
                        merged[c] = merged.get(c, 0) - scale * v
                    others[position] = {c: v for c, v in merged.items() if v}
        reduced.append(pivot)
    return [variables[next(iter(row))] for row in reduced if len(row) == 1]
