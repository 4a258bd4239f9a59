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
]
BY_KEY = {metric.key: metric for metric in KEY_FIGURES}

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
