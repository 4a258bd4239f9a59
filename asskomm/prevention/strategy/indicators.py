"""What a goal measures: its indicator (a crime figure's cases or Häufigkeitszahl, the survey's share
feeling unsafe, or one of the KPR's indicator series), named in German and offered in one select.

The form offers all indicators in one select grouped in <optgroup>s, so that no script is needed to
show the offence keys only for crime indicators: a choice is written "crime_rate:892000",
"crime_cases:892000", "survey_unsafe" or "series:12".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..models import IndicatorKind
from ..reference import OFFENCE_KEYS, OFFENCES
from ..statistics.models import IndicatorSeries
from ..statistics.table import german

CRIME_KINDS = (IndicatorKind.crime_rate, IndicatorKind.crime_cases)
# decimal places a value of each kind is shown with
PLACES = {IndicatorKind.crime_rate: 1, IndicatorKind.crime_cases: 0, IndicatorKind.survey_unsafe: 1,
          IndicatorKind.series: 2}


def show_value(kind: IndicatorKind | str, value: Decimal | None) -> str:
    """A value of an indicator of this kind, with its decimal places (1.234 · 12,5); a series' whole
    numbers without ",00"."""
    kind = IndicatorKind(kind)
    if kind == IndicatorKind.series and value is not None and value == value.to_integral_value():
        return german(value)
    return german(value, PLACES[kind])


@dataclass(frozen=True)
class Indicator:
    """A goal's indicator in one KPR: the key its measured values are read by."""

    tenant_id: int
    kind: IndicatorKind
    offence_key: str = ""
    series_id: int | None = None

    @classmethod
    def of(cls, goal) -> Indicator:
        kind = IndicatorKind(goal.indicator_kind)
        return cls(goal.tenant_id, kind, goal.offence_key if kind in CRIME_KINDS else "",
                   goal.series_id if kind == IndicatorKind.series else None)


def offence_name(key: str) -> str:
    offence = OFFENCES.get(key)
    return f"{offence.label} ({key})" if offence else key


def indicator_label(kind: IndicatorKind | str, offence_key: str = "", series: IndicatorSeries | None = None) -> str:
    """"Häufigkeitszahl: Gewaltkriminalität (Summenschlüssel) (892000)" and the like."""
    kind = IndicatorKind(kind)
    if kind == IndicatorKind.crime_rate:
        return f"Häufigkeitszahl: {offence_name(offence_key)}"
    if kind == IndicatorKind.crime_cases:
        return f"Fallzahl: {offence_name(offence_key)}"
    if kind == IndicatorKind.survey_unsafe:
        return "Bürgerbefragung: Anteil, der sich nachts allein in der Wohngegend unsicher fühlt"
    return f"Kennzahl: {series.name}" if series is not None else "Kennzahl (gelöscht)"


def indicator_unit(kind: IndicatorKind | str, series: IndicatorSeries | None = None) -> str:
    kind = IndicatorKind(kind)
    if kind == IndicatorKind.crime_rate:
        return "Fälle je 100.000 Einwohner:innen"
    if kind == IndicatorKind.crime_cases:
        return "Fälle"
    if kind == IndicatorKind.survey_unsafe:
        return "%"
    return series.unit if series is not None else ""


def goal_indicator_label(goal) -> str:
    return indicator_label(goal.indicator_kind, goal.offence_key, goal.series)


def goal_indicator_unit(goal) -> str:
    return indicator_unit(goal.indicator_kind, goal.series)


def choice_of(kind: IndicatorKind | str, offence_key: str = "", series_id: int | None = None) -> str:
    kind = IndicatorKind(kind)
    if kind in CRIME_KINDS:
        return f"{kind.value}:{offence_key}"
    if kind == IndicatorKind.series:
        return f"series:{series_id}"
    return kind.value


def indicator_choices(series: list[IndicatorSeries]) -> dict[str, list[tuple[str, str]]]:
    """The options of the indicator select, grouped: WTForms renders a dict as <optgroup>s."""
    groups = {
        "Häufigkeitszahl (Fälle je 100.000 Einwohner:innen)": [
            (choice_of(IndicatorKind.crime_rate, o.key), f"Häufigkeitszahl: {offence_name(o.key)}")
            for o in OFFENCE_KEYS],
        "Fallzahl": [(choice_of(IndicatorKind.crime_cases, o.key), f"Fallzahl: {offence_name(o.key)}")
                     for o in OFFENCE_KEYS],
        "Bürgerbefragung": [(choice_of(IndicatorKind.survey_unsafe), indicator_label(IndicatorKind.survey_unsafe))],
    }
    if series:
        groups["Weitere Kennzahlen des KPR"] = [(choice_of(IndicatorKind.series, series_id=s.id), f"Kennzahl: {s.name}")
                                                for s in series]
    return groups


def parse_choice(choice: str) -> tuple[IndicatorKind, str, int | None]:
    """(kind, offence key, series id) of a choice; ValueError for anything else. Whether a series
    belongs to the KPR is checked by the service (a choice is only text from the browser)."""
    kind_text, _, rest = (choice or "").partition(":")
    kind = IndicatorKind(kind_text)
    if kind in CRIME_KINDS:
        if rest not in OFFENCES:
            raise ValueError(choice)
        return kind, rest, None
    if kind == IndicatorKind.series:
        if not rest.isdigit():
            raise ValueError(choice)
        return kind, "", int(rest)
    if rest:
        raise ValueError(choice)
    return kind, "", None
