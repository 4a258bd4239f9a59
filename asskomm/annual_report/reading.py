"""A KPR's records of one year, read for its Präventionsbericht in a fixed number of queries (one per
section, whatever the number of meetings, measures or registrations), inside the request's tenant."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from tenants import current_tenant_id, db

from ..coaching.models import Consultation, ConsultationTopic
from ..events.day.services import possible_checkin
from ..events.models import Attendance, Event, EventKind, EventSession, Registration, RegistrationStatus
from ..funding.models import FundingApplication, FundingStatus
from ..meetings.models import Decision, Meeting, MeetingStatus, Minutes
from ..prevention.models import Measure, MeasureStatus, PreventionCycle
from ..prevention.reference import TOTAL
from ..prevention.statistics.models import CrimeFigure, IndicatorSeries, IndicatorValue, Population
from ..prevention.statistics.values import frequency
from ..structure.models import Body, BodyKind
from ..timeutil import now

BERLIN = ZoneInfo("Europe/Berlin")
TREND_YEARS = 5  # the report year and the four before it


@dataclass
class HeldMeeting:
    title: str
    day: date
    decisions: list[str] = field(default_factory=list)


@dataclass
class BodyYear:
    body: Body
    meetings: list[HeldMeeting] = field(default_factory=list)

    @property
    def decisions(self) -> list[str]:
        return [d for m in self.meetings for d in m.decisions]


@dataclass
class Trend:
    name: str
    unit: str
    values: dict[int, Decimal | int | None]


@dataclass
class Training:
    title: str
    day: date
    people: int


@dataclass
class YearRecords:
    year: int
    bodies: list[BodyYear]
    measures: list[Measure]
    cycle: PreventionCycle | None
    trends: list[Trend]
    coaching: dict[ConsultationTopic, tuple[int, Decimal]]  # topic -> (consultations, hours)
    trainings: list[Training]
    funding: list[FundingApplication]
    years: list[int] = field(default_factory=list)

    @property
    def governing_bodies(self) -> list[BodyYear]:
        return [b for b in self.bodies if b.body.kind != BodyKind.working_group]

    @property
    def working_groups(self) -> list[BodyYear]:
        return [b for b in self.bodies if b.body.kind == BodyKind.working_group]

    @property
    def meetings_held(self) -> int:
        return sum(len(b.meetings) for b in self.bodies)

    @property
    def consultations(self) -> int:
        return sum(count for count, _ in self.coaching.values())

    @property
    def coaching_hours(self) -> Decimal:
        return sum((hours for _, hours in self.coaching.values()), Decimal(0))

    @property
    def funding_applied(self) -> Decimal:
        return sum((f.amount_applied or Decimal(0) for f in self.funding if f.status != FundingStatus.planned),
                   Decimal(0))

    @property
    def funding_granted(self) -> Decimal:
        return sum((f.amount_granted or Decimal(0) for f in self.funding if f.status == FundingStatus.granted),
                   Decimal(0))


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The calendar year in Berlin time, as UTC moments: a meeting on 31 December at 23:30 counts."""
    start = datetime.combine(date(year, 1, 1), time(0), tzinfo=BERLIN).astimezone(UTC)
    end = datetime.combine(date(year + 1, 1, 1), time(0), tzinfo=BERLIN).astimezone(UTC)
    return start, end


def read_year(year: int) -> YearRecords:
    years = list(range(year - TREND_YEARS + 1, year + 1))
    return YearRecords(year, _bodies(year), _measures(year), _cycle(year), _trends(years), _coaching(year),
                       _trainings(year), _funding(year), years)


def _bodies(year: int) -> list[BodyYear]:
    """Every body with the meetings it held in the year (taken place: begun and not cancelled) and
    the decisions recorded in their minutes: three queries."""
    start, end = year_bounds(year)
    bodies = {b.id: BodyYear(b) for b in db.session.scalars(sa.select(Body).order_by(Body.position, Body.id))}
    held = (Meeting.status != MeetingStatus.cancelled, Meeting.starts_at >= start, Meeting.starts_at < end,
            Meeting.starts_at <= now())
    meetings: dict[int, HeldMeeting] = {}
    for meeting_id, body_id, title, starts_at in db.session.execute(
            sa.select(Meeting.id, Meeting.body_id, Meeting.title, Meeting.starts_at).where(*held)
            .order_by(Meeting.starts_at, Meeting.id)):
        local = starts_at.replace(tzinfo=starts_at.tzinfo or UTC).astimezone(BERLIN)
        meetings[meeting_id] = HeldMeeting(title, local.date())
        if body_id in bodies:
            bodies[body_id].meetings.append(meetings[meeting_id])
    for meeting_id, text in db.session.execute(
            sa.select(Minutes.meeting_id, Decision.text).join(Decision, Decision.minutes_id == Minutes.id)
            .join(Meeting, Meeting.id == Minutes.meeting_id).where(*held)
            .order_by(Minutes.meeting_id, Decision.position, Decision.id)):
        meetings[meeting_id].decisions.append(text)
    return list(bodies.values())


