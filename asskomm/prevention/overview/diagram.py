"""The cycle diagram, drawn on the server: the five stages on a circle, joined by arrows, the last
one leading back to the first. This module lays it out; templates/prevention/overview/_diagram.html
draws it as SVG.

The current stage stands out by shape and words as well as by colour (a filled box with a thick
border and "aktuell"; done stages carry a tick and "erledigt"; open ones a dashed border and
"offen"), so it reads without colour too. Colours: text 4.5:1 or more on its background, lines and
borders 3:1 or more against white.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..stage import CYCLE, Stage

# (fill, border, text) per state; checked in tests/test_prevention_overview.py
COLOURS = {
    "done": ("#e3f1e6", "#1d6b2f", "#1b1f24"),
    "current": ("#00589c", "#003f70", "#ffffff"),
    "open": ("#ffffff", "#4a5360", "#1b1f24"),
}
LINE = "#4a5360"
STATE_WORDS = {"done": "✓ erledigt", "current": "▶ aktuell", "open": "offen"}
SHORT_WORDS = {"done": "✓", "current": "aktuell", "open": "offen"}  # in the small boxes of the compact one
STATE_TEXT = {"done": "erledigt", "current": "aktueller Schritt", "open": "noch offen"}

# The labels as they fit into the boxes of the large diagram.
LINES = {
    Stage.analysis: ["Sicherheits-", "analyse"],
    Stage.resources: ["Bedarfs- und", "Ressourcenanalyse"],
    Stage.strategy: ["Präventions-", "strategie"],
    Stage.measures: ["Maßnahmen"],
    Stage.evaluation: ["Evaluation"],
}


@dataclass(frozen=True)
class Node:
    stage: Stage
    number: int  # 1 to 5
    x: float  # centre
    y: float
    lines: list[str]
    state: str  # done | current | open

    @property
    def fill(self) -> str:
        return COLOURS[self.state][0]

    @property
    def border(self) -> str:
        return COLOURS[self.state][1]

    @property
    def ink(self) -> str:
        return COLOURS[self.state][2]

    @property
    def words(self) -> str:
        return STATE_WORDS[self.state]

    @property
    def short_words(self) -> str:
        return SHORT_WORDS[self.state]


@dataclass(frozen=True)
class Arrow:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str = ""
    label_x: float = 0
    label_y: float = 0


@dataclass(frozen=True)
class Diagram:
    key: str  # prefix of the element ids, unique on the page
    compact: bool
    width: int
    height: int
    node_width: int
    node_height: int
    nodes: list[Node]
    arrows: list[Arrow]
    centre: list[str]
    title: str
    description: str


def states(stage: Stage) -> dict[Stage, str]:
    """done, current or open for each of the five stages; all open before the first round."""
    if stage == Stage.not_started:
        return dict.fromkeys(CYCLE, "open")
    return {s: "done" if s.position < stage.position else "current" if s == stage else "open" for s in CYCLE}


def describe(stage: Stage) -> str:
    """The diagram in one sentence, for its <desc>."""
    if stage == Stage.not_started:
        return ("Die fünf Schritte des Präventionszyklus: " + ", ".join(s.label for s in CYCLE)
                + ", danach beginnt er von vorn. Der KPR hat noch keine Sicherheitsanalyse begonnen.")
    done = [s.label for s in CYCLE if s.position < stage.position]
    return (f"Aktueller Schritt: {stage.position}. {stage.label} von 5. "
            + (f"Erledigt: {', '.join(done)}. " if done else "")
            + "Nach der Evaluation beginnt der Zyklus mit einer neuen Sicherheitsanalyse von vorn.")


def _edge(node: Node, toward: Node, half_width: float, half_height: float, gap: float) -> tuple[float, float]:
    """Where the line from node's centre toward the other leaves node's box (plus a small gap)."""
    dx, dy = toward.x - node.x, toward.y - node.y
    length = math.hypot(dx, dy)
    scale = min(half_width / abs(dx) if dx else math.inf, half_height / abs(dy) if dy else math.inf)
    return node.x + dx * scale + dx / length * gap, node.y + dy * scale + dy / length * gap


def cycle_diagram(stage: Stage, key: str = "zyklus", compact: bool = False, round_number: int | None = None) \
        -> Diagram:
    """The large diagram (labels in the boxes) or the compact one (numbered boxes, the current
    stage named in the middle) for the workspace start page."""
    width, height = (300, 300) if compact else (600, 440)
    node_width, node_height = (64, 52) if compact else (160, 76)
    cx, cy = width / 2, height / 2 + (4 if compact else 2)
    radius = 108 if compact else 175
    marks = states(stage)
    nodes = []
    for index, each in enumerate(CYCLE):
        angle = math.radians(-90 + index * 72)
        nodes.append(Node(each, index + 1, round(cx + radius * math.cos(angle), 1),
                          round(cy + radius * math.sin(angle), 1),
                          [str(index + 1)] if compact else LINES[each], marks[each]))
    arrows = []
    for index, node in enumerate(nodes):
        following = nodes[(index + 1) % len(nodes)]
        x1, y1 = _edge(node, following, node_width / 2, node_height / 2, 4)
        x2, y2 = _edge(following, node, node_width / 2, node_height / 2, 6)
        label = "" if following.stage != CYCLE[0] or compact else "von vorn"
        # the label of the way back sits outside the circle, beside the middle of its arrow
        lx, ly = (x1 + x2) / 2 - 40, (y1 + y2) / 2 - 14
        arrows.append(Arrow(round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1), label, round(lx, 1),
                            round(ly, 1)))
    if compact:
        centre = ["noch nicht", "begonnen"] if stage == Stage.not_started else \
            [f"Schritt {stage.position} von 5", *LINES[stage]]
    else:
        centre = ["Präventions-", "zyklus"] + ([f"{round_number}. Runde"] if round_number else [])
    title = f"Präventionszyklus: {stage.label}" if stage != Stage.not_started else \
        "Präventionszyklus: noch nicht begonnen"
    return Diagram(key, compact, width, height, node_width, node_height, nodes, arrows, centre, title,
                   describe(stage))
