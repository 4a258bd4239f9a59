"""What the report figures mean: their labels and units, and which series each table shows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    kind: str = "count"  # count | hours | euro


# In the order of the key-figure table; a metric with categories is shown as their sum there.
KEY_FIGURES = [
    Metric("lifecycle", "KPR im Bündnis (am Jahresende, im laufenden Jahr heute)"),
    Metric("agreements_signed", "Kooperationsvereinbarungen unterzeichnet"),
    Metric("agreements_renewed", "Kooperationsvereinbarungen verlängert"),
    Metric("founded", "KPR gegründet"),
    Metric("consultations", "Beratungen durch ASSKomm-Coaches"),
    Metric("coaching_hours", "Beratungsstunden", "hours"),
    Metric("meetings_held", "Sitzungen abgehalten"),
    Metric("working_groups", "Arbeitsgruppen"),
    Metric("action_items_open", "Aufgaben aus Sitzungen: offen"),
    Metric("action_items_closed", "Aufgaben aus Sitzungen: erledigt"),
    Metric("trainings_attended", "Fortbildungen mit Teilnahme (je KPR gezählt)"),
    Metric("training_participants", "Personen in Fortbildungen"),
    Metric("funding_applied", "Fördermittel beantragt", "euro"),
    Metric("funding_granted", "Fördermittel bewilligt", "euro"),
    Metric("measures", "Maßnahmen der Präventionsstrategien (Runden, die im Jahr liefen)"),
    Metric("goals", "Ziele der Präventionsstrategien (Runden, die im Jahr liefen)"),
]
# The prevention cycle's figures that have no sum worth a key figure (every KPR has a stage).
# The stage is today's: it is written for the current year only, like the hours per stage.
CYCLE_FIGURES = [
    Metric("prevention_stage", "KPR nach Stand im Präventionszyklus (heute)"),
    Metric("coaching_hours_by_stage", "Beratungsstunden nach dem heutigen Stand des KPR im Präventionszyklus",
           "hours"),
]
BY_KEY = {metric.key: metric for metric in KEY_FIGURES + CYCLE_FIGURES}
# A measure's category: "<status>|<action field title>", so one row holds both breakdowns.
MEASURE_CATEGORY_SEPARATOR = "|"
ACTION_FIELD_TITLE_MAX = 150

# The columns of the table that compares districts or KPRs.
BREAKDOWN = ["lifecycle", "agreements_signed", "founded", "consultations", "coaching_hours", "meetings_held",
             "working_groups", "action_items_open", "action_items_closed", "training_participants",
             "funding_granted"]
SHORT_LABELS = {
    "lifecycle": "KPR", "agreements_signed": "Vereinbarungen", "founded": "gegründet",
    "consultations": "Beratungen", "coaching_hours": "Beratungsstunden", "meetings_held": "Sitzungen",
    "working_groups": "Arbeitsgruppen", "action_items_open": "Aufgaben offen",
    "action_items_closed": "Aufgaben erledigt", "training_participants": "Personen in Fortbildungen",
    "funding_granted": "Fördermittel bewilligt",
}

# The series drawn over the years.
TREND = ["agreements_signed", "founded", "meetings_held", "training_participants"]