def _measures(year: int) -> list[Measure]:
    """Measures and projects that ran during the year (ideas not yet begun are not reported)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return list(db.session.scalars(
        sa.select(Measure).options(joinedload(Measure.action_field), joinedload(Measure.working_group))
        .where(Measure.status != MeasureStatus.idea,
               sa.or_(Measure.starts_on.is_(None), Measure.starts_on <= last),
               sa.or_(Measure.ends_on.is_(None), Measure.ends_on >= first))
        .order_by(Measure.starts_on, Measure.title)).unique())


def _cycle(year: int) -> PreventionCycle | None:
    """The round whose Sicherheitsanalyse was current in the year: the latest one begun by its end."""
    return db.session.scalar(
        sa.select(PreventionCycle).where(PreventionCycle.analysis_started_on <= date(year, 12, 31))
        .order_by(PreventionCycle.number.desc()).limit(1))


def _trends(years: list[int]) -> list[Trend]:
    """Crimes in total (cases and Häufigkeitszahl) and the KPR's further indicators over the years."""
    span = (min(years), max(years))
    cases = dict(db.session.execute(
        sa.select(CrimeFigure.year, CrimeFigure.cases)
        .where(CrimeFigure.offence_key == TOTAL, CrimeFigure.year.between(*span))).all())
    inhabitants = dict(db.session.execute(
        sa.select(Population.year, Population.inhabitants).where(Population.year.between(*span))).all())
    trends = []
    if cases:
        trends.append(Trend("Straftaten insgesamt", "Fälle", {y: cases.get(y) for y in years}))
        trends.append(Trend("Straftaten insgesamt je 100.000 Einwohner:innen (Häufigkeitszahl)", "HZ",
                            {y: frequency(cases[y], inhabitants.get(y)) if y in cases else None for y in years}))
    series: dict[tuple[int, str, str], dict[int, Decimal]] = defaultdict(dict)
    for series_id, name, unit, value_year, value in db.session.execute(
            sa.select(IndicatorSeries.id, IndicatorSeries.name, IndicatorSeries.unit, IndicatorValue.year,
                      IndicatorValue.value).join(IndicatorValue, IndicatorValue.series_id == IndicatorSeries.id)
            .where(IndicatorValue.year.between(*span)).order_by(IndicatorSeries.name, IndicatorSeries.id)):
        series[(series_id, name, unit)][value_year] = value
    trends += [Trend(name, unit, {y: values.get(y) for y in years}) for (_, name, unit), values in series.items()]
    return trends


def _coaching(year: int) -> dict[ConsultationTopic, tuple[int, Decimal]]:
    rows = db.session.execute(
        sa.select(Consultation.topic, sa.func.count(), sa.func.sum(Consultation.hours))
        .where(Consultation.withdrawn_at.is_(None), Consultation.held_on.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(Consultation.topic))
    found = {topic: (count, Decimal(hours or 0)) for topic, count, hours in rows}
    return {topic: found[topic] for topic in ConsultationTopic if topic in found}


def _trainings(year: int) -> list[Training]:
    """The state council's trainings in the year (by their first session) that people of this KPR
    attended, with how many of them: presence counts as the reports count it (a real check-in).
    Registrations are the state council's rows, so they are read by this KPR's id."""
    start, end = year_bounds(year)
    first = (sa.select(EventSession.event_id, sa.func.min(EventSession.starts_at).label("starts"))
             .group_by(EventSession.event_id).subquery())
    attended = (sa.select(Attendance.registration_id).join(EventSession, EventSession.id == Attendance.session_id)
                .where(Attendance.present.is_(True), possible_checkin()))
    rows = db.session.execute(
        sa.select(Event.title, first.c.starts, sa.func.count(sa.distinct(Registration.user_id)))
        .join(Registration, Registration.event_id == Event.id).join(first, first.c.event_id == Event.id)
        .where(Event.kind == EventKind.training, Registration.tenant_id == current_tenant_id(),
               Registration.status == RegistrationStatus.confirmed, Registration.id.in_(attended),
               first.c.starts >= start, first.c.starts < end)
        .group_by(Event.id, Event.title, first.c.starts).order_by(first.c.starts))
    return [Training(title, _local_day(starts), people) for title, starts, people in rows]


def _local_day(moment: datetime | str) -> date:
    if isinstance(moment, str):  # SQLite hands an aggregate's moment back as text
        moment = datetime.fromisoformat(moment)
    return moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(BERLIN).date()


def _funding(year: int) -> list[FundingApplication]:
    return list(db.session.scalars(
        sa.select(FundingApplication).where(FundingApplication.year == year).order_by(FundingApplication.id)))
